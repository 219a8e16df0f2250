using System.IO;
using MlopsGuard.Tasks.Compatibility;
using Xunit;

namespace MlopsGuard.Sdk.Tests.Compatibility
{
    /// <summary>The calls the tasks make through <see cref="Portable"/> mean the same on .NET and on .NET Framework (this file runs on both).</summary>
    public class PortableTests
    {
        private static readonly string Base = Path.Combine(Path.GetTempPath(), "mlopsguard-portable", "project");

        [Fact]
        public void A_glob_is_made_absolute_without_the_frameworks_character_checks()
        {
            Assert.Equal(Path.Combine(Base, "data", "*.csv"), Portable.FullPath("data/*.csv", Base));
            Assert.Equal(Path.Combine(Path.GetDirectoryName(Base)!, "shared", "train-?.csv"), Portable.FullPath("../shared/./train-?.csv", Base));
        }

        [Fact]
        public void A_relative_path_keeps_a_trailing_separator_as_on_NET()
        {
            Assert.Equal("models" + Path.DirectorySeparatorChar, Portable.RelativePath(Base, Path.Combine(Base, "models") + Path.DirectorySeparatorChar));
            Assert.Equal(Path.Combine("..", "data", "a.csv"), Portable.RelativePath(Path.Combine(Base, "src"), Path.Combine(Base, "data", "a.csv")));
            Assert.Equal(".", Portable.RelativePath(Base, Base));
        }

        [Fact]
        public void A_trailing_separator_is_trimmed_but_not_from_a_root()
        {
            Assert.Equal(Base, Portable.TrimEndingSeparator(Base + Path.DirectorySeparatorChar));
            var root = Path.GetPathRoot(Base)!;
            Assert.Equal(root, Portable.TrimEndingSeparator(root));
        }
    }
}
