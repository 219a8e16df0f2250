using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using MlopsGuard.Tasks.Infrastructure;

namespace MlopsGuard.Tasks.Maturity
{
    /// <summary>
    /// The MlopsReport task (CONTRACT §5, §8): assesses the repository on the eight parameters of the maturity table,
    /// writes maturity.md/.json/.sarif, prints a one-line summary, reports MLG1002, MLG5001–MLG5003 and MLG7001, and
    /// applies the level gate (MLG5004: an error when enforced). The criteria are those of docs/maturity.md.
    /// </summary>
    public sealed class AssessMaturity : MlopsTask
    {
        /// <summary>The project file being built.</summary>
        [Required]
        public string ProjectFile { get; set; } = string.Empty;

        /// <summary>$(MlopsRepositoryRoot); when empty, the nearest folder above the project holding <c>.git</c>.</summary>
        public string? RepositoryRoot { get; set; }

        /// <summary>$(MlopsArtifactsDir): where the three report files are written.</summary>
        [Required]
        public string ReportDirectory { get; set; } = string.Empty;

        public ITaskItem[] Data { get; set; } = Array.Empty<ITaskItem>();

        public ITaskItem[] Models { get; set; } = Array.Empty<ITaskItem>();

        public ITaskItem[] MetricGates { get; set; } = Array.Empty<ITaskItem>();

        /// <summary>$(MlopsLockFile).</summary>
        public string? LockFile { get; set; }

        /// <summary>The compiler's SARIF log of this build ($(ErrorLog), with or without its version suffix).</summary>
        public string? ErrorLog { get; set; }

        /// <summary>@(PackageReference) and @(ReferencePath): whether this is an ML project.</summary>
        public ITaskItem[] PackageReferences { get; set; } = Array.Empty<ITaskItem>();

        public ITaskItem[] References { get; set; } = Array.Empty<ITaskItem>();

        public bool IsTestProject { get; set; }

        public bool RestorePackagesWithLockFile { get; set; }

        public bool RestoreLockedMode { get; set; }

        /// <summary>$(NuGetLockFilePath), else packages.lock.json beside the project.</summary>
        public string? NuGetLockFile { get; set; }

        /// <summary>The project's obj/ folder: where validation records are looked for.</summary>
        public string? IntermediateDirectory { get; set; }

        /// <summary>Where the repository scan is cached between builds; empty: the user's temp folder.</summary>
        public string? ScanCacheDirectory { get; set; }

        /// <summary>$(NoWarn): the report's own diagnostics listed there are not reported (not even as errors when enforced) and not written to maturity.sarif; the levels do not change.</summary>
        public string? NoWarn { get; set; }

        /// <summary>Assess only an ML project that is not a test project (the report at the end of a CI build); others are skipped with a message.</summary>
        public bool OnlyMlProjects { get; set; }

        /// <summary>Whether dotnet pack of this project releases its models (MlopsPackModelOnPack, which follows IsPackable unless set).</summary>
        public bool PacksModels { get; set; } = true;

        /// <summary>The lowest parameter level.</summary>
        [Output]
        public int Level { get; set; }

        [Output]
        public ITaskItem[] ReportFiles { get; set; } = Array.Empty<ITaskItem>();

        protected override void Run()
        {
            var projectFile = Path.GetFullPath(ProjectFile);
            var projectDirectory = Path.GetDirectoryName(projectFile)!;
            var root = string.IsNullOrWhiteSpace(RepositoryRoot)
                ? RepositoryPath.FindRoot(projectDirectory) ?? projectDirectory
                : Path.TrimEndingDirectorySeparator(Path.GetFullPath(Path.Combine(projectDirectory, RepositoryRoot!)));
            if (string.IsNullOrWhiteSpace(RepositoryRoot) && RepositoryPath.FindRoot(projectDirectory) is null)
            {
                Log.LogMessage(MessageImportance.Normal, "MlopsGuard: no .git folder above {0}; the project folder is taken as the repository root (set MlopsRepositoryRoot to change it).", projectDirectory);
            }

            var cacheDirectory = string.IsNullOrWhiteSpace(ScanCacheDirectory) ? Path.Combine(Path.GetTempPath(), "MlopsGuard") : ScanCacheDirectory;
            var context = new MaturityContext(
                root,
                projectFile,
                Artifacts(Data, "data", projectDirectory),
                Artifacts(Models, "model", projectDirectory),
                MetricGates.Select(g => new MetricGate(g.ItemSpec, g.GetMetadata("Model"))).ToList(),
                AnalyzerLog.Read(AnalyzerLog.PathOf(ErrorLog) is string log ? Path.GetFullPath(Path.Combine(projectDirectory, log)) : null),
                () =>
                {
                    var scan = RepositoryScanCache.Get(root, cacheDirectory, BuildEngine, ScanLimits.Default, out var origin);
                    Log.LogMessage(MessageImportance.Low, "MlopsGuard: repository scan of {0}: {1} ({2} project files).", root, origin, scan.Projects.Count);
                    return scan;
                })
            {
                LockFile = string.IsNullOrWhiteSpace(LockFile) ? null : Path.GetFullPath(Path.Combine(projectDirectory, LockFile!)),
                NuGetLockFile = string.IsNullOrWhiteSpace(NuGetLockFile) ? Path.Combine(projectDirectory, "packages.lock.json") : Path.GetFullPath(Path.Combine(projectDirectory, NuGetLockFile!)),
                RestorePackagesWithLockFile = RestorePackagesWithLockFile,
                RestoreLockedMode = RestoreLockedMode,
                IsTestProject = IsTestProject,
                IsMlProject = PackageReferences.Any(p => ProjectFileFacts.IsMlPackage(p.ItemSpec))
                              || References.Any(r => ProjectFileFacts.IsMlPackage(Path.GetFileNameWithoutExtension(r.ItemSpec))),
                IntermediateDirectory = string.IsNullOrWhiteSpace(IntermediateDirectory) ? null : Path.GetFullPath(Path.Combine(projectDirectory, IntermediateDirectory!)),
                ArtifactsDirectory = Path.GetFullPath(Path.Combine(projectDirectory, ReportDirectory)),
                PacksModels = PacksModels,
            };

            if (OnlyMlProjects && (IsTestProject || (!context.IsMlProject && Data.Length == 0 && Models.Length == 0)))
            {
                Log.LogMessage(MessageImportance.Normal, "MlopsGuard: {0} is {1}: its maturity is not assessed in this build (dotnet build -t:MlopsReport assesses it).", Path.GetFileName(projectFile), IsTestProject ? "a test project" : "not an ML project");
                Level = -1;
                return;
            }

            var assessment = MaturityAssessment.Run(context, MlopsLevel);
            var findings = assessment.Findings.ToList();
            var shortOf = assessment.ShortOf.ToList();
            if (shortOf.Count > 0)
            {
                findings.Add(new RuleFinding(RuleIdentifiers.BelowDeclaredLevel, assessment.Project, GateMessage(assessment, shortOf, context)));
            }

            var silenced = new HashSet<string>((NoWarn ?? string.Empty).Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim()), StringComparer.OrdinalIgnoreCase);
            findings.RemoveAll(f => silenced.Contains(f.RuleId));
            var withGate = assessment.WithFindings(findings);
            var version = typeof(AssessMaturity).Assembly.GetName().Version?.ToString(3) ?? "1.0.0";
            IReadOnlyList<string> files;
            try
            {
                files = MaturityReportWriter.Write(context.ArtifactsDirectory!, withGate, SeverityOf, version);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                // The assessment still reports its findings; only the report files are missing.
                Report(RuleIdentifiers.InvalidConfiguration, projectFile, $"The maturity report cannot be written to {context.ArtifactsDirectory}: {ex.Message} Make the folder writable.");
                files = Array.Empty<string>();
            }

            ReportFiles = files.Select(f => (ITaskItem)new Microsoft.Build.Utilities.TaskItem(f)).ToArray();
            Level = assessment.Level;

            Log.LogMessage(MessageImportance.High, "{0} (report: {1})", assessment.Summary(), files.Count > 0 ? files[0] : "not written");
            foreach (var finding in withGate.Findings)
            {
                var file = finding.File is null ? projectFile : Path.GetFullPath(Path.Combine(root, finding.File));
                Report(finding.RuleId, file, finding.Message);
            }
        }

        private static string GateMessage(MaturityAssessment assessment, IReadOnlyList<ParameterAssessment> shortOf, MaturityContext context)
        {
            var parameters = string.Join("; ", shortOf.Select(p => $"{p.Name} at {p.Level}" + (p.Missing.Count > 0 ? $" ({p.Missing[0]})" : string.Empty)));
            return $"The repository is assessed at MLOps Level {assessment.Level}, below the declared MlopsLevel {assessment.DeclaredLevel}. Short of it: {parameters}. Details: {context.Relative(Path.Combine(context.ArtifactsDirectory!, "maturity.md"))}.";
        }

        private static string? Blank(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

        private static IReadOnlyList<DeclaredArtifact> Artifacts(IEnumerable<ITaskItem> items, string kind, string projectDirectory) =>
            items
                .Select(i => new DeclaredArtifact(kind, i.ItemSpec, Path.GetFullPath(Path.Combine(projectDirectory, i.ItemSpec)), i.GetMetadata("Name"))
                {
                    MetricsFile = Blank(i.GetMetadata("MetricsFile")),
                    ParamsFile = Blank(i.GetMetadata("ParamsFile")),
                })
                .GroupBy(a => a.FullPath, StringComparer.Ordinal)
                .Select(g => g.First())
                .ToList();
    }
}
