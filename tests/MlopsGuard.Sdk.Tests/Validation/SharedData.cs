using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace MlopsGuard.Sdk.Tests.Validation
{
    /// <summary>
    /// The shared data sets (HeartTraining.csv, ...): the nearest <c>shared/data</c> folder above the repository root
    /// (the repository is a sibling of <c>shared/</c>), else the MLOPSGUARD_SHARED_DATA environment variable.
    /// </summary>
    public static class SharedData
    {
        public static string RepositoryRoot { get; } = Path.GetFullPath(
            typeof(SharedData).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "RepositoryRoot").Value!);

        public static string Directory { get; } = Locate();

        public static string File(string name) => Path.Combine(Directory, name);

        private static string Locate()
        {
            for (var folder = new DirectoryInfo(RepositoryRoot); folder is not null; folder = folder.Parent)
            {
                var candidate = Path.Combine(folder.FullName, "shared", "data");
                if (System.IO.Directory.Exists(candidate))
                {
                    return candidate;
                }
            }

            var fromEnvironment = Environment.GetEnvironmentVariable("MLOPSGUARD_SHARED_DATA");
            if (!string.IsNullOrEmpty(fromEnvironment) && System.IO.Directory.Exists(fromEnvironment))
            {
                return fromEnvironment;
            }

            throw new InvalidOperationException(
                $"No shared/data folder above {RepositoryRoot}; set MLOPSGUARD_SHARED_DATA to the folder holding HeartTraining.csv.");
        }
    }
}
