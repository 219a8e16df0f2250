using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace MlopsGuard.Tasks.Maturity
{
    /// <summary>Everything the collectors read: facts of this build, and repository evidence read once per assessment.</summary>
    internal sealed class MaturityContext
    {
        private static readonly Regex CiModeSetting = new Regex(@"<(ContinuousIntegrationBuild|MlopsEnforce)\b[^>]*>\s*(true|\$\()", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, TimeSpan.FromMilliseconds(500));
        private static readonly Regex LockedRestoreSetting = new Regex(@"<RestoreLockedMode\b[^>]*>\s*(true|\$\()", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, TimeSpan.FromMilliseconds(500));

        private readonly Lazy<RepositoryScan> _scan;
        private readonly Lazy<IReadOnlyList<string>> _buildFileSettings;

        public MaturityContext(
            string repositoryRoot,
            string projectFile,
            IReadOnlyList<DeclaredArtifact> data,
            IReadOnlyList<DeclaredArtifact> models,
            IReadOnlyList<MetricGate> gates,
            AnalyzerLog log,
            Func<RepositoryScan> scan)
        {
            RepositoryRoot = repositoryRoot;
            ProjectFile = projectFile;
            Data = data;
            Models = models;
            Gates = gates;
            Log = log;
            _scan = new Lazy<RepositoryScan>(scan);
            Pipelines = Pipeline.FindAll(repositoryRoot);
            CodeOwners = CodeOwners.Find(repositoryRoot);
            _buildFileSettings = new Lazy<IReadOnlyList<string>>(ReadBuildFileSettings);
        }

        public string RepositoryRoot { get; }

        public string ProjectFile { get; }

        public string ProjectDirectory => Path.GetDirectoryName(ProjectFile)!;

        /// <summary>The project file relative to the repository root.</summary>
        public string ProjectRelativePath => RepositoryPath.Relative(RepositoryRoot, ProjectFile);

        public IReadOnlyList<DeclaredArtifact> Data { get; }

        public IReadOnlyList<DeclaredArtifact> Models { get; }

        public IReadOnlyList<MetricGate> Gates { get; }

        public AnalyzerLog Log { get; }

        public IReadOnlyList<Pipeline> Pipelines { get; }

        public CodeOwners? CodeOwners { get; }

        public RepositoryScan Scan => _scan.Value;

        public string? LockFile { get; set; }

        public string? NuGetLockFile { get; set; }

        public bool RestorePackagesWithLockFile { get; set; }

        /// <summary>RestoreLockedMode is true in this build.</summary>
        public bool RestoreLockedMode { get; set; }

        public bool IsTestProject { get; set; }

        public bool IsMlProject { get; set; }

        /// <summary>The project's obj/ folder (BaseIntermediateOutputPath), where validation records are looked for.</summary>
        public string? IntermediateDirectory { get; set; }

        /// <summary>$(MlopsArtifactsDir): where packed models and their manifests are.</summary>
        public string? ArtifactsDirectory { get; set; }

        /// <summary>Whether dotnet pack of the project releases its models (MlopsPackModel on pack).</summary>
        public bool PacksModels { get; set; } = true;

        /// <summary>Pipelines that run a .NET build.</summary>
        public IEnumerable<Pipeline> Building => Pipelines.Where(p => p.Builds);

        /// <summary>CI mode comes from a pipeline or from a build file that turns it on for CI (e.g. on <c>$(GITHUB_ACTIONS)</c>).</summary>
        public string? CiModeEvidence =>
            Building.FirstOrDefault(p => p.CiMode) is Pipeline p ? $"{p.RelativePath} builds in CI mode"
            : BuildFileSettings.FirstOrDefault(s => s.StartsWith("ci:", StringComparison.Ordinal)) is string s ? s.Substring(3) + " turns on CI mode" : null;

        public string? LockedRestoreEvidence =>
            Pipelines.FirstOrDefault(p => p.LockedRestore) is Pipeline p ? $"{p.RelativePath} restores in locked mode"
            : RestoreLockedMode ? "RestoreLockedMode is true in this build"
            : BuildFileSettings.FirstOrDefault(s => s.StartsWith("locked:", StringComparison.Ordinal)) is string s ? s.Substring(7) + " sets RestoreLockedMode" : null;

        /// <summary>Settings found in the repository's root Directory.Build.props/.targets and in the project file.</summary>
        private IReadOnlyList<string> BuildFileSettings => _buildFileSettings.Value;

        public string Relative(string path) => RepositoryPath.Relative(RepositoryRoot, path);

        private IReadOnlyList<string> ReadBuildFileSettings()
        {
            var settings = new List<string>();
            var files = new[] { Path.Combine(RepositoryRoot, "Directory.Build.props"), Path.Combine(RepositoryRoot, "Directory.Build.targets"), ProjectFile };
            foreach (var file in files.Distinct(StringComparer.Ordinal))
            {
                var text = File.Exists(file) ? BoundedText.Read(file) : null;
                if (text is null)
                {
                    continue;
                }

                if (CiModeSetting.IsMatch(text))
                {
                    settings.Add("ci:" + Relative(file));
                }

                if (LockedRestoreSetting.IsMatch(text))
                {
                    settings.Add("locked:" + Relative(file));
                }
            }

            return settings;
        }
    }
}
