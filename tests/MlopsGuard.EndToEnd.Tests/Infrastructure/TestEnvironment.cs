using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace MlopsGuard.EndToEnd.Tests.Infrastructure
{
    /// <summary>Facts about the checkout and the package these tests were built with.</summary>
    public static class TestEnvironment
    {
        public static string RepositoryRoot { get; } = Path.GetFullPath(Metadata("RepositoryRoot"));

        /// <summary>The folder the solution build packed MlopsGuard into.</summary>
        public static string PackageOutput { get; } = Path.GetFullPath(Metadata("PackageOutput"));

        public static string PackageVersion { get; } = Metadata("PackageVersion");

        public static string PackagePath => Path.Combine(PackageOutput, $"MlopsGuard.{PackageVersion}.nupkg");

        /// <summary>The shared real data sets: <c>shared/data</c> beside the checkout (or above it), or <c>MLOPSGUARD_SHARED_DATA</c>.</summary>
        public static string SharedData { get; } = FindSharedData();

        public static string Dotnet { get; } = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

        private static string Metadata(string key) =>
            typeof(TestEnvironment).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == key).Value!;

        private static string FindSharedData()
        {
            var fromEnvironment = Environment.GetEnvironmentVariable("MLOPSGUARD_SHARED_DATA");
            if (!string.IsNullOrEmpty(fromEnvironment))
            {
                return fromEnvironment;
            }

            for (var dir = new DirectoryInfo(RepositoryRoot); dir != null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "data");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }

            return Path.Combine(RepositoryRoot, "..", "shared", "data");
        }
    }
}
