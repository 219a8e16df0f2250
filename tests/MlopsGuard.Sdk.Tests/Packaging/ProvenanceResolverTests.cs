using System;
using System.IO;
using MlopsGuard.Tasks.Packaging;
using Xunit;

namespace MlopsGuard.Sdk.Tests.Packaging
{
    /// <summary>
    /// Provenance from the SDK's source-control properties, by NuGet pack's rules: what SourceLink found is published only
    /// with PublishRepositoryUrl=true, what the project sets is recorded as set, credentials never leave a URL; and the
    /// release date from SOURCE_DATE_EPOCH, MlopsReleaseDate or the fixed date.
    /// </summary>
    public sealed class ProvenanceResolverTests : IDisposable
    {
        private const string Sha = "0123456789abcdef0123456789abcdef01234567";

        private readonly string repository = Path.Combine(Path.GetTempPath(), "mlopsguard-provenance-" + Guid.NewGuid().ToString("N"));

        public ProvenanceResolverTests() => Directory.CreateDirectory(Path.Combine(repository, "src", "Pipeline"));

        public void Dispose() => Directory.Delete(repository, recursive: true);

        private string ProjectDirectory => Path.Combine(repository, "src", "Pipeline");

        private ProvenanceResult Resolve(SourceControlProperties sourceControl, string? epoch = "1767225600", string? releaseDate = null) =>
            ProvenanceResolver.Resolve(sourceControl, epoch, releaseDate, ProjectDirectory, Path.Combine(ProjectDirectory, "Pipeline.csproj"), repository, 2);

        /// <summary>What SourceLink leaves in a git clone with a remote that holds a token (ScmRepositoryUrl keeps user info).</summary>
        private static SourceControlProperties FromSourceLink(string? publish) => new(
            PrivateRepositoryUrl: "https://ci:ghp_token@github.com/contoso/heart.git",
            PublishRepositoryUrl: publish,
            SourceRevisionId: Sha,
            SourceBranchName: "refs/heads/release/1.2");

        [Theory]
        [InlineData("true")]
        [InlineData("True")]
        [InlineData(" true ")]
        public void A_project_that_publishes_its_repository_url_gets_url_commit_and_branch(string publish)
        {
            var result = Resolve(FromSourceLink(publish));

            Assert.Null(result.Problem);
            var provenance = result.Provenance!;
            Assert.Equal("https://github.com/contoso/heart.git", provenance.Repository);
            Assert.Equal(Sha, provenance.Commit);
            Assert.Equal("release/1.2", provenance.Branch);
            Assert.Equal("src/Pipeline/Pipeline.csproj", provenance.Project);
            Assert.Equal(2, provenance.MlopsLevel);
            Assert.StartsWith("MlopsGuard ", provenance.BuiltWith, StringComparison.Ordinal);
            Assert.Empty(result.Notes);
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("false")]
        [InlineData("yes")]
        public void A_project_that_does_not_publish_it_gets_the_commit_but_no_url_nor_branch(string? publish)
        {
            var result = Resolve(FromSourceLink(publish));

            var provenance = result.Provenance!;
            Assert.Null(provenance.Repository);
            Assert.Null(provenance.Branch);
            Assert.Equal(Sha, provenance.Commit);
            var note = Assert.Single(result.Notes);
            Assert.Contains("PublishRepositoryUrl", note, StringComparison.Ordinal);
            Assert.DoesNotContain("ghp_token", note, StringComparison.Ordinal);
        }

        [Fact]
        public void Properties_the_project_sets_win_over_SourceLink_and_are_recorded_as_NuGet_records_them()
        {
            var result = Resolve(FromSourceLink(publish: null) with
            {
                RepositoryUrl = "https://user:secret@example.com/heart/pipeline.git",
                RepositoryCommit = "FEDCBA9876543210FEDCBA9876543210FEDCBA98",
                RepositoryBranch = "main",
            });

            var provenance = result.Provenance!;
            Assert.Equal("https://example.com/heart/pipeline.git", provenance.Repository);
            Assert.Equal("fedcba9876543210fedcba9876543210fedcba98", provenance.Commit);
            Assert.Equal("main", provenance.Branch);
            Assert.Empty(result.Notes);
        }

        [Fact]
        public void A_build_without_git_records_what_the_command_line_gives()
        {
            // dotnet pack -p:RepositoryCommit=… -p:RepositoryUrl=… in a source tarball: SourceLink found nothing.
            var result = Resolve(new SourceControlProperties(RepositoryUrl: "https://example.com/heart.git", RepositoryCommit: Sha));

            var provenance = result.Provenance!;
            Assert.Equal("https://example.com/heart.git", provenance.Repository);
            Assert.Equal(Sha, provenance.Commit);
            Assert.Null(provenance.Branch);
        }

        [Fact]
        public void Nothing_known_is_recorded_as_nothing()
        {
            var result = Resolve(new SourceControlProperties());

            var provenance = result.Provenance!;
            Assert.Null(provenance.Repository);
            Assert.Null(provenance.Commit);
            Assert.Null(provenance.Branch);
            Assert.Equal("src/Pipeline/Pipeline.csproj", provenance.Project);
        }

        [Theory]
        [InlineData("1234", "1234")]
        [InlineData("C1234", "C1234")]
        [InlineData("ABCDEF", "ABCDEF")]
        [InlineData("0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
        public void A_git_object_id_is_lower_case_and_any_other_revision_id_is_kept(string revision, string expected)
        {
            Assert.Equal(expected, Resolve(new SourceControlProperties(SourceRevisionId: revision)).Provenance!.Commit);
        }

        [Theory]
        [InlineData("RepositoryUrl")]
        [InlineData("PrivateRepositoryUrl")]
        [InlineData("RepositoryCommit")]
        [InlineData("SourceRevisionId")]
        [InlineData("RepositoryBranch")]
        [InlineData("SourceBranchName")]
        public void A_value_with_a_control_character_is_a_problem_that_names_the_property_not_the_value(string property)
        {
            const string bad = "https://user:secret@example.com/\u0001";
            var properties = property switch
            {
                "RepositoryUrl" => new SourceControlProperties(RepositoryUrl: bad),
                "PrivateRepositoryUrl" => new SourceControlProperties(PrivateRepositoryUrl: bad, PublishRepositoryUrl: "true"),
                "RepositoryCommit" => new SourceControlProperties(RepositoryCommit: bad),
                "SourceRevisionId" => new SourceControlProperties(SourceRevisionId: bad),
                "RepositoryBranch" => new SourceControlProperties(RepositoryBranch: bad),
                _ => new SourceControlProperties(SourceBranchName: bad, PublishRepositoryUrl: "true"),
            };

            var result = Resolve(properties);

            Assert.Null(result.Provenance);
            Assert.StartsWith(property + " holds a control character", result.Problem, StringComparison.Ordinal);
            Assert.DoesNotContain("secret", result.Problem, StringComparison.Ordinal);
        }

        [Fact]
        public void A_control_character_in_a_url_that_is_not_published_is_no_problem()
        {
            var result = Resolve(new SourceControlProperties(PrivateRepositoryUrl: "https://example.com/\u0001", SourceRevisionId: Sha));

            Assert.Null(result.Problem);
            Assert.Null(result.Provenance!.Repository);
        }

        [Fact]
        public void A_project_outside_its_repository_root_is_named_by_its_file()
        {
            var outside = Path.Combine(Path.GetDirectoryName(repository)!, "elsewhere", "Other.csproj");
            var provenance = ProvenanceResolver.Resolve(new SourceControlProperties(), "0", null, ProjectDirectory, outside, repository, 1).Provenance!;

            Assert.Equal("Other.csproj", provenance.Project);
        }

        [Fact]
        public void SOURCE_DATE_EPOCH_dates_the_release_and_wins_over_MlopsReleaseDate()
        {
            var provenance = Resolve(new SourceControlProperties(), epoch: "1767225600", releaseDate: "2020-05-06").Provenance!;

            Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), provenance.SourceDate);
            Assert.Equal("SOURCE_DATE_EPOCH", provenance.SourceDateOrigin);
        }

        [Theory]
        [InlineData("2026-03-04", "2026-03-04T00:00:00Z")]
        [InlineData("2026-03-04T05:06:08Z", "2026-03-04T05:06:08Z")]
        [InlineData("2026-03-04T05:06:08", "2026-03-04T05:06:08Z")]
        [InlineData("2026-03-04T05:06:08+01:00", "2026-03-04T04:06:08Z")]
        [InlineData("2026-03-04T05:06:08.999Z", "2026-03-04T05:06:08Z")]
        [InlineData(" 2026-03-04 ", "2026-03-04T00:00:00Z")]
        public void MlopsReleaseDate_dates_the_release_without_SOURCE_DATE_EPOCH(string releaseDate, string expected)
        {
            var result = Resolve(new SourceControlProperties(), epoch: null, releaseDate: releaseDate);

            Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), result.Provenance!.SourceDate);
            Assert.Equal(TimeSpan.Zero, result.Provenance.SourceDate.Offset);
            Assert.Equal("MlopsReleaseDate", result.Provenance.SourceDateOrigin);
            Assert.Empty(result.Notes);
        }

        [Theory]
        [InlineData(null, null)]
        [InlineData("", "")]
        [InlineData("  ", " ")]
        public void Without_either_the_release_has_the_fixed_date_and_says_so(string? epoch, string? releaseDate)
        {
            var result = Resolve(new SourceControlProperties(), epoch, releaseDate);

            Assert.Equal(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero), result.Provenance!.SourceDate);
            Assert.Equal("none", result.Provenance.SourceDateOrigin);
            Assert.Contains("2000-01-01", Assert.Single(result.Notes), StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("yesterday")]
        [InlineData("-1")]
        [InlineData("1.5")]
        [InlineData("+5")]
        [InlineData("253402300800")]
        [InlineData("99999999999999999999999")]
        [InlineData("12\u0000")]
        public void An_invalid_SOURCE_DATE_EPOCH_is_a_problem(string epoch)
        {
            var result = Resolve(new SourceControlProperties(), epoch);

            Assert.Null(result.Provenance);
            Assert.StartsWith("SOURCE_DATE_EPOCH is '", result.Problem, StringComparison.Ordinal);
            Assert.DoesNotContain("\u0000", result.Problem, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("03/04/2026")]
        [InlineData("2026-13-01")]
        [InlineData("2026-03-04 05:06")]
        [InlineData("tomorrow")]
        public void An_invalid_MlopsReleaseDate_is_a_problem(string releaseDate)
        {
            var result = Resolve(new SourceControlProperties(), epoch: null, releaseDate: releaseDate);

            Assert.Null(result.Provenance);
            Assert.StartsWith("MlopsReleaseDate is '", result.Problem, StringComparison.Ordinal);
        }

        [Fact]
        public void The_largest_SOURCE_DATE_EPOCH_is_the_last_second_of_9999()
        {
            Assert.Equal(new DateTimeOffset(9999, 12, 31, 23, 59, 59, TimeSpan.Zero), Resolve(new SourceControlProperties(), "253402300799").Provenance!.SourceDate);
        }

        [Theory]
        [InlineData("https://user:token@github.com/o/r.git", "https://github.com/o/r.git")]
        [InlineData("https://ghp_abc@github.com/o/r", "https://github.com/o/r")]
        [InlineData("HTTP://user:pw@host:8080/path?q=1", "HTTP://host:8080/path?q=1")]
        [InlineData("https://github.com/o/r.git", "https://github.com/o/r.git")]
        [InlineData("https://host/path@with-at", "https://host/path@with-at")]
        [InlineData("https://host?q=a@b", "https://host?q=a@b")]
        [InlineData("https://a@b:c@host/r", "https://host/r")]
        [InlineData("ssh://git@github.com/o/r.git", "ssh://git@github.com/o/r.git")]
        [InlineData("ssh://user:pw@host/r.git", "ssh://user@host/r.git")]
        [InlineData("git+ssh://user:pw@host/r.git", "git+ssh://user@host/r.git")]
        [InlineData("git@github.com:owner/repo.git", "git@github.com:owner/repo.git")]
        [InlineData("/srv/git/repo.git", "/srv/git/repo.git")]
        [InlineData("file:///srv/git/repo.git", "file:///srv/git/repo.git")]
        [InlineData("1a://user:pw@host", "1a://user:pw@host")]
        [InlineData("https://", "https://")]
        [InlineData("https://@", "https://")]
        [InlineData("://user:pw@host", "://user:pw@host")]
        public void Urls_lose_their_credentials(string url, string expected)
        {
            Assert.Equal(expected, RepositoryUrls.WithoutCredentials(url));
        }
    }
}
