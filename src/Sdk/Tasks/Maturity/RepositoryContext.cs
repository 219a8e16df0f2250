using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using MlopsGuard.Tasks.Compatibility;

namespace MlopsGuard.Tasks.Maturity
{
    /// <summary>
    /// What one assessment of the repository reads: the evidence of every assessed project (the projects of the
    /// solution, or the project built and those it references), and the repository's own evidence (pipelines,
    /// CODEOWNERS, build files, test projects found by the scan), read once.
    /// </summary>
    internal sealed class RepositoryContext
    {
        private static readonly Regex CiModeSetting = new Regex(@"<(ContinuousIntegrationBuild|MlopsEnforce)\b[^>]*>\s*(true|\$\()", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | Portable.Linear, TimeSpan.FromMilliseconds(500));
        private static readonly Regex LockedRestoreSetting = new Regex(@"<RestoreLockedMode\b[^>]*>\s*(true|\$\()", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | Portable.Linear, TimeSpan.FromMilliseconds(500));

        private readonly Lazy<RepositoryScan> _scan;
        private readonly Lazy<IReadOnlyList<string>> _buildFileSettings;

        /// <param name="reporter">The project whose build writes the report (its settings of this build count, e.g. RestoreLockedMode).</param>
        /// <param name="projects">Every assessed project, the reporter included.</param>
        public RepositoryContext(string root, MaturityContext reporter, IEnumerable<MaturityContext> projects, Func<RepositoryScan> scan)
        {
            Root = root;
            Reporter = reporter;
            Projects = projects
                .GroupBy(p => p.ProjectFile, StringComparer.Ordinal)
                .Select(g => g.First())
                .OrderBy(p => p.ProjectRelativePath, StringComparer.Ordinal)
                .ToList();
            _scan = new Lazy<RepositoryScan>(scan);
            Pipelines = Pipeline.FindAll(root);
            CodeOwners = CodeOwners.Find(root);
            _buildFileSettings = new Lazy<IReadOnlyList<string>>(ReadBuildFileSettings);
        }

        public string Root { get; }

        public MaturityContext Reporter { get; }

        /// <summary>The assessed projects, ordered by path.</summary>
        public IReadOnlyList<MaturityContext> Projects { get; }

        /// <summary>Projects with ML code or artifacts that are not test projects: what the parameters assess.</summary>
        public IReadOnlyList<MaturityContext> MlProjects => Projects.Where(p => p.IsMlProject && !p.IsTestProject).ToList();

        /// <summary>ML projects that serve models (inference in a web app, a function, a gRPC service, a worker).</summary>
        public IReadOnlyList<MaturityContext> Serving => MlProjects.Where(p => p.Serves != null).ToList();

        /// <summary>The projects whose compiler logs must be read: the ML projects, or the reporter when there are none.</summary>
        public IReadOnlyList<MaturityContext> Analyzed => MlProjects.Count > 0 ? MlProjects : new[] { Reporter };

        /// <summary>
        /// ML projects of the repository (found by the scan: not test projects, referencing an ML library) that this
        /// assessment did not see: the build covered only part of the repository.
        /// </summary>
        public IReadOnlyList<string> NotAssessed =>
            Scan.Projects.Where(p => p.IsMl && !p.IsTest && !Projects.Any(a => a.ProjectRelativePath == p.RelativePath))
                .Select(p => p.RelativePath)
                .OrderBy(p => p, StringComparer.Ordinal)
                .ToList();

        public IReadOnlyList<Pipeline> Pipelines { get; }

        public CodeOwners? CodeOwners { get; }

        public RepositoryScan Scan => _scan.Value;

        /// <summary>Where the report is written.</summary>
        public string? ReportDirectory { get; set; }

        /// <summary>Pipelines that run a .NET build.</summary>
        public IEnumerable<Pipeline> Building => Pipelines.Where(p => p.Builds);

        /// <summary>CI mode comes from a pipeline or from a build file that turns it on for CI (e.g. on <c>$(GITHUB_ACTIONS)</c>).</summary>
        public string? CiModeEvidence =>
            Building.FirstOrDefault(p => p.CiMode) is Pipeline p ? $"{p.RelativePath} builds in CI mode"
            : BuildFileSettings.FirstOrDefault(s => s.StartsWith("ci:", StringComparison.Ordinal)) is string s ? s.Substring(3) + " turns on CI mode" : null;

        public string? LockedRestoreEvidence =>
            Pipelines.FirstOrDefault(p => p.LockedRestore) is Pipeline p ? $"{p.RelativePath} restores in locked mode"
            : Reporter.RestoreLockedMode ? "RestoreLockedMode is true in this build"
            : BuildFileSettings.FirstOrDefault(s => s.StartsWith("locked:", StringComparison.Ordinal)) is string s ? s.Substring(7) + " sets RestoreLockedMode" : null;

        /// <summary>Settings found in the repository's root Directory.Build.props/.targets and in the assessed project files.</summary>
        private IReadOnlyList<string> BuildFileSettings => _buildFileSettings.Value;

        public string Relative(string path) => RepositoryPath.Relative(Root, path);

        /// <summary>A text prefixed with the project's path when more than one project is assessed.</summary>
        public string In(MaturityContext project, string text) => Projects.Count > 1 ? $"{project.ProjectRelativePath}: {text}" : text;

        private IReadOnlyList<string> ReadBuildFileSettings()
        {
            var settings = new List<string>();
            var files = new[] { Path.Combine(Root, "Directory.Build.props"), Path.Combine(Root, "Directory.Build.targets") }.Concat(Projects.Select(p => p.ProjectFile));
            foreach (var file in files.Distinct(StringComparer.Ordinal))
            {
                var text = File.Exists(file) ? BoundedText.Read(file) : null;
                if (text is null)
                {
                    continue;
                }

                if (BoundedMatch.IsMatch(CiModeSetting, text))
                {
                    settings.Add("ci:" + Relative(file));
                }

                if (BoundedMatch.IsMatch(LockedRestoreSetting, text))
                {
                    settings.Add("locked:" + Relative(file));
                }
            }

            return settings;
        }
    }
}
