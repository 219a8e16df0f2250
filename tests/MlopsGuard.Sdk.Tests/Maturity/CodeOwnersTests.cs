using System.Linq;
using MlopsGuard.Tasks.Maturity;
using Xunit;

namespace MlopsGuard.Sdk.Tests.Maturity
{
    public class CodeOwnersTests
    {
        [Theory]
        [InlineData("*", "src/app/data/train.csv", true)]
        [InlineData("*.csv", "src/app/data/train.csv", true)]
        [InlineData("*.csv", "src/app/models/model.zip", false)]
        [InlineData("/src/app/data/", "src/app/data/train.csv", true)]
        [InlineData("/src/app/data/", "src/app/data/nested/part.csv", true)]
        [InlineData("/data/", "src/app/data/train.csv", false)]
        [InlineData("data/", "src/app/data/train.csv", true)]
        [InlineData("src/app/data", "src/app/data/train.csv", true)]
        [InlineData("src/app/data/*", "src/app/data/train.csv", true)]
        [InlineData("src/app/data/*", "src/app/data/nested/part.csv", false)]
        [InlineData("src/**/models", "src/app/models/model.zip", true)]
        [InlineData("**/models/*.zip", "src/app/models/model.zip", true)]
        [InlineData("/src/app/models/model.zip", "src/app/models/model.zip", true)]
        [InlineData("/src/app/models/model.zi?", "src/app/models/model.zip", true)]
        [InlineData("/src/app/models/other.zip", "src/app/models/model.zip", false)]
        [InlineData("/src/ap", "src/app/models/model.zip", false)]
        public void Patterns_follow_gitignore_rules_as_CODEOWNERS_reads_them(string pattern, string path, bool owned)
        {
            var owners = CodeOwners.Parse("CODEOWNERS", new[] { pattern + " @ml-team" });
            Assert.Equal(owned, owners.OwnersOf(path).Count > 0);
        }

        [Fact]
        public void The_last_matching_line_wins_and_a_line_without_owners_takes_ownership_away()
        {
            var owners = CodeOwners.Parse("CODEOWNERS", new[]
            {
                "# the whole repository",
                "*            @platform",
                "/src/app/data/   @data-team @alice # inline comment",
                "/src/app/data/scratch/",
            });
            Assert.Equal(new[] { "@data-team", "@alice" }, owners.OwnersOf("src/app/data/train.csv"));
            Assert.Empty(owners.OwnersOf("src/app/data/scratch/tmp.csv"));
            Assert.Equal(new[] { "@platform" }, owners.OwnersOf("README.md"));
            Assert.Equal(2, owners.OwnedPatterns);
        }

        [Fact]
        public void Unsupported_and_malformed_lines_are_skipped()
        {
            var owners = CodeOwners.Parse("CODEOWNERS", new[] { "[Data team]", "^[Optional]", "!negated @x", "[abc].csv @y", "   ", "/ @z", "data/ @ok" });
            Assert.Equal(new[] { "@ok" }, owners.OwnersOf("data/train.csv"));
            Assert.Empty(owners.OwnersOf("other/train.csv"));
        }

        [Fact]
        public void Github_location_takes_precedence()
        {
            using var repo = new TestRepository();
            Assert.Null(CodeOwners.Find(repo.Root));
            repo.Write("docs/CODEOWNERS", "* @docs\n");
            Assert.Equal("docs/CODEOWNERS", CodeOwners.Find(repo.Root)!.RelativePath);
            repo.Write("CODEOWNERS", "* @root\n");
            repo.Write(".github/CODEOWNERS", "* @github\n");
            var found = CodeOwners.Find(repo.Root)!;
            Assert.Equal(".github/CODEOWNERS", found.RelativePath);
            Assert.Equal("@github", found.OwnersOf("x").Single());
        }
    }
}
