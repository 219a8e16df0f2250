using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace MlopsGuard.RealCode
{
    /// <summary>
    /// A folder of real code and its labels: <c>labels.tsv</c> and <c>misses.tsv</c> beside one folder of code, whose paths
    /// the labels use (or, without labels, any folder of code).
    /// </summary>
    public sealed class Corpus
    {
        private Corpus(string codeRoot, string? labelsFile, string? missesFile)
        {
            CodeRoot = codeRoot;
            LabelsFile = labelsFile;
            MissesFile = missesFile;
        }

        public string CodeRoot { get; }

        public string? LabelsFile { get; }

        public string? MissesFile { get; }

        /// <summary>The corpus of this repository's development set: <c>$MLOPSGUARD_CORPUS</c>, else <c>../shared/corpus</c> beside the checkout.</summary>
        public static string DefaultFolder =>
            Environment.GetEnvironmentVariable("MLOPSGUARD_CORPUS") is { Length: > 0 } folder
                ? folder
                : Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "corpus"));

        private static string RepositoryRoot =>
            typeof(Corpus).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "RepositoryRoot").Value!;

        public static Corpus Open(string folder)
        {
            folder = Path.GetFullPath(folder);
            if (!Directory.Exists(folder))
            {
                throw new DirectoryNotFoundException($"no corpus folder at {folder}");
            }

            var labels = Path.Combine(folder, "labels.tsv");
            var misses = Path.Combine(folder, "misses.tsv");
            var codeFolders = Directory.GetDirectories(folder).Where(d => !Path.GetFileName(d).StartsWith(".", StringComparison.Ordinal)).ToArray();
            var codeRoot = File.Exists(labels) && codeFolders.Length == 1 ? codeFolders[0] : folder;
            return new Corpus(codeRoot, File.Exists(labels) ? labels : null, File.Exists(misses) ? misses : null);
        }
    }
}
