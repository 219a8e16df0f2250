using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using MlopsGuard.Tasks.Lock.Storage;
using Xunit;

namespace MlopsGuard.Sdk.Tests.Lock
{
    public class AtomicFileTests
    {
        [Fact]
        public void Writes_a_new_file_and_creates_its_folder()
        {
            using var repo = new TempRepository();
            var path = Path.Combine(repo.Obj, "deep", "file.json");
            Assert.True(AtomicFile.WriteIfChanged(path, Encoding.UTF8.GetBytes("new")));
            Assert.Equal("new", File.ReadAllText(path));
        }

        [Fact]
        public void The_same_bytes_are_not_written_again()
        {
            using var repo = new TempRepository();
            var path = repo.Write("mlops.lock.json", "same");
            var stamp = File.GetLastWriteTimeUtc(path);
            Assert.False(AtomicFile.WriteIfChanged(path, Encoding.UTF8.GetBytes("same")));
            Assert.Equal(stamp, File.GetLastWriteTimeUtc(path));
        }

        [Fact]
        public void A_streamed_write_keeps_an_identical_file_and_replaces_a_different_one()
        {
            using var repo = new TempRepository();
            var path = repo.Write("model.nupkg", "same");
            var stamp = File.GetLastWriteTimeUtc(path);
            Assert.False(AtomicFile.WriteIfChanged(path, stream => Write(stream, "same")));
            Assert.Equal(stamp, File.GetLastWriteTimeUtc(path));

            Assert.True(AtomicFile.WriteIfChanged(path, stream => Write(stream, "other")));
            Assert.Equal("other", File.ReadAllText(path));
            Assert.DoesNotContain(Directory.GetFiles(Path.GetDirectoryName(path)!), f => f.EndsWith(".tmp", StringComparison.Ordinal));
        }

        [Fact]
        public void Write_replaces_even_the_same_bytes_so_an_incremental_output_is_newer()
        {
            using var repo = new TempRepository();
            var path = repo.Write("obj/stamp", "ok");
            File.SetLastWriteTimeUtc(path, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));
            AtomicFile.Write(path, Encoding.UTF8.GetBytes("ok"));
            Assert.True(File.GetLastWriteTimeUtc(path) > new DateTime(2020, 1, 2, 0, 0, 0, DateTimeKind.Utc));
            Assert.Equal("ok", File.ReadAllText(path));
        }

        [Fact]
        public void A_crash_before_the_rename_leaves_the_old_file_whole_and_no_temporary_file()
        {
            using var repo = new TempRepository();
            var path = repo.Write("mlops.lock.json", "old content");
            string? temporary = null;

            Assert.Throws<InvalidOperationException>(() => AtomicFile.WriteIfChanged(path, Encoding.UTF8.GetBytes("new content"), t =>
            {
                temporary = t;
                Assert.Equal("new content", File.ReadAllText(t));
                throw new InvalidOperationException("simulated crash");
            }));

            Assert.Equal("old content", File.ReadAllText(path));
            Assert.NotNull(temporary);
            Assert.False(File.Exists(temporary));
            Assert.Equal(new[] { "mlops.lock.json" }, Directory.GetFiles(repo.Project).Select(Path.GetFileName));
        }

        [Fact]
        public void Parallel_writers_always_leave_one_complete_file()
        {
            using var repo = new TempRepository();
            var path = Path.Combine(repo.Project, "mlops.lock.json");
            var contents = Enumerable.Range(0, 8).Select(i => Encoding.UTF8.GetBytes(new string((char)('a' + i), 200_000))).ToArray();

            Parallel.For(0, 64, i => AtomicFile.WriteIfChanged(path, contents[i % contents.Length]));

            var final = File.ReadAllBytes(path);
            Assert.Contains(contents, c => c.AsSpan().SequenceEqual(final));
            Assert.Single(Directory.GetFiles(repo.Project));
        }

        private static void Write(Stream stream, string text)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            stream.Write(bytes, 0, bytes.Length);
        }
    }
}
