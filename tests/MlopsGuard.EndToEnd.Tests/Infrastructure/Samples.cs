using System.IO;

namespace MlopsGuard.EndToEnd.Tests.Infrastructure
{
    /// <summary>Copies a sample repository out of the checkout, pointed at the run's feed, so building it leaves the checkout untouched.</summary>
    public static class Samples
    {
        public static string SamplesRoot => Path.Combine(TestEnvironment.RepositoryRoot, "samples");

        /// <summary>A copy of <c>samples/&lt;name&gt;</c> (with the samples' shared build files) in a new workspace.</summary>
        public static TestProject Copy(PackageFeed feed, string name, string projectFileName)
        {
            var workspace = feed.NewWorkspace(name);
            foreach (var file in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
            {
                File.Copy(Path.Combine(SamplesRoot, file), Path.Combine(workspace, file), overwrite: true);
            }

            var target = Path.Combine(workspace, name);
            CopyDirectory(Path.Combine(SamplesRoot, name), target);
            return new TestProject(feed, target, Path.GetFileNameWithoutExtension(projectFileName));
        }

        private static void CopyDirectory(string source, string target)
        {
            Directory.CreateDirectory(target);
            foreach (var directory in Directory.GetDirectories(source))
            {
                var name = Path.GetFileName(directory);
                if (name is "bin" or "obj" or ".packages")
                {
                    continue;
                }

                CopyDirectory(directory, Path.Combine(target, name));
            }

            foreach (var file in Directory.GetFiles(source))
            {
                // NuGet lock files are made by restore and name the package's hash: the run's package differs from a local one.
                if (Path.GetFileName(file) != "packages.lock.json")
                {
                    File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
                }
            }
        }
    }
}
