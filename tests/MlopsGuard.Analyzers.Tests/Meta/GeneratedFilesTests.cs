using System.IO;
using System.Linq;
using MlopsGuard.Analyzers.Tests.Verifiers;
using MlopsGuard.Generator;
using Xunit;

namespace MlopsGuard.Analyzers.Tests.Meta
{
    /// <summary>The README rule table is derived from the catalog; the checked-in copy must match.</summary>
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

        [Fact]
        public void Files_it_no_longer_writes_are_gone()
        {
            // Everything under src/Sdk/build is packed: a level .globalconfig left behind would ship and set every rule by ID again.
            foreach (var folder in GeneratedFiles.RemovedFolders)
            {
                Assert.False(Directory.Exists(RepositoryPaths.Combine(folder.Split('/'))), $"{folder} is no longer generated: run 'dotnet run --project tools/MlopsGuard.Generator' (it removes it)");
            }
        }
    }
}
