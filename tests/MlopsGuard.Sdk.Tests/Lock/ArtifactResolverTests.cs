using System;
using System.IO;
using System.Linq;
using MlopsGuard.Tasks.Lock;
using Xunit;

namespace MlopsGuard.Sdk.Tests.Lock
{
    public class ArtifactResolverTests
    {
        [Fact]
        public void Files_resolve_to_project_relative_slash_paths_sorted()
        {
            using var repo = new TempRepository();
            repo.Write("data/train.csv", "a");
            repo.Write("models/m.zip", "b");
            repo.Write("data/a.csv", "c");

            var result = Resolve(repo, ("models/m.zip", ArtifactKind.Model), ("data/train.csv", ArtifactKind.Data), ("data\\a.csv", ArtifactKind.Data));

            Assert.Empty(result.Problems);
            Assert.Equal(new[] { "data/a.csv", "data/train.csv", "models/m.zip" }, result.Artifacts.Select(a => a.RelativePath));
            Assert.Equal(ArtifactKind.Model, result.Artifacts.Single(a => a.RelativePath == "models/m.zip").Kind);
            Assert.Equal(repo.Full("data/train.csv"), result.Artifacts.Single(a => a.RelativePath == "data/train.csv").FullPath);
        }

        [Fact]
        public void A_folder_stands_for_every_file_below_it_hidden_and_empty_ones_included()
        {
            using var repo = new TempRepository();
            repo.Write("data/b.csv", "b");
            repo.Write("data/sub/deeper/c.csv", "c");
            repo.Write("data/.hidden", "h");
            repo.Write("data/empty.bin", string.Empty);

            var result = Resolve(repo, ("data", ArtifactKind.Data));

            Assert.Empty(result.Problems);
            Assert.Equal(new[] { "data/.hidden", "data/b.csv", "data/empty.bin", "data/sub/deeper/c.csv" }, result.Artifacts.Select(a => a.RelativePath));
        }

        [Fact]
        public void A_folder_written_with_a_trailing_slash_is_the_same_folder()
        {
            using var repo = new TempRepository();
            repo.Write("data/b.csv", "b");
            var result = Resolve(repo, ("data/", ArtifactKind.Data));
            Assert.Equal("data/b.csv", Assert.Single(result.Artifacts).RelativePath);
        }

        [Fact]
        public void Unexpanded_globs_are_expanded_with_double_star_and_single_star()
        {
            using var repo = new TempRepository();
            repo.Write("data/x/1.csv", "1");
            repo.Write("data/x/y/2.csv", "2");
            repo.Write("data/3.txt", "3");
            repo.Write("data/4.csv", "4");

            var result = Resolve(repo, ("data/**/*.csv", ArtifactKind.Data), ("data/?.txt", ArtifactKind.Data));

            Assert.Empty(result.Problems);
            Assert.Equal(new[] { "data/3.txt", "data/4.csv", "data/x/1.csv", "data/x/y/2.csv" }, result.Artifacts.Select(a => a.RelativePath));
        }

        [Fact]
        public void A_glob_that_matches_nothing_is_MLG2008()
        {
            using var repo = new TempRepository();
            var result = Resolve(repo, ("data/*.parquet", ArtifactKind.Data));
            Assert.Empty(result.Artifacts);
            Assert.Contains("matches no file", Assert.Single(result.Problems).Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Unicode_and_spaces_in_paths_are_kept_as_written()
        {
            using var repo = new TempRepository();
            repo.Write("données d'entraînement/jeu 1 ü.csv", "x");
            repo.Write("数据/训练.csv", "y");

            var result = Resolve(repo, ("données d'entraînement", ArtifactKind.Data), ("数据/训练.csv", ArtifactKind.Data));

            Assert.Empty(result.Problems);
            Assert.Equal(new[] { "données d'entraînement/jeu 1 ü.csv", "数据/训练.csv" }, result.Artifacts.Select(a => a.RelativePath));
        }

        [Fact]
        public void A_file_declared_twice_is_listed_once_with_its_first_kind()
        {
            using var repo = new TempRepository();
            repo.Write("data/a.csv", "a");
            var result = Resolve(repo, ("data/a.csv", ArtifactKind.Data), ("data", ArtifactKind.Data), ("data/a.csv", ArtifactKind.Model));
            Assert.Equal(ArtifactKind.Data, Assert.Single(result.Artifacts).Kind);
        }

        [Fact]
        public void Paths_outside_the_project_but_inside_the_repository_are_allowed()
        {
            using var repo = new TempRepository();
            var shared = Path.Combine(repo.Root, "shared", "data.csv");
            Directory.CreateDirectory(Path.GetDirectoryName(shared)!);
            File.WriteAllText(shared, "s");

            var result = Resolve(repo, ("../../shared/data.csv", ArtifactKind.Data));

            Assert.Empty(result.Problems);
            Assert.Equal("../../shared/data.csv", Assert.Single(result.Artifacts).RelativePath);
        }

        [Theory]
        [InlineData("../../../outside.csv")]
        [InlineData("data/../../../../outside.csv")]
        public void Paths_that_leave_the_repository_through_dot_dot_are_MLG2008(string spec)
        {
            using var repo = new TempRepository();
            var result = Resolve(repo, (spec, ArtifactKind.Data));
            Assert.Empty(result.Artifacts);
            Assert.Empty(result.Unavailable);
            Assert.Contains("leaves the repository root", Assert.Single(result.Problems).Message, StringComparison.Ordinal);
        }

        [Fact]
        public void An_absolute_path_outside_the_repository_is_MLG2008()
        {
            using var repo = new TempRepository();
            var outside = Path.Combine(Path.GetTempPath(), "mlopsguard-outside-" + Guid.NewGuid().ToString("N") + ".csv");
            File.WriteAllText(outside, "x");
            try
            {
                var result = Resolve(repo, (outside, ArtifactKind.Model));
                Assert.Empty(result.Artifacts);
                Assert.StartsWith("MlModel", Assert.Single(result.Problems).Message, StringComparison.Ordinal);
            }
            finally
            {
                File.Delete(outside);
            }
        }

#if !NETFRAMEWORK // .NET Framework cannot create or follow symbolic links: docs/build-hosts.md
        [Fact]
        public void A_symbolic_link_to_a_file_outside_the_repository_is_MLG2008()
        {
            using var repo = new TempRepository();
            var outside = Path.Combine(Path.GetTempPath(), "mlopsguard-outside-" + Guid.NewGuid().ToString("N") + ".csv");
            File.WriteAllText(outside, "secret");
            try
            {
                Directory.CreateDirectory(repo.Full("data"));
                File.CreateSymbolicLink(repo.Full("data/link.csv"), outside);
                repo.Write("data/ok.csv", "ok");

                var direct = Resolve(repo, ("data/link.csv", ArtifactKind.Data));
                Assert.Empty(direct.Artifacts);
                Assert.Contains("symbolic link", Assert.Single(direct.Problems).Message, StringComparison.Ordinal);

                // Inside a declared folder the link is caught too, and the rest of the folder still resolves.
                var folder = Resolve(repo, ("data", ArtifactKind.Data));
                Assert.Equal("data/ok.csv", Assert.Single(folder.Artifacts).RelativePath);
                Assert.Contains("declared by 'data'", Assert.Single(folder.Problems).Message, StringComparison.Ordinal);
            }
            finally
            {
                File.Delete(outside);
            }
        }
#endif

#if !NETFRAMEWORK // .NET Framework cannot create or follow symbolic links: docs/build-hosts.md
        [Fact]
        public void A_symbolic_link_to_a_folder_outside_the_repository_is_MLG2008()
        {
            using var repo = new TempRepository();
            var outside = Path.Combine(Path.GetTempPath(), "mlopsguard-outside-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(outside);
            File.WriteAllText(Path.Combine(outside, "a.csv"), "a");
            try
            {
                Directory.CreateSymbolicLink(repo.Full("data"), outside);
                var asFolder = Resolve(repo, ("data", ArtifactKind.Data));
                var asFile = Resolve(repo, ("data/a.csv", ArtifactKind.Data));
                Assert.Empty(asFolder.Artifacts);
                Assert.Single(asFolder.Problems);
                Assert.Empty(asFile.Artifacts);
                Assert.Contains("symbolic link", Assert.Single(asFile.Problems).Message, StringComparison.Ordinal);
            }
            finally
            {
                Directory.Delete(outside, recursive: true);
            }
        }
#endif

#if !NETFRAMEWORK // .NET Framework cannot create or follow symbolic links: docs/build-hosts.md
        [Fact]
        public void A_symbolic_link_that_stays_inside_the_repository_is_an_artifact()
        {
            using var repo = new TempRepository();
            repo.Write("real/a.csv", "a");
            Directory.CreateDirectory(repo.Full("data"));
            File.CreateSymbolicLink(repo.Full("data/a.csv"), "../real/a.csv");

            var result = Resolve(repo, ("data/a.csv", ArtifactKind.Data));

            Assert.Empty(result.Problems);
            Assert.Equal("data/a.csv", Assert.Single(result.Artifacts).RelativePath);
        }
#endif

        [Fact]
        public void A_missing_file_is_MLG2008_and_unavailable_never_an_artifact()
        {
            using var repo = new TempRepository();
            var result = Resolve(repo, ("data/not-pulled-yet.csv", ArtifactKind.Data));
            Assert.Empty(result.Artifacts);
            Assert.Equal(new[] { "data/not-pulled-yet.csv" }, result.Unavailable);
            var problem = Assert.Single(result.Problems);
            Assert.Equal(repo.Full("data/not-pulled-yet.csv"), problem.File);
            Assert.Contains("does not exist", problem.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void An_empty_folder_is_MLG2008()
        {
            using var repo = new TempRepository();
            Directory.CreateDirectory(repo.Full("data"));
            var result = Resolve(repo, ("data", ArtifactKind.Data));
            Assert.Empty(result.Artifacts);
            Assert.Contains("without files", Assert.Single(result.Problems).Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Blank_declarations_are_ignored()
        {
            using var repo = new TempRepository();
            var result = Resolve(repo, ("  ", ArtifactKind.Data));
            Assert.Empty(result.Artifacts);
            Assert.Empty(result.Problems);
        }

        private static ArtifactResolution Resolve(TempRepository repo, params (string, string)[] declarations) =>
            new ArtifactResolver(repo.Project, repo.Root).Resolve(declarations);
    }
}
