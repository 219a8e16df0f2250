using System;
using System.IO;
using Xunit;

namespace MlopsGuard.EndToEnd.Tests.Infrastructure
{
    /// <summary>
    /// One test run's local feed and NuGet cache. The cache is the run's own (NUGET_PACKAGES), so a package rebuilt
    /// with the same version is always extracted afresh; other packages come from the normal source.
    /// </summary>
    public sealed class PackageFeed : IDisposable
    {
        public PackageFeed()
        {
            if (!File.Exists(TestEnvironment.PackagePath))
            {
                throw new InvalidOperationException($"{TestEnvironment.PackagePath} was not built: build the solution first (the test project builds src/Sdk, which packs).");
            }

            Root = Path.Combine(Path.GetTempPath(), "mlopsguard-e2e", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss") + "-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            FeedDirectory = Path.Combine(Root, "feed");
            PackagesDirectory = Path.Combine(Root, "packages");
            Directory.CreateDirectory(FeedDirectory);
            Directory.CreateDirectory(PackagesDirectory);
            File.Copy(TestEnvironment.PackagePath, Path.Combine(FeedDirectory, Path.GetFileName(TestEnvironment.PackagePath)));
        }

        /// <summary>The run's folder: feed, package cache and the projects of the tests.</summary>
        public string Root { get; }

        public string FeedDirectory { get; }

        public string PackagesDirectory { get; }

        public string Version => TestEnvironment.PackageVersion;

        /// <summary>A NuGet.config with only this feed and the normal source.</summary>
        public string NuGetConfig => $@"<?xml version=""1.0"" encoding=""utf-8""?>
<configuration>
  <packageSources>
    <clear />
    <add key=""mlopsguard-local"" value=""{FeedDirectory}"" />
    <add key=""nuget.org"" value=""https://api.nuget.org/v3/index.json"" protocolVersion=""3"" />
  </packageSources>
</configuration>
";

        /// <summary>A new empty folder for one test's project(s).</summary>
        public string NewWorkspace(string name)
        {
            var path = Path.Combine(Root, "work", name + "-" + Guid.NewGuid().ToString("N").Substring(0, 6));
            Directory.CreateDirectory(path);
            File.WriteAllText(Path.Combine(path, "NuGet.config"), NuGetConfig);

            // Stops MSBuild from importing anything of the machine above the workspace.
            File.WriteAllText(Path.Combine(path, "Directory.Build.props"), "<Project />\n");
            File.WriteAllText(Path.Combine(path, "Directory.Build.targets"), "<Project />\n");
            return path;
        }

        public void Dispose()
        {
            if (Environment.GetEnvironmentVariable("MLOPSGUARD_KEEP_E2E") == "1")
            {
                return;
            }

            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // A build server may still hold a file; the folder is under the temp directory.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    [CollectionDefinition(Name)]
    public sealed class EndToEndCollection : ICollectionFixture<PackageFeed>
    {
        public const string Name = "end-to-end";
    }
}
