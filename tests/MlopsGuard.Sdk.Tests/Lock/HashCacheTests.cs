using System;
using System.IO;
using System.Security.Cryptography;
using MlopsGuard.Tasks.Lock.Hashing;
using Xunit;

namespace MlopsGuard.Sdk.Tests.Lock
{
    public class HashCacheTests
    {
        [Fact]
        public void An_unchanged_file_is_not_read_again_after_the_cache_is_saved()
        {
            using var repo = new TempRepository();
            var path = repo.Write("data/a.csv", "a,b\n1,2\n");
            var reads = 0;
            string Counting(string p, HashAlgorithmName a)
            {
                reads++;
                return ArtifactHasher.Hash(p, a);
            }

            var first = HashCache.Load(repo.CachePath, Counting);
            var hash = first.Sha256(path);
            Assert.Equal(1, first.Misses);
            Assert.True(first.Save());

            var second = HashCache.Load(repo.CachePath, Counting);
            Assert.Equal(hash, second.Sha256(path));
            Assert.Equal(1, second.Hits);
            Assert.Equal(0, second.Misses);
            Assert.Equal(1, reads);
            Assert.False(second.Save());
        }

        [Fact]
        public void A_changed_size_or_write_time_is_a_miss()
        {
            using var repo = new TempRepository();
            var path = repo.Write("data/a.csv", "one");
            var cache = HashCache.Load(repo.CachePath);
            var before = cache.Sha256(path);
            cache.Save();

            repo.Write("data/a.csv", "two");
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(-5));
            var reloaded = HashCache.Load(repo.CachePath);
            var after = reloaded.Sha256(path);

            Assert.NotEqual(before, after);
            Assert.Equal(1, reloaded.Misses);
        }

        [Fact]
        public void A_file_written_moments_ago_is_hashed_but_not_remembered()
        {
            using var repo = new TempRepository();
            var path = repo.Write("data/a.csv", "fresh");
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
            var cache = HashCache.Load(repo.CachePath);
            cache.Sha256(path);
            cache.Save();

            var reloaded = HashCache.Load(repo.CachePath);
            reloaded.Sha256(path);
            Assert.Equal(1, reloaded.Misses);
        }

        [Fact]
        public void Sha256_and_md5_are_cached_side_by_side()
        {
            using var repo = new TempRepository();
            var path = repo.Write("data/a.csv", "abc");
            var cache = HashCache.Load(repo.CachePath);
            cache.Sha256(path);
            Assert.Equal("900150983cd24fb0d6963f7d28e17f72", cache.Md5(path));
            cache.Save();

            var reloaded = HashCache.Load(repo.CachePath);
            reloaded.Md5(path);
            reloaded.Sha256(path);
            Assert.Equal(2, reloaded.Hits);
        }

        [Theory]
        [InlineData("not json at all")]
        [InlineData("{\"version\": 99, \"entries\": []}")]
        [InlineData("{\"version\": 1, \"entries\": [{\"path\": 3}]}")]
        [InlineData("[]")]
        public void A_corrupt_cache_is_an_empty_cache(string content)
        {
            using var repo = new TempRepository();
            var path = repo.Write("data/a.csv", "abc");
            Directory.CreateDirectory(repo.Obj);
            File.WriteAllText(repo.CachePath, content);

            var cache = HashCache.Load(repo.CachePath);
            Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", cache.Sha256(path));
            Assert.Equal(1, cache.Misses);
            Assert.True(cache.Save());
        }

        [Fact]
        public void Entries_not_used_in_a_run_are_dropped_on_save()
        {
            using var repo = new TempRepository();
            var a = repo.Write("a", "a");
            var b = repo.Write("b", "b");
            var cache = HashCache.Load(repo.CachePath);
            cache.Sha256(a);
            cache.Sha256(b);
            cache.Save();

            var second = HashCache.Load(repo.CachePath);
            second.Sha256(a);
            second.Save();
            Assert.DoesNotContain("\"" + b.Replace("\\", "\\\\") + "\"", File.ReadAllText(repo.CachePath), StringComparison.Ordinal);
        }
    }
}
