using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using MlopsGuard.Tasks.Packaging.Git;
using Xunit;
using Xunit.Abstractions;

namespace MlopsGuard.Sdk.Tests.Packaging
{
    /// <summary>
    /// The managed git reader against repositories the real git CLI made: loose and packed objects, deltas of both
    /// kinds, packed refs, worktrees, submodules, SHA-256, and corrupt files. Every success is compared with
    /// <c>git log -1 --format=%H %ct %cI</c>.
    /// </summary>
    public class GitRepositoryTests
    {
        private readonly ITestOutputHelper output;

        public GitRepositoryTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        [Fact]
        public void Reads_a_commit_stored_as_a_loose_object()
        {
            using var repo = new GitTestRepository();
            repo.Commit("first");
            repo.Commit("second");
            Assert.Empty(Directory.GetFiles(Path.Combine(repo.GitDir, "objects", "pack")));

            var info = ReadAndCompare(repo);

            Assert.Equal("main", info.Branch);
            Assert.Equal(repo.Work, info.RepositoryRoot);
            Assert.Null(info.RepositoryUrl);
        }

        [Fact]
        public void Walks_up_from_a_project_folder_to_the_repository()
        {
            using var repo = new GitTestRepository();
            repo.Commit("first");
            var project = Path.Combine(repo.Work, "src", "app", "obj");
            Directory.CreateDirectory(project);

            Assert.Equal(repo.Work, ReadAndCompare(repo, project).RepositoryRoot);
            Assert.Equal(repo.Work, ReadAndCompare(repo, repo.Work + Path.DirectorySeparatorChar).RepositoryRoot);
        }

        [Fact]
        public void Reads_packed_objects_and_packed_refs_after_gc()
        {
            using var repo = new GitTestRepository();
            var first = repo.Commit("first");
            repo.Commit("second");
            repo.Git("gc", "-q");
            Assert.False(File.Exists(Path.Combine(repo.GitDir, "refs", "heads", "main")));
            Assert.Contains("refs/heads/main", File.ReadAllText(Path.Combine(repo.GitDir, "packed-refs")), StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(repo.GitDir, "objects", first.Substring(0, 2), first.Substring(2))));

            var info = ReadAndCompare(repo);

            Assert.Equal("main", info.Branch);
        }

        [Fact]
        public void Prefers_a_loose_ref_over_a_stale_packed_one()
        {
            using var repo = new GitTestRepository();
            repo.Commit("first");
            repo.Git("pack-refs", "--all");
            repo.Commit("second");
            Assert.True(File.Exists(Path.Combine(repo.GitDir, "refs", "heads", "main")));

            ReadAndCompare(repo);
        }

        [Fact]
        public void Resolves_offset_deltas_of_commits_through_long_chains()
        {
            using var repo = DeltaRepository(out var commits);
            repo.Git("repack", "-q", "-a", "-d", "-f", "--window=250", "--depth=50");

            var depth = DeltaDepthOf(repo, repo.Head().Commit);
            Assert.True(depth > 0, "git did not store HEAD as a delta, so the test would not exercise delta resolution");
            Assert.Equal(GitObjectType.OffsetDelta, PackEntryType(repo, repo.Head().Commit));

            ReadAndCompare(repo);
            AssertHistoryMatches(repo, commits);
        }

        [Fact]
        public void Resolves_reference_deltas_of_commits()
        {
            using var repo = DeltaRepository(out var commits);
            repo.Git("-c", "repack.useDeltaBaseOffset=false", "repack", "-q", "-a", "-d", "-f", "--window=250", "--depth=50");

            Assert.True(DeltaDepthOf(repo, repo.Head().Commit) > 0, "git did not store HEAD as a delta");
            Assert.Equal(GitObjectType.ReferenceDelta, PackEntryType(repo, repo.Head().Commit));

            ReadAndCompare(repo);
            AssertHistoryMatches(repo, commits);
        }

        [Fact]
        public void Reads_64_bit_offsets_from_the_large_offset_table()
        {
            using var repo = new GitTestRepository();
            repo.Commit("first");
            repo.Commit("second");
            repo.Git("gc", "-q");
            var expected = repo.Head();
            // A test switch of index-pack: every object past offset 0 gets a 64-bit entry, as in packs over 2 GiB. Git
            // itself then refuses the index (it allows one entry fewer), so the expectation is taken before.
            var index = ReplaceIndex(repo, "--index-version=2,0");
            Assert.Equal(3 * 2, HighBitOffsets(File.ReadAllBytes(index)));

            var info = GitRepository.TryReadHead(repo.Work, out var problem);

            Assert.True(info != null, problem);
            Assert.Equal(expected.Commit, info!.Commit);
            Assert.Equal(expected.Iso, info.CommitTime.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
        }

        [Fact]
        public void Reads_a_version_1_pack_index()
        {
            using var repo = new GitTestRepository();
            repo.Commit("first");
            repo.Commit("second");
            repo.Git("gc", "-q");
            var index = ReplaceIndex(repo, "--index-version=1");
            Assert.NotEqual(0xFF, File.ReadAllBytes(index)[0]);

            ReadAndCompare(repo);
        }

        [Fact]
        public void A_broken_pack_beside_a_good_one_is_passed_over()
        {
            using var repo = new GitTestRepository();
            repo.Commit("first");
            repo.Git("gc", "-q");
            var pack = Path.Combine(repo.GitDir, "objects", "pack");
            File.WriteAllBytes(Path.Combine(pack, "pack-0000000000000000000000000000000000000000.idx"), new byte[] { 0xFF, (byte)'t', (byte)'O', (byte)'c', 0, 0, 0, 9 });
            File.WriteAllBytes(Path.Combine(pack, "pack-0000000000000000000000000000000000000000.pack"), Encoding.ASCII.GetBytes("PACK"));

            var info = GitRepository.TryReadHead(repo.Work, out var problem);

            Assert.True(info != null, problem);
            Assert.Equal(repo.Head().Commit, info!.Commit);
        }

        [Fact]
        public void Reads_the_repository_these_tests_are_built_from()
        {
            var root = typeof(GitRepositoryTests).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
                .Cast<System.Reflection.AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;
            using var helper = new GitTestRepository();
            string expected;
            string branch;
            try
            {
                expected = helper.Run(root, "log", "-1", "--format=%H %ct %cI").Trim();
                branch = helper.Run(root, "rev-parse", "--abbrev-ref", "HEAD").Trim();
            }
            catch (InvalidOperationException)
            {
                return; // Built from a source archive, not a checkout: there is nothing to compare with.
            }

            var watch = System.Diagnostics.Stopwatch.StartNew();
            var info = GitRepository.TryReadHead(root, out var problem);
            output.WriteLine($"read {info?.Commit} on {info?.Branch} in {watch.Elapsed.TotalMilliseconds:F1} ms");

            Assert.True(info != null, problem);
            Assert.Equal(expected, $"{info!.Commit} {info.CommitTime.ToUnixTimeSeconds()} {info.CommitTime.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)}");
            Assert.Equal(branch == "HEAD" ? null : branch, info.Branch);
        }

        [Fact]
        public void A_detached_head_has_no_branch()
        {
            using var repo = new GitTestRepository();
            var first = repo.Commit("first");
            repo.Commit("second");
            repo.Git("checkout", "-q", "--detach", first);

            var info = ReadAndCompare(repo);

            Assert.Equal(first, info.Commit);
            Assert.Null(info.Branch);
        }

        [Fact]
        public void Follows_a_symbolic_ref_to_a_branch_with_slashes()
        {
            using var repo = new GitTestRepository();
            repo.Commit("first");
            repo.Git("checkout", "-q", "-b", "feature/model-v2");
            repo.Commit("on feature");

            var info = ReadAndCompare(repo);

            Assert.Equal("feature/model-v2", info.Branch);
        }

        [Fact]
        public void Reads_a_linked_worktree_through_its_git_file_and_commondir()
        {
            using var repo = new GitTestRepository();
            repo.Commit("first");
            var worktree = Path.Combine(repo.Root, "wt");
            repo.Git("worktree", "add", "-q", "-b", "feature", worktree);
            repo.Commit("in the worktree", zone: "-0800", directory: worktree);
            Assert.True(File.Exists(Path.Combine(worktree, ".git")));

            var info = ReadAndCompare(repo, worktree);
            Assert.Equal("feature", info.Branch);
            Assert.Equal(worktree, info.RepositoryRoot);

            // Refs and objects packed in the common folder are still found from the worktree.
            repo.Git("gc", "-q");
            Assert.False(File.Exists(Path.Combine(repo.GitDir, "refs", "heads", "feature")));
            Assert.Equal(info, ReadAndCompare(repo, worktree));
            Assert.Equal("main", ReadAndCompare(repo).Branch);
        }

        [Fact]
        public void Reads_a_submodule_through_its_git_file()
        {
            using var repo = new GitTestRepository();
            repo.Commit("superproject");
            var library = Path.Combine(repo.Root, "library");
            Directory.CreateDirectory(library);
            repo.Run(library, "init", "-q");
            repo.Commit("library commit", zone: "+0530", directory: library);
            repo.Git("submodule", "add", "-q", library, "sub");
            var submodule = Path.Combine(repo.Work, "sub");
            Assert.StartsWith("gitdir: ", File.ReadAllText(Path.Combine(submodule, ".git")), StringComparison.Ordinal);

            var info = ReadAndCompare(repo, submodule);

            Assert.Equal(submodule, info.RepositoryRoot);
            Assert.Equal(library, info.RepositoryUrl);
            Assert.Equal(repo.Head(library).Commit, info.Commit);
        }

        [Fact]
        public void Reads_a_repository_with_a_separate_git_dir()
        {
            using var repo = new GitTestRepository();
            var work = Path.Combine(repo.Root, "separate");
            repo.Run(repo.Root, "init", "-q", "--separate-git-dir", Path.Combine(repo.Root, "store.git"), work);
            repo.Commit("first", directory: work);

            var info = ReadAndCompare(repo, work);

            Assert.Equal(work, info.RepositoryRoot);
        }

        [Fact]
        public void Reads_objects_from_an_alternate_object_store()
        {
            using var repo = new GitTestRepository();
            repo.Commit("first");
            repo.Git("gc", "-q");
            var clone = Path.Combine(repo.Root, "shared");
            repo.Run(repo.Root, "clone", "-q", "--shared", repo.Work, clone);
            Assert.True(File.Exists(Path.Combine(clone, ".git", "objects", "info", "alternates")));
            Assert.Empty(Directory.GetFiles(Path.Combine(clone, ".git", "objects", "pack")));

            var info = ReadAndCompare(repo, clone);

            Assert.Equal(repo.Work, info.RepositoryUrl);
        }

        [Theory]
        [InlineData("+0530")]
        [InlineData("-0800")]
        [InlineData("+1400")]
        [InlineData("-1200")]
        [InlineData("+0000")]
        [InlineData("+0545")]
        public void Keeps_the_committer_time_zone(string zone)
        {
            using var repo = new GitTestRepository();
            repo.Commit("zoned", seconds: 1_234_567_890, zone: zone);

            var info = ReadAndCompare(repo);

            var sign = zone[0] == '-' ? -1 : 1;
            var expected = new TimeSpan(sign * int.Parse(zone.Substring(1, 2), CultureInfo.InvariantCulture), sign * int.Parse(zone.Substring(3, 2), CultureInfo.InvariantCulture), 0);
            Assert.Equal(expected, info.CommitTime.Offset);
            Assert.Equal(1_234_567_890, info.CommitTime.ToUnixTimeSeconds());
        }

        [Fact]
        public void Reads_a_sha256_repository()
        {
            using var repo = new GitTestRepository("--object-format=sha256");
            repo.Commit("first");
            repo.Commit("second", zone: "+0530");

            Assert.Equal(64, ReadAndCompare(repo).Commit.Length);
            repo.Git("gc", "-q");
            Assert.Equal(64, ReadAndCompare(repo).Commit.Length);
        }

        [Fact]
        public void Origin_url_loses_its_credentials()
        {
            using var repo = new GitTestRepository();
            repo.Commit("first");
            repo.Git("remote", "add", "upstream", "git@github.com:someone/else.git");
            repo.Git("remote", "add", "origin", "https://user:s3cret-token@github.com/owner/repo.git");

            Assert.Equal("https://github.com/owner/repo.git", ReadAndCompare(repo).RepositoryUrl);
        }

        [Fact]
        public void Without_origin_the_first_remote_is_used()
        {
            using var repo = new GitTestRepository();
            repo.Commit("first");
            repo.Git("remote", "add", "upstream", "git@github.com:owner/repo.git");
            repo.Git("remote", "add", "mirror", "https://mirror.example.com/repo.git");

            Assert.Equal("git@github.com:owner/repo.git", ReadAndCompare(repo).RepositoryUrl);
        }

        [Theory]
        [InlineData("https://user:token@github.com/o/r.git", "https://github.com/o/r.git")]
        [InlineData("https://ghp_abc@github.com/o/r", "https://github.com/o/r")]
        [InlineData("HTTP://user:pw@host:8080/path?q=1", "HTTP://host:8080/path?q=1")]
        [InlineData("https://github.com/o/r.git", "https://github.com/o/r.git")]
        [InlineData("https://host/path@with-at", "https://host/path@with-at")]
        [InlineData("https://a@b:c@host/r", "https://host/r")]
        [InlineData("ssh://git@github.com/o/r.git", "ssh://git@github.com/o/r.git")]
        [InlineData("ssh://user:pw@host/r.git", "ssh://user@host/r.git")]
        [InlineData("git@github.com:owner/repo.git", "git@github.com:owner/repo.git")]
        [InlineData("/srv/git/repo.git", "/srv/git/repo.git")]
        [InlineData("file:///srv/git/repo.git", "file:///srv/git/repo.git")]
        [InlineData("https://", "https://")]
        public void Strips_user_info_from_urls(string url, string expected)
        {
            Assert.Equal(expected, GitRemoteUrl.StripCredentials(url));
        }

        [Fact]
        public void No_repository_gives_null_and_a_reason()
        {
            var folder = Path.Combine(Path.GetTempPath(), "mlopsguard-tests", "no-git-" + Guid.NewGuid().ToString("N").Substring(0, 10));
            Directory.CreateDirectory(folder);
            try
            {
                Assert.Null(GitRepository.TryReadHead(folder, out var problem));
                Assert.Contains("no git repository", problem, StringComparison.Ordinal);
            }
            finally
            {
                Directory.Delete(folder);
            }
        }

        [Theory]
        [InlineData("")]
        [InlineData("   ")]
        [InlineData("\0bad")]
        public void A_bad_start_folder_gives_null_and_a_reason(string start)
        {
            Assert.Null(GitRepository.TryReadHead(start, out var problem));
            Assert.False(string.IsNullOrWhiteSpace(problem));
        }

        [Fact]
        public void An_unborn_head_gives_null_and_a_reason()
        {
            using var repo = new GitTestRepository();

            Assert.Null(GitRepository.TryReadHead(repo.Work, out var problem));
            Assert.Contains("main", problem, StringComparison.Ordinal);
            Assert.Contains("no commit", problem, StringComparison.Ordinal);
        }

        [Fact]
        public void An_orphan_branch_is_unborn_even_when_other_branches_are_packed()
        {
            using var repo = new GitTestRepository();
            repo.Commit("first");
            repo.Git("gc", "-q");
            repo.Git("checkout", "-q", "--orphan", "fresh");

            Assert.Null(GitRepository.TryReadHead(repo.Work, out var problem));
            Assert.Contains("fresh", problem, StringComparison.Ordinal);
        }

        [Fact]
        public void A_git_folder_that_is_no_repository_is_skipped_like_git_does()
        {
            using var repo = new GitTestRepository();
            repo.Commit("first");
            var nested = Path.Combine(repo.Work, "nested");
            Directory.CreateDirectory(Path.Combine(nested, ".git"));

            Assert.Equal(repo.Work, ReadAndCompare(repo, nested).RepositoryRoot);
        }

        public static IEnumerable<object[]> Corruptions() => Enum.GetNames(typeof(Corruption)).Select(n => new object[] { n });

        [Theory]
        [MemberData(nameof(Corruptions))]
        public void Corrupt_repositories_give_null_and_a_reason(string name)
        {
            var corruption = Enum.Parse<Corruption>(name);
            using var repo = new GitTestRepository();
            repo.Commit("first");
            var head = repo.Commit("second");
            var tree = repo.Git("rev-parse", "HEAD^{tree}").Trim();
            var packed = corruption >= Corruption.TruncatedIndex;
            if (packed)
            {
                repo.Git("gc", "-q");
            }

            var git = repo.GitDir;
            var loose = Path.Combine(git, "objects", head.Substring(0, 2), head.Substring(2));
            switch (corruption)
            {
                case Corruption.HeadEscapingTheRepository:
                    Write(git, "HEAD", "ref: refs/../../../etc/passwd\n");
                    break;
                case Corruption.HeadOutsideRefs:
                    Write(git, "HEAD", "ref: config\n");
                    break;
                case Corruption.HeadGarbage:
                    Write(git, "HEAD", "\u0001\u0002garbage\u00ff\n");
                    break;
                case Corruption.HeadShortId:
                    Write(git, "HEAD", head.Substring(0, 39) + "\n");
                    break;
                case Corruption.HeadEmpty:
                    Write(git, "HEAD", string.Empty);
                    break;
                case Corruption.HeadHuge:
                    Write(git, "HEAD", new string('a', 200_000));
                    break;
                case Corruption.HeadMissingObject:
                    Write(git, "HEAD", new string('1', 40) + "\n");
                    break;
                case Corruption.HeadOnATree:
                    Write(git, "HEAD", tree + "\n");
                    break;
                case Corruption.SymbolicRefLoop:
                    Write(git, "refs/heads/main", "ref: refs/heads/loop\n");
                    Write(git, "refs/heads/loop", "ref: refs/heads/main\n");
                    break;
                case Corruption.LooseRefGarbage:
                    Write(git, "refs/heads/main", "not an id\n");
                    break;
                case Corruption.TruncatedLooseObject:
                    Truncate(loose, 0.5);
                    break;
                case Corruption.EmptyLooseObject:
                    Truncate(loose, 0);
                    break;
                case Corruption.LooseObjectOfAnotherId:
                    var other = repo.Git("rev-parse", "HEAD~1").Trim();
                    Replace(loose, File.ReadAllBytes(Path.Combine(git, "objects", other.Substring(0, 2), other.Substring(2))));
                    break;
                case Corruption.LooseObjectGarbage:
                    Replace(loose, Encoding.ASCII.GetBytes("this is not zlib at all"));
                    break;
                case Corruption.BadConfig:
                    Write(git, "config", "[core\n\trepositoryformatversion = 0\n");
                    break;
                case Corruption.UnknownObjectFormat:
                    File.AppendAllText(Path.Combine(git, "config"), "[extensions]\n\tobjectformat = sha512\n");
                    break;
                case Corruption.ReftableStorage:
                    File.AppendAllText(Path.Combine(git, "config"), "[extensions]\n\trefstorage = reftable\n");
                    break;
                case Corruption.FutureRepositoryFormat:
                    File.AppendAllText(Path.Combine(git, "config"), "[core]\n\trepositoryformatversion = 2\n");
                    break;
                case Corruption.TruncatedIndex:
                    Truncate(PackFile(repo, ".idx"), 0.7);
                    break;
                case Corruption.IndexGarbage:
                    Replace(PackFile(repo, ".idx"), Enumerable.Repeat((byte)0xAB, 5000).ToArray());
                    break;
                case Corruption.TruncatedPack:
                    Truncate(PackFile(repo, ".pack"), 0.3);
                    break;
                case Corruption.PackGarbage:
                    var pack = File.ReadAllBytes(PackFile(repo, ".pack"));
                    for (var i = 12; i < pack.Length - 20; i++)
                    {
                        pack[i] ^= 0x5A;
                    }

                    Replace(PackFile(repo, ".pack"), pack);
                    break;
                case Corruption.PackedRefsGarbage:
                    Write(git, "packed-refs", "# pack-refs with: peeled\nzzzz refs/heads/main\n");
                    break;
                case Corruption.GitFileGarbage:
                    Directory.Delete(git, recursive: true);
                    File.WriteAllText(Path.Combine(repo.Work, ".git"), "this is not a git file\n");
                    break;
                case Corruption.GitFilePointingNowhere:
                    Directory.Delete(git, recursive: true);
                    File.WriteAllText(Path.Combine(repo.Work, ".git"), "gitdir: ../nowhere\n");
                    break;
            }

            var info = GitRepository.TryReadHead(repo.Work, out var problem);

            output.WriteLine(problem);
            Assert.Null(info);
            Assert.False(string.IsNullOrWhiteSpace(problem));
            Assert.DoesNotContain('\n', problem!);
        }

        public enum Corruption
        {
            HeadEscapingTheRepository,
            HeadOutsideRefs,
            HeadGarbage,
            HeadShortId,
            HeadEmpty,
            HeadHuge,
            HeadMissingObject,
            HeadOnATree,
            SymbolicRefLoop,
            LooseRefGarbage,
            TruncatedLooseObject,
            EmptyLooseObject,
            LooseObjectOfAnotherId,
            LooseObjectGarbage,
            BadConfig,
            UnknownObjectFormat,
            ReftableStorage,
            FutureRepositoryFormat,
            GitFileGarbage,
            GitFilePointingNowhere,

            // From here on the repository is gc'ed first.
            TruncatedIndex,
            IndexGarbage,
            TruncatedPack,
            PackGarbage,
            PackedRefsGarbage,
        }

        [Fact]
        public void Config_values_follow_git_quoting_and_comments()
        {
            var config = GitConfig.Parse(Encoding.UTF8.GetBytes(
                "\uFEFF# a comment\n" +
                "[core]\n\tbare = false ; trailing comment\n\tfilemode\n" +
                "[remote \"Up Stream\"]\n\turl = \"https://host/with ; semicolon\"  # comment\n" +
                "[remote \"origin\"]\n\tURL = https://host/a\\\n/b  \n\tfetch = +refs/heads/*:refs/remotes/origin/*\n" +
                "[Extensions]\n\tObjectFormat = sha1\n\tobjectformat = \"sha256\"\n" +
                "[branch.Main]\n\tremote = origin\n"));

            Assert.Equal("false", config.Get("core", null, "bare"));
            Assert.Null(config.Get("core", null, "filemode"));
            Assert.Equal("https://host/with ; semicolon", config.Get("remote", "Up Stream", "url"));
            Assert.Equal("https://host/a/b", config.RemoteUrl());
            Assert.Equal("sha256", config.Get("extensions", null, "objectformat"));
            Assert.Equal("origin", config.Get("branch", "main", "remote"));
        }

        [Theory]
        [InlineData("key = value\n")]
        [InlineData("[section\n")]
        [InlineData("[section \"unterminated]\n")]
        [InlineData("[s]\n\tkey = \"open\n")]
        [InlineData("[s]\n\tkey = bad \\q escape\n")]
        [InlineData("[s]\n\t9key = 1\n")]
        [InlineData("[]\n")]
        public void Malformed_config_is_rejected(string text)
        {
            Assert.Throws<GitFormatException>(() => GitConfig.Parse(Encoding.UTF8.GetBytes(text)));
        }

        [Fact]
        public void Packed_refs_lookup_skips_peeled_lines_and_headers()
        {
            var a = new string('a', 40);
            var b = new string('b', 40);
            var text = $"# pack-refs with: peeled fully-peeled sorted \n{a} refs/heads/main\n{b} refs/tags/v1\n^{a}\n{b} refs/heads/main2";

            Assert.Equal(a, GitObjectId.ToHex(GitReferences.FindPacked(Encoding.ASCII.GetBytes(text), "refs/heads/main", 20)!));
            Assert.Equal(b, GitObjectId.ToHex(GitReferences.FindPacked(Encoding.ASCII.GetBytes(text), "refs/heads/main2", 20)!));
            Assert.Null(GitReferences.FindPacked(Encoding.ASCII.GetBytes(text), "refs/heads/other", 20));
        }

        [Theory]
        [InlineData("refs/heads/main", true)]
        [InlineData("refs/heads/feature/x-1.2", true)]
        [InlineData("refs/heads/../../config", false)]
        [InlineData("refs/heads/.hidden", false)]
        [InlineData("refs/heads//double", false)]
        [InlineData("refs/heads/main.lock", false)]
        [InlineData("refs/heads/a\\b", false)]
        [InlineData("HEAD", false)]
        [InlineData("/etc/passwd", false)]
        [InlineData("refs/heads/", false)]
        public void Only_safe_ref_names_become_paths(string name, bool safe)
        {
            Assert.Equal(safe, GitReferences.IsSafeRefName(name));
        }

        [Fact]
        public void Commit_headers_give_tree_parents_and_committer_time()
        {
            var tree = new string('c', 40);
            var parent1 = new string('d', 40);
            var parent2 = new string('e', 40);
            var text = $"tree {tree}\nparent {parent1}\nparent {parent2}\nauthor A <a@x> 1 +0100\ncommitter Some One <one@x> 1700000000 -0330\n" +
                "gpgsig -----BEGIN PGP SIGNATURE-----\n \n committer Fake <f@x> 5 +0000\n -----END PGP SIGNATURE-----\n\nmessage\ncommitter Not <n@x> 9 +0000\n";

            var commit = GitCommit.Parse(Encoding.UTF8.GetBytes(text), 20);

            Assert.Equal(tree, commit.Tree);
            Assert.Equal(new[] { parent1, parent2 }, commit.Parents);
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000).ToOffset(new TimeSpan(-3, -30, 0)), commit.CommitTime);
            Assert.Equal(new TimeSpan(-3, -30, 0), commit.CommitTime.Offset);
        }

        [Theory]
        [InlineData("committer A <a@x> 1700000000 +9999")]
        [InlineData("committer A <a@x> 1700000000 +0160")]
        [InlineData("committer A <a@x> 1700000000")]
        [InlineData("committer A <a@x> -5 +0000")]
        [InlineData("committer A <a@x> 99999999999999 +0000")]
        [InlineData("committer A a@x 1700000000 +0000")]
        public void Impossible_committer_times_are_rejected(string line)
        {
            var text = $"tree {new string('c', 40)}\n{line}\n\nmessage";

            Assert.Throws<GitFormatException>(() => GitCommit.Parse(Encoding.UTF8.GetBytes(text), 20));
        }

        private static GitHeadInfo ReadAndCompare(GitTestRepository repo, string? directory = null)
        {
            var info = GitRepository.TryReadHead(directory ?? repo.Work, out var problem);
            Assert.True(info != null, problem);
            Assert.Null(problem);
            var expected = repo.Head(directory);
            Assert.Equal(expected.Commit, info!.Commit);
            Assert.Equal(expected.Seconds, info.CommitTime.ToUnixTimeSeconds());
            Assert.Equal(expected.Iso, info.CommitTime.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
            return info;
        }

        // Thirty commits with large, nearly identical messages that shrink over time: git sorts delta candidates by
        // size, so the newest (smallest) commits become deltas of older ones.
        private static GitTestRepository DeltaRepository(out int commits)
        {
            var repo = new GitTestRepository();
            var lines = Enumerable.Range(0, 400).Select(i => $"line {i}: the training data of this model was versioned and locked").ToList();
            commits = 30;
            for (var i = 0; i < commits; i++)
            {
                repo.Commit($"Release {i}\n\n" + string.Join("\n", lines.Skip(i)), zone: i % 2 == 0 ? "+0530" : "-0800");
            }

            return repo;
        }

        // The delta depth `git verify-pack -v` reports for an object (its lines are "id type size packed offset [depth base]").
        private static int DeltaDepthOf(GitTestRepository repo, string id)
        {
            var output = repo.Git("verify-pack", "-v", PackFile(repo, ".idx"));
            var line = output.Split('\n').Single(l => l.StartsWith(id + " ", StringComparison.Ordinal));
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return fields.Length >= 7 ? int.Parse(fields[5], CultureInfo.InvariantCulture) : 0;
        }

        private static GitObjectType PackEntryType(GitTestRepository repo, string id)
        {
            using var indexSource = GitByteSource.OpenFile(PackFile(repo, ".idx"));
            using var packSource = GitByteSource.OpenFile(PackFile(repo, ".pack"));
            Assert.True(GitObjectId.TryParseHex(id, 20, out var raw));
            Assert.True(GitPackIndex.Open(indexSource, 20, "test").TryFind(raw, out var offset));
            return GitPackFile.Open(packSource, 20, "test").ReadEntry(offset).Type;
        }

        // Walks the whole history through the reader's object store and compares every commit time with git log.
        private static void AssertHistoryMatches(GitTestRepository repo, int commits)
        {
            var expected = repo.Git("log", "--format=%H %cI").Trim().Split('\n');
            Assert.Equal(commits, expected.Length);
            using var store = GitObjectStore.Open(Path.Combine(repo.GitDir, "objects"), 20);
            var id = expected[0].Split(' ')[0];
            foreach (var line in expected)
            {
                Assert.Equal(line.Split(' ')[0], id);
                Assert.True(GitObjectId.TryParseHex(id, 20, out var raw));
                var commit = GitCommit.Parse(store.Read(raw, GitLimits.MaxCommitBytes).Data, 20);
                Assert.Equal(line.Split(' ')[1], commit.CommitTime.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
                id = commit.Parents.FirstOrDefault() ?? string.Empty;
            }

            Assert.Equal(string.Empty, id);
        }

        private static string ReplaceIndex(GitTestRepository repo, string versionArgument)
        {
            var index = PackFile(repo, ".idx");
            var rewritten = Path.Combine(repo.Root, "rewritten.idx");
            repo.Git("index-pack", versionArgument, "-o", rewritten, PackFile(repo, ".pack"));
            Replace(index, File.ReadAllBytes(rewritten));
            return index;
        }

        private static int HighBitOffsets(byte[] index)
        {
            var count = (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(index.AsSpan(8 + (255 * 4)));
            var start = 8 + 1024 + (count * 24);
            return Enumerable.Range(0, count).Count(i => (index[start + (4 * i)] & 0x80) != 0);
        }

        private static string PackFile(GitTestRepository repo, string extension) =>
            Directory.GetFiles(Path.Combine(repo.GitDir, "objects", "pack"), "pack-*" + extension).Single();

        private static void Write(string gitDir, string relative, string content)
        {
            var path = Path.Combine(gitDir, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content);
        }

        private static void Truncate(string path, double keep)
        {
            var bytes = File.ReadAllBytes(path);
            Replace(path, bytes.AsSpan(0, (int)(bytes.Length * keep)).ToArray());
        }

        private static void Replace(string path, byte[] bytes)
        {
            File.SetAttributes(path, FileAttributes.Normal);
            File.WriteAllBytes(path, bytes);
        }
    }
}
