using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using MlopsGuard.Tasks.Infrastructure;
using MlopsGuard.Tasks.Compatibility;

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

        /// <summary>$(MlopsArtifactsDir) of this project, where its packed models are (default: <see cref="ReportDirectory"/>).</summary>
        public string? ArtifactsDirectory { get; set; }

        /// <summary>@(FrameworkReference): the ASP.NET Core shared framework makes an ML project a serving one.</summary>
        public ITaskItem[] FrameworkReferences { get; set; } = Array.Empty<ITaskItem>();

        /// <summary>$(UsingMicrosoftNETSdkWeb).</summary>
        public bool UsingWebSdk { get; set; }

        /// <summary>$(UsingMicrosoftNETSdkWorker).</summary>
        public bool UsingWorkerSdk { get; set; }

        /// <summary>$(AzureFunctionsVersion).</summary>
        public string? AzureFunctionsVersion { get; set; }

        /// <summary>$(MlopsServesModels): true or false overrides what the project's SDK and references say about serving models.</summary>
        public string? ServesModels { get; set; }

        /// <summary>@(ProjectReference) as evaluated (full paths).</summary>
        public ITaskItem[] ProjectReferences { get; set; } = Array.Empty<ITaskItem>();

        /// <summary>
        /// The evidence of the other assessed projects (target MlopsMaturityEvidence): one item per project
        /// (<c>MlopsRole=project</c>) with the same facts as this task's own inputs as metadata, and its MlData, MlModel and
        /// MlMetricGate items (<c>MlopsRole=data|model|gate</c>), each with <c>MlopsProject</c>, the project file.
        /// </summary>
        public ITaskItem[] Projects { get; set; } = Array.Empty<ITaskItem>();

        /// <summary>What is assessed (the solution file, or this project file when empty): the report's title and the gate's location.</summary>
        public string? Subject { get; set; }

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
                : Portable.TrimEndingSeparator(Path.GetFullPath(Path.Combine(projectDirectory, RepositoryRoot!)));
            if (string.IsNullOrWhiteSpace(RepositoryRoot) && RepositoryPath.FindRoot(projectDirectory) is null)
            {
                Log.LogMessage(MessageImportance.Normal, "MlopsGuard: no .git folder above {0}; the project folder is taken as the repository root (set MlopsRepositoryRoot to change it).", projectDirectory);
            }

            var reporter = Project(
                root,
                projectFile,
                Data,
                Models,
                MetricGates,
                new ProjectInputs
                {
                    ErrorLog = ErrorLog,
                    LockFile = LockFile,
                    NuGetLockFile = NuGetLockFile,
                    RestorePackagesWithLockFile = RestorePackagesWithLockFile,
                    RestoreLockedMode = RestoreLockedMode,
                    IsTestProject = IsTestProject,
                    Names = PackageReferences.Select(p => p.ItemSpec).Concat(References.Select(r => Path.GetFileNameWithoutExtension(r.ItemSpec))).ToList(),
                    FrameworkReferences = FrameworkReferences.Select(f => f.ItemSpec).ToList(),
                    UsingWebSdk = UsingWebSdk,
                    UsingWorkerSdk = UsingWorkerSdk,
                    AzureFunctionsVersion = AzureFunctionsVersion,
                    ServesModels = ServesModels,
                    ProjectReferences = ProjectReferences.Select(r => r.GetMetadata("FullPath") is { Length: > 0 } full ? full : r.ItemSpec).ToList(),
                    IntermediateDirectory = IntermediateDirectory,
                    ArtifactsDirectory = string.IsNullOrWhiteSpace(ArtifactsDirectory) ? ReportDirectory : ArtifactsDirectory,
                    PacksModels = PacksModels,
                    MlopsLevel = MlopsLevel,
                });
            var others = OtherProjects(root, projectFile).ToList();
            var cacheDirectory = string.IsNullOrWhiteSpace(ScanCacheDirectory) ? Path.Combine(Path.GetTempPath(), "MlopsGuard") : ScanCacheDirectory;
            var reportDirectory = Path.GetFullPath(Path.Combine(projectDirectory, ReportDirectory));
            var context = new RepositoryContext(root, reporter, others.Prepend(reporter), () =>
                {
                    var scan = RepositoryScanCache.Get(root, cacheDirectory, BuildEngine, ScanLimits.Default, out var origin);
                    Log.LogMessage(MessageImportance.Low, "MlopsGuard: repository scan of {0}: {1} ({2} project files).", root, origin, scan.Projects.Count);
                    return scan;
                })
            {
                ReportDirectory = reportDirectory,
            };

            if (OnlyMlProjects && context.MlProjects.Count == 0)
            {
                Log.LogMessage(MessageImportance.Normal, "MlopsGuard: {0}: no ML project among the {1} assessed project(s) (test projects and projects without ML code are not assessed in this build; dotnet build -t:MlopsReport assesses them).", Path.GetFileName(projectFile), context.Projects.Count);
                Level = -1;
                return;
            }

            // The repository commits to the highest level its ML projects declare; the report's diagnostics follow it.
            MlopsLevel = context.MlProjects.Where(p => p.MlopsLevel.HasValue).Select(p => p.MlopsLevel!.Value).DefaultIfEmpty(MlopsLevel).Max();
            var subjectFile = string.IsNullOrWhiteSpace(Subject) ? projectFile : Path.GetFullPath(Path.Combine(projectDirectory, Subject!));
            var assessment = MaturityAssessment.Run(context, MlopsLevel, RepositoryPath.Relative(root, subjectFile));
            var findings = assessment.Findings.ToList();
            var shortOf = assessment.ShortOf.ToList();
            if (shortOf.Count > 0 && assessment.NotAssessed.Count == 0)
            {
                findings.Add(new RuleFinding(RuleIdentifiers.BelowDeclaredLevel, null, GateMessage(assessment, shortOf, context)));
            }

            var silenced = new HashSet<string>((NoWarn ?? string.Empty).Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim()), StringComparer.OrdinalIgnoreCase);
            findings.RemoveAll(f => silenced.Contains(f.RuleId));
            var withGate = assessment.WithFindings(findings);
            var version = typeof(AssessMaturity).Assembly.GetName().Version?.ToString(3) ?? "1.0.0";
            IReadOnlyList<string> files;
            try
            {
                files = MaturityReportWriter.Write(reportDirectory, withGate, SeverityOf, version);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                // The assessment still reports its findings; only the report files are missing.
                Report(RuleIdentifiers.InvalidConfiguration, projectFile, $"The maturity report cannot be written to {reportDirectory}: {ex.Message} Make the folder writable.");
                files = Array.Empty<string>();
            }

            ReportFiles = files.Select(f => (ITaskItem)new Microsoft.Build.Utilities.TaskItem(f)).ToArray();
            Level = assessment.Level;

            var scope = (context.Projects.Count == 1 ? "1 project" : $"{context.Projects.Count} projects") + " of " + assessment.Subject;
            if (assessment.NotAssessed.Count > 0)
            {
                // The gate judges the repository; this build saw only part of it.
                scope += $"; not assessed: {assessment.NotAssessed.Count} other ML project(s) of the repository, so no level gate";
            }

            Log.LogMessage(MessageImportance.High, "{0} ({1}; report: {2})", assessment.Summary(), scope, files.Count > 0 ? files[0] : "not written");
            if (!OnlyMlProjects && files.Count > 0)
            {
                // The SDK's "Project -> output" line: the terminal logger of .NET 9 and later shows no message at its default
                // verbosity, but it puts the path of this line on the project's result line, so an explicit report run
                // (dotnet build -t:MlopsReport) ends with "… succeeded → artifacts/mlops/maturity.md (Level 1 of declared 2)".
                // Not at the end of a CI build (OnlyMlProjects): there the build's own output, the assembly, stays on that line.
                Log.LogMessage(MessageImportance.High, "{0} -> {1} (Level {2} of declared {3})", Path.GetFileNameWithoutExtension(projectFile), files[0], assessment.Level, assessment.DeclaredLevel);
            }
            foreach (var finding in withGate.Findings)
            {
                // The gate is about the whole assessment: it is reported on the solution (or the project) that was assessed.
                var file = finding.File is null ? (finding.RuleId == RuleIdentifiers.BelowDeclaredLevel ? subjectFile : projectFile) : Path.GetFullPath(Path.Combine(root, finding.File));
                Report(finding.RuleId, file, finding.Message);
            }
        }

        /// <summary>One short line: the level, the parameters below the declared one, and where the details are.</summary>
        private static string GateMessage(MaturityAssessment assessment, IReadOnlyList<ParameterAssessment> shortOf, RepositoryContext context) =>
            $"The repository is at MLOps Level {assessment.Level}, below the declared MlopsLevel {assessment.DeclaredLevel}: {string.Join(", ", shortOf.Select(p => $"{p.Name} at {p.Level}"))}. What each one is missing: {context.Relative(Path.Combine(context.ReportDirectory!, "maturity.md"))}.";

        /// <summary>The other assessed projects, from the evidence items (this project's own items are skipped: its inputs say it).</summary>
        private IEnumerable<MaturityContext> OtherProjects(string root, string projectFile)
        {
            var byProject = Projects
                .GroupBy(i => Path.GetFullPath(i.GetMetadata("MlopsProject") is { Length: > 0 } p ? p : i.ItemSpec), StringComparer.Ordinal)
                .Where(g => !string.Equals(g.Key, projectFile, StringComparison.Ordinal))
                .OrderBy(g => g.Key, StringComparer.Ordinal);
            foreach (var group in byProject)
            {
                var project = group.FirstOrDefault(i => i.GetMetadata("MlopsRole") == "project");
                if (project is null)
                {
                    continue;
                }

                ITaskItem[] Role(string role) => group.Where(i => i.GetMetadata("MlopsRole") == role).ToArray();
                bool Flag(string name) => string.Equals(project.GetMetadata(name).Trim(), "true", StringComparison.OrdinalIgnoreCase);
                IReadOnlyList<string> List(string name) => project.GetMetadata(name).Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries).Select(x => x.Trim()).Where(x => x.Length > 0).ToList();
                yield return Project(root, group.Key, Role("data"), Role("model"), Role("gate"), new ProjectInputs
                {
                    ErrorLog = project.GetMetadata("ErrorLog"),
                    LockFile = project.GetMetadata("LockFile"),
                    NuGetLockFile = project.GetMetadata("NuGetLockFile"),
                    RestorePackagesWithLockFile = Flag("RestorePackagesWithLockFile"),
                    RestoreLockedMode = Flag("RestoreLockedMode"),
                    IsTestProject = Flag("IsTestProject"),
                    Names = List("PackageReferences").Concat(List("References").Select(r => Path.GetFileNameWithoutExtension(r))).ToList(),
                    FrameworkReferences = List("FrameworkReferences"),
                    UsingWebSdk = Flag("UsingWebSdk"),
                    UsingWorkerSdk = Flag("UsingWorkerSdk"),
                    AzureFunctionsVersion = project.GetMetadata("AzureFunctionsVersion"),
                    ServesModels = project.GetMetadata("ServesModels"),
                    ProjectReferences = List("ProjectReferences"),
                    IntermediateDirectory = project.GetMetadata("IntermediateDirectory"),
                    ArtifactsDirectory = project.GetMetadata("ArtifactsDirectory"),
                    PacksModels = !string.Equals(project.GetMetadata("PacksModels").Trim(), "false", StringComparison.OrdinalIgnoreCase),
                    MlopsLevel = int.TryParse(project.GetMetadata("MlopsLevel").Trim(), out var level) && level >= 0 && level <= 2 ? level : null,
                });
            }
        }

        private static MaturityContext Project(string root, string projectFile, ITaskItem[] data, ITaskItem[] models, ITaskItem[] gates, ProjectInputs inputs)
        {
            var directory = Path.GetDirectoryName(projectFile)!;
            string? Full(string? path) => string.IsNullOrWhiteSpace(path) ? null : Path.GetFullPath(Path.Combine(directory, path!.Trim()));
            var mlLibraries = ProjectRoles.MlLibraries(inputs.Names);
            return new MaturityContext(
                root,
                projectFile,
                Artifacts(data, "data", directory),
                Artifacts(models, "model", directory),
                gates.Select(g => new MetricGate(g.ItemSpec, g.GetMetadata("Model"))).ToList(),
                AnalyzerLog.Read(Full(AnalyzerLog.PathOf(inputs.ErrorLog))))
            {
                LockFile = Full(inputs.LockFile),
                NuGetLockFile = Full(inputs.NuGetLockFile) ?? Path.Combine(directory, "packages.lock.json"),
                RestorePackagesWithLockFile = inputs.RestorePackagesWithLockFile,
                RestoreLockedMode = inputs.RestoreLockedMode,
                IsTestProject = inputs.IsTestProject,
                MlLibraries = mlLibraries,
                Serves = ProjectRoles.Serves(inputs.IsTestProject, mlLibraries, inputs.ServesModels, inputs.UsingWebSdk, inputs.UsingWorkerSdk, inputs.AzureFunctionsVersion, inputs.FrameworkReferences, inputs.Names),
                Telemetry = ProjectRoles.Telemetry(inputs.Names),
                ProjectReferences = inputs.ProjectReferences.Select(r => RepositoryPath.Relative(root, Path.Combine(directory, r))).Distinct(StringComparer.Ordinal).OrderBy(r => r, StringComparer.Ordinal).ToList(),
                IntermediateDirectory = Full(inputs.IntermediateDirectory),
                ArtifactsDirectory = Full(inputs.ArtifactsDirectory),
                PacksModels = inputs.PacksModels,
                MlopsLevel = inputs.MlopsLevel,
            };
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

    /// <summary>The facts of one project, as the task's inputs or an evidence item's metadata give them.</summary>
    internal sealed class ProjectInputs
    {
        public string? ErrorLog { get; set; }

        public string? LockFile { get; set; }

        public string? NuGetLockFile { get; set; }

        public bool RestorePackagesWithLockFile { get; set; }

        public bool RestoreLockedMode { get; set; }

        public bool IsTestProject { get; set; }

        /// <summary>Package names and referenced assembly names.</summary>
        public IReadOnlyList<string> Names { get; set; } = Array.Empty<string>();

        public IReadOnlyList<string> FrameworkReferences { get; set; } = Array.Empty<string>();

        public bool UsingWebSdk { get; set; }

        public bool UsingWorkerSdk { get; set; }

        public string? AzureFunctionsVersion { get; set; }

        public string? ServesModels { get; set; }

        public IReadOnlyList<string> ProjectReferences { get; set; } = Array.Empty<string>();

        public string? IntermediateDirectory { get; set; }

        public string? ArtifactsDirectory { get; set; }

        public bool PacksModels { get; set; } = true;

        /// <summary>The project's MlopsLevel, when known.</summary>
        public int? MlopsLevel { get; set; }
    }
}
