using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using MlopsGuard.Tasks.Packaging.Git;
using Xunit;
using Xunit.Abstractions;

namespace MlopsGuard.Sdk.Tests.Packaging
{
    /// <summary>
    /// Mutation fuzzing of every git parser through its in-memory entry point, seeded with the files of a small real
    /// repository (HEAD, packed-refs, config, a loose commit, pack indexes and packs with offset and reference deltas).
    /// The only exception allowed is <see cref="GitFormatException"/>, which the reader turns into its reason; every
    /// call must also finish quickly. Fixed seed: a failure reproduces.
    /// </summary>
    public class GitParserFuzzTests
    {
        private const int Seed = 20261128;
        private readonly ITestOutputHelper output;

        public GitParserFuzzTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        [Fact]
        public void One_hundred_thousand_mutated_repository_files_never_crash_the_reader()
        {
            var seed = int.TryParse(Environment.GetEnvironmentVariable("MLOPSGUARD_FUZZ_SEED"), out var s) ? s : Seed;
            var scale = int.TryParse(Environment.GetEnvironmentVariable("MLOPSGUARD_FUZZ_SCALE"), out var f) && f > 0 ? f : 1;
            var random = new Random(seed);
            var files = SeedFiles.Create();

            var counts = new Dictionary<string, int>();
            var rejected = new Dictionary<string, int>();
            var failures = new List<string>();
            var slowest = TimeSpan.Zero;
            var slowestCase = string.Empty;
            var watch = Stopwatch.StartNew();

            void Check(string parser, byte[] input, Action<byte[]> parse)
            {
                counts[parser] = counts.TryGetValue(parser, out var n) ? n + 1 : 1;
                var started = watch.Elapsed;
                try
                {
                    parse(input);
                }
                catch (GitFormatException)
                {
                    rejected[parser] = rejected.TryGetValue(parser, out var r) ? r + 1 : 1;
                }
                catch (Exception ex) when (failures.Count < 10)
                {
                    failures.Add($"{parser}: {ex.GetType().Name}: {ex.Message} on {Convert.ToBase64String(input)}");
                }

                var took = watch.Elapsed - started;
                if (took > slowest)
                {
                    slowest = took;
                    slowestCase = parser;
                }
            }

            // Each seed parses cleanly before it is mutated, so the mutations start from real, reachable code paths.
            Assert.Equal(TimeSpan.FromMinutes(330), ReadFromPack(files.OffsetIndex, files.OffsetPack, files.HeadId).CommitTime.Offset);
            Assert.Equal(TimeSpan.FromMinutes(330), ReadFromPack(files.ReferenceIndex, files.ReferencePack, files.HeadId).CommitTime.Offset);

            for (var i = 0; i < 8_000 * scale; i++)
            {
                Check("HEAD", Mutate(i % 2 == 0 ? files.Head : files.DetachedHead, random), b => GitReferences.ParseRefFile(b, 20, "HEAD"));
            }

            for (var i = 0; i < 8_000 * scale; i++)
            {
                Check("packed-refs", Mutate(files.PackedRefs, random), b => GitReferences.FindPacked(b, "refs/heads/main", 20));
            }

            for (var i = 0; i < 8_000 * scale; i++)
            {
                Check("config", Mutate(files.Config, random), b =>
                {
                    var url = GitConfig.Parse(b).RemoteUrl();
                    if (url != null)
                    {
                        GitRemoteUrl.StripCredentials(url);
                    }
                });
            }

            for (var i = 0; i < 4_000 * scale; i++)
            {
                Check(".git file", Mutate(files.GitFile, random), b => GitDirectory.ParseGitFile(b));
            }

            for (var i = 0; i < 6_000 * scale; i++)
            {
                Check("commit", Mutate(files.Commit, random), b => GitCommit.Parse(b, 20));
            }

            for (var i = 0; i < 14_000 * scale; i++)
            {
                Check("loose object", Mutate(files.LooseCommit, random), b =>
                {
                    var parsed = GitLooseObject.Parse(b, GitLimits.MaxCommitBytes, "loose object");
                    GitCommit.Parse(parsed.Data, 20);
                });
            }

            for (var i = 0; i < 6_000 * scale; i++)
            {
                Check("delta", Mutate(files.Delta, random), b => GitDelta.Apply(files.DeltaBase, b, GitLimits.MaxCommitBytes));
            }

            for (var i = 0; i < 12_000 * scale; i++)
            {
                Check("idx (offset deltas)", Mutate(files.OffsetIndex, random), b => ReadFromPack(b, files.OffsetPack, files.HeadId));
            }

            for (var i = 0; i < 6_000 * scale; i++)
            {
                Check("idx (reference deltas)", Mutate(files.ReferenceIndex, random), b => ReadFromPack(b, files.ReferencePack, files.HeadId));
            }

            // Most pack mutations land on the entries of HEAD's delta chain, where they are read; the rest anywhere.
            for (var i = 0; i < 18_000 * scale; i++)
            {
                Check("pack (offset deltas)", Mutate(files.OffsetPack, random, files.OffsetChain), b => ReadFromPack(files.OffsetIndex, b, files.HeadId));
            }

            for (var i = 0; i < 12_000 * scale; i++)
            {
                Check("pack (reference deltas)", Mutate(files.ReferencePack, random, files.ReferenceChain), b => ReadFromPack(files.ReferenceIndex, b, files.HeadId));
            }

            output.WriteLine($"{counts.Values.Sum()} inputs in {watch.Elapsed}; slowest single input {slowest.TotalMilliseconds:F1} ms ({slowestCase})");
            foreach (var pair in counts)
            {
                output.WriteLine($"  {pair.Key}: {pair.Value} inputs, {(rejected.TryGetValue(pair.Key, out var r) ? r : 0)} rejected as corrupt");
            }

            Assert.True(failures.Count == 0, string.Join("\n", failures));
            Assert.True(counts.Values.Sum() >= 100_000);
            Assert.True(slowest < TimeSpan.FromSeconds(2), $"one input took {slowest} ({slowestCase})");
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(90 * scale), $"fuzzing took {watch.Elapsed}");
        }

        private static GitCommit ReadFromPack(byte[] index, byte[] pack, string headId)
        {
            using var store = GitObjectStore.FromMemory(20, new[] { (index, pack) }, new Dictionary<string, byte[]>());
            GitObjectId.TryParseHex(headId, 20, out var id);
            var commit = store.Read(id, GitLimits.MaxCommitBytes);
            return commit.Type == GitObjectType.Commit ? GitCommit.Parse(commit.Data, 20) : throw new GitFormatException("not a commit");
        }

        private static byte[] Mutate(byte[] seed, Random random, IReadOnlyList<long>? hot = null)
        {
            var bytes = new List<byte>(seed);
            var mutations = 1 + random.Next(4);
            for (var m = 0; m < mutations && bytes.Count > 0; m++)
            {
                var at = hot != null && hot.Count > 0 && random.Next(4) != 0
                    ? (int)Math.Clamp(hot[random.Next(hot.Count)] + random.Next(-4, 48), 0, bytes.Count - 1)
                    : random.Next(bytes.Count);
                switch (random.Next(8))
                {
                    case 0: // flip a bit
                        bytes[at] ^= (byte)(1 << random.Next(8));
                        break;
                    case 1: // random byte
                        bytes[at] = (byte)random.Next(256);
                        break;
                    case 2: // truncate
                        bytes.RemoveRange(at, bytes.Count - at);
                        break;
                    case 3: // insert a few random bytes
                        var insert = new byte[1 + random.Next(8)];
                        random.NextBytes(insert);
                        bytes.InsertRange(at, insert);
                        break;
                    case 4: // delete a run
                        bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + random.Next(16)));
                        break;
                    case 5: // a size or offset made huge: a long varint, or big-endian 0x7FFFFFFF / 0xFFFFFFFF
                        var huge = random.Next(3) switch
                        {
                            0 => new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F },
                            1 => new byte[] { 0x7F, 0xFF, 0xFF, 0xFF },
                            _ => new byte[] { 0xFF, 0xFF, 0xFF, 0xFF },
                        };
                        for (var k = 0; k < huge.Length && at + k < bytes.Count; k++)
                        {
                            bytes[at + k] = huge[k];
                        }

                        break;
                    case 6: // a byte made zero (an empty size, a 0 opcode, an early NUL)
                        bytes[at] = 0;
                        break;
                    default: // a size or offset made slightly wrong
                        bytes[at] = (byte)(bytes[at] + (random.Next(2) == 0 ? 1 : -1));
                        break;
                }
            }

            return bytes.ToArray();
        }

        /// <summary>The seed inputs, taken from a small repository the real git CLI builds once per test run.</summary>
        private sealed class SeedFiles
        {
            public string HeadId { get; private set; } = string.Empty;

            public byte[] Head { get; private set; } = Array.Empty<byte>();

            public byte[] DetachedHead { get; private set; } = Array.Empty<byte>();

            public byte[] PackedRefs { get; private set; } = Array.Empty<byte>();

            public byte[] Config { get; private set; } = Array.Empty<byte>();

            public byte[] GitFile { get; private set; } = Array.Empty<byte>();

            public byte[] Commit { get; private set; } = Array.Empty<byte>();

            public byte[] LooseCommit { get; private set; } = Array.Empty<byte>();

            public byte[] OffsetIndex { get; private set; } = Array.Empty<byte>();

            public byte[] OffsetPack { get; private set; } = Array.Empty<byte>();

            public IReadOnlyList<long> OffsetChain { get; private set; } = Array.Empty<long>();

            public byte[] ReferenceIndex { get; private set; } = Array.Empty<byte>();

            public byte[] ReferencePack { get; private set; } = Array.Empty<byte>();

            public IReadOnlyList<long> ReferenceChain { get; private set; } = Array.Empty<long>();

            public byte[] DeltaBase { get; private set; } = Array.Empty<byte>();

            public byte[] Delta { get; private set; } = Array.Empty<byte>();

            public static SeedFiles Create()
            {
                using var repo = new GitTestRepository();
                var lines = Enumerable.Range(0, 40).Select(i => $"line {i}: metrics and parameters of the model").ToList();
                for (var i = 0; i < 6; i++)
                {
                    repo.Commit($"Model release {i}\n\n" + string.Join("\n", lines.Skip(i)), zone: "+0530");
                }

                repo.Git("remote", "add", "origin", "https://user:token@example.com/owner/repo.git");
                repo.Git("config", "remote.origin.fetch", "+refs/heads/*:refs/remotes/origin/*");
                var seeds = new SeedFiles { HeadId = repo.Head().Commit };
                var git = repo.GitDir;
                seeds.Head = File.ReadAllBytes(Path.Combine(git, "HEAD"));
                seeds.DetachedHead = Encoding.ASCII.GetBytes(seeds.HeadId + "\n");
                seeds.Config = File.ReadAllBytes(Path.Combine(git, "config"));
                seeds.GitFile = Encoding.UTF8.GetBytes("gitdir: ../.git/worktrees/feature\n");
                seeds.LooseCommit = File.ReadAllBytes(Path.Combine(git, "objects", seeds.HeadId.Substring(0, 2), seeds.HeadId.Substring(2)));
                seeds.Commit = GitLooseObject.Parse(seeds.LooseCommit, GitLimits.MaxCommitBytes, "seed").Data;

                repo.Git("-c", "repack.useDeltaBaseOffset=false", "repack", "-q", "-a", "-d", "-f", "--window=250", "--depth=50");
                (seeds.ReferenceIndex, seeds.ReferencePack) = PackBytes(git);
                seeds.ReferenceChain = Chain(seeds.ReferenceIndex, seeds.ReferencePack, seeds.HeadId);

                repo.Git("repack", "-q", "-a", "-d", "-f", "--window=250", "--depth=50");
                repo.Git("pack-refs", "--all");
                (seeds.OffsetIndex, seeds.OffsetPack) = PackBytes(git);
                seeds.OffsetChain = Chain(seeds.OffsetIndex, seeds.OffsetPack, seeds.HeadId);
                seeds.PackedRefs = File.ReadAllBytes(Path.Combine(git, "packed-refs"));

                // HEAD's own delta and the object it applies to.
                using var packSource = GitByteSource.FromBytes(seeds.OffsetPack);
                var pack = GitPackFile.Open(packSource, 20, "seed");
                var entry = pack.ReadEntry(seeds.OffsetChain[0]);
                seeds.Delta = pack.Inflate(entry, GitLimits.MaxCommitBytes);
                using var store = GitObjectStore.FromMemory(20, new[] { (seeds.OffsetIndex, seeds.OffsetPack) }, new Dictionary<string, byte[]>());
                seeds.DeltaBase = Array.Empty<byte>();
                foreach (var line in repo.Git("verify-pack", "-v", Directory.GetFiles(Path.Combine(git, "objects", "pack"), "*.idx").Single()).Split('\n'))
                {
                    var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    if (fields.Length >= 7 && fields[0] == seeds.HeadId)
                    {
                        GitObjectId.TryParseHex(fields[6], 20, out var raw);
                        seeds.DeltaBase = store.Read(raw, GitLimits.MaxCommitBytes).Data;
                    }
                }

                Assert.True(seeds.OffsetChain.Count > 1 && seeds.ReferenceChain.Count > 1, "HEAD is not deltified in the seed packs");
                Assert.Equal(seeds.Commit, GitDelta.Apply(seeds.DeltaBase, seeds.Delta, GitLimits.MaxCommitBytes));
                return seeds;
            }

            private static (byte[] Index, byte[] Pack) PackBytes(string git)
            {
                var index = Directory.GetFiles(Path.Combine(git, "objects", "pack"), "pack-*.idx").Single();
                return (File.ReadAllBytes(index), File.ReadAllBytes(Path.ChangeExtension(index, ".pack")));
            }

            // Offsets of the pack entries read to rebuild HEAD, from HEAD's own entry down to its base.
            private static IReadOnlyList<long> Chain(byte[] indexBytes, byte[] packBytes, string headId)
            {
                using var indexSource = GitByteSource.FromBytes(indexBytes);
                using var packSource = GitByteSource.FromBytes(packBytes);
                var index = GitPackIndex.Open(indexSource, 20, "seed");
                var pack = GitPackFile.Open(packSource, 20, "seed");
                GitObjectId.TryParseHex(headId, 20, out var id);
                Assert.True(index.TryFind(id, out var offset));
                var chain = new List<long>();
                while (true)
                {
                    chain.Add(offset);
                    var entry = pack.ReadEntry(offset);
                    if (entry.Type == GitObjectType.OffsetDelta)
                    {
                        offset = entry.BaseOffset;
                    }
                    else if (entry.Type == GitObjectType.ReferenceDelta)
                    {
                        Assert.True(index.TryFind(entry.BaseId!, out offset));
                    }
                    else
                    {
                        return chain;
                    }
                }
            }
        }
    }
}
