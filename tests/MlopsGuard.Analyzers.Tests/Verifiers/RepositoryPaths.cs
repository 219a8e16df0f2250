using System.IO;
using System.Linq;
using System.Reflection;

namespace MlopsGuard.Analyzers.Tests.Verifiers
{
    public static class RepositoryPaths
    {
        /// <summary>The checkout these tests were built from.</summary>
        public static string Root { get; } = Path.GetFullPath(
            typeof(RepositoryPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "RepositoryRoot").Value!);

        public static string Combine(params string[] parts) => Path.Combine(new[] { Root }.Concat(parts).ToArray());
    }
}
