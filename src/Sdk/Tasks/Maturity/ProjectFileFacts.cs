using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using MlopsGuard.Tasks.Compatibility;

namespace MlopsGuard.Tasks.Maturity
{
    /// <summary>
    /// What a project file found in the repository says about testing: is it a test project, is it an ML project,
    /// which projects it references. Read as text with a few patterns (a project file may use properties, imports
    /// or be half-written; evaluating it would cost a full MSBuild evaluation per project).
    /// </summary>
    internal sealed class ProjectFileFacts
    {
        // Non-backtracking: a hostile project file ("<PackageReference " a hundred thousand times) stays linear.
        private static readonly RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | Portable.Linear;
        private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(500);

        private static readonly Regex PackageReference = new Regex(@"<PackageReference\s[^>]*?\bInclude\s*=\s*[""']([^""']+)[""']", Options, Timeout);
        private static readonly Regex ProjectReference = new Regex(@"<ProjectReference\s[^>]*?\bInclude\s*=\s*[""']([^""']+)[""']", Options, Timeout);
        private static readonly Regex TestProperty = new Regex(@"<IsTestProject>\s*true\s*</IsTestProject>", Options, Timeout);
        private static readonly Regex TestSdk = new Regex(@"Sdk\s*=\s*[""'](MSTest\.Sdk|TUnit\.Sdk)", Options, Timeout);

        /// <summary>Packages that make a project a test project.</summary>
        private static readonly string[] TestPackages =
        {
            "Microsoft.NET.Test.Sdk", "xunit", "xunit.core", "xunit.v3", "xunit.v3.core", "NUnit", "MSTest", "MSTest.TestFramework", "TUnit",
        };

        public ProjectFileFacts(string relativePath, bool isTest, bool isMl, IReadOnlyList<string> references, bool hasModelQualityTest)
        {
            RelativePath = relativePath;
            IsTest = isTest;
            IsMl = isMl;
            References = references;
            HasModelQualityTest = hasModelQualityTest;
        }

        /// <summary>Relative to the repository root, with '/'.</summary>
        public string RelativePath { get; }

        public bool IsTest { get; }

        public bool IsMl { get; }

        /// <summary>Referenced project files, relative to the repository root with '/'.</summary>
        public IReadOnlyList<string> References { get; }

        /// <summary>A test source of the project asserts on a model metric (see <see cref="ModelQualityTests"/>).</summary>
        public bool HasModelQualityTest { get; }

        /// <summary>ML.NET, ONNX Runtime or TorchSharp: the packages that make a project an ML project.</summary>
        public static bool IsMlPackage(string name) =>
            name.Equals("Microsoft.ML", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("Microsoft.ML.", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("TorchSharp", StringComparison.OrdinalIgnoreCase);

        public static bool IsTestPackage(string name) => TestPackages.Contains(name, StringComparer.OrdinalIgnoreCase);

        /// <summary>Reads one project file; <paramref name="sources"/> gives the C# files below it, asked for only when it is a test project.</summary>
        public static ProjectFileFacts Read(string repositoryRoot, string projectPath, Func<IReadOnlyList<string>> sources)
        {
            var text = BoundedText.Read(projectPath) ?? string.Empty;
            var packages = BoundedMatch.All(PackageReference, text).Select(m => m.Groups[1].Value.Trim()).ToList();
            var isTest = BoundedMatch.IsMatch(TestProperty, text) || BoundedMatch.IsMatch(TestSdk, text) || packages.Any(IsTestPackage);
            var isMl = packages.Any(IsMlPackage);
            var directory = Path.GetDirectoryName(projectPath)!;
            var references = BoundedMatch.All(ProjectReference, text)
                .Select(m => m.Groups[1].Value.Trim())
                .Where(r => r.IndexOf("$(", StringComparison.Ordinal) < 0)
                .Select(r => RepositoryPath.Relative(repositoryRoot, Path.Combine(directory, r.Replace('\\', Path.DirectorySeparatorChar).Replace('/', Path.DirectorySeparatorChar))))
                .Distinct(StringComparer.Ordinal)
                .OrderBy(r => r, StringComparer.Ordinal)
                .ToList();
            var quality = isTest && sources().Any(ModelQualityTests.AssertsOnAMetric);
            return new ProjectFileFacts(RepositoryPath.Relative(repositoryRoot, projectPath), isTest, isMl, references, quality);
        }
    }
}
