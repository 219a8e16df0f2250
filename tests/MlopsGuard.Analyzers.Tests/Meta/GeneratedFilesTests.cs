using System.IO;
using System.Linq;
using MlopsGuard.Analyzers.Tests.Verifiers;
using MlopsGuard.Generator;
using Xunit;

namespace MlopsGuard.Analyzers.Tests.Meta
{
    /// <summary>The level configurations and the README rule table are derived from the catalog; the checked-in copies must match.</summary>
    public class GeneratedFilesTests
    {
        public static TheoryData<string> GeneratedPaths()
        {
            var data = new TheoryData<string>();
            foreach (var file in GeneratedFiles.Generate(RepositoryPaths.Root))
            {
                data.Add(file.RelativePath);
            }

            return data;
        }

        [Theory]
        [MemberData(nameof(GeneratedPaths))]
        public void Checked_in_copy_is_current(string relativePath)
        {
            var expected = GeneratedFiles.Generate(RepositoryPaths.Root).Single(f => f.RelativePath == relativePath).Content;
            var path = Path.Combine(RepositoryPaths.Root, relativePath);
            Assert.True(File.Exists(path), $"{relativePath} is missing: run 'dotnet run --project tools/MlopsGuard.Generator'");
            Assert.True(
                expected == File.ReadAllText(path).Replace("\r\n", "\n"),
                $"{relativePath} is stale: run 'dotnet run --project tools/MlopsGuard.Generator' and commit the result");
        }

        [Theory]
        [InlineData(0, false, "suggestion", "suggestion")]
        [InlineData(1, false, "warning", "suggestion")]
        [InlineData(1, true, "error", "suggestion")]
        [InlineData(2, false, "warning", "warning")]
        [InlineData(2, true, "error", "error")]
        public void Levels_map_to_the_contract_severities(int level, bool enforce, string levelOneRule, string levelTwoRule)
        {
            var one = new RuleInfo("MLG3999", 1, RuleKind.Analyzer, "t", "m", "d");
            var two = new RuleInfo("MLG3998", 2, RuleKind.Analyzer, "t", "m", "d");
            Assert.Equal(levelOneRule, GeneratedFiles.Severity(one, level, enforce));
            Assert.Equal(levelTwoRule, GeneratedFiles.Severity(two, level, enforce));
        }
    }
}
