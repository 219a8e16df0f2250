using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using MlopsGuard.Tasks.Infrastructure;
using MlopsGuard.Tasks.Lock.Hashing;
using MlopsGuard.Tasks.Lock.Paths;
using MlopsGuard.Tasks.Lock.Storage;
using MlopsGuard.Tasks.Stages;
using MlopsGuard.Tasks.Validation;
using MlopsGuard.Tasks.Compatibility;

namespace MlopsGuard.Tasks.Packaging
{
    using RepositoryRootPath = MlopsGuard.Tasks.Lock.Paths.RepositoryRoot;

    /// <summary>
    /// MlopsPackModel (CONTRACT §5, §7): releases every MlModel as <c>$(MlopsArtifactsDir)&lt;name&gt;/&lt;version&gt;/</c> with
    /// the model, mlops.manifest.json, MODEL_CARD.md and the model's NuGet package. A model that failed validation or
    /// a gate is refused (an error, at every level); MLG4005 flags a Level 2 release without metrics, parameters or
    /// training data.
    /// </summary>
    public sealed class PackModels : MlopsTask
    {
        /// <summary>For tests: feed limits in place of <see cref="FeedLimits.Known"/>, so that a small package can stand for a large one.</summary>
        internal IReadOnlyList<(string Feed, long Bytes)>? FeedLimitsOverride { get; set; }

        /// <summary>MlModel items: Name, ParamsFile, PackageId, Version, Description, IntendedUse, Limitations, TrainingData, Pack metadata.</summary>
        public ITaskItem[] Models { get; set; } = Array.Empty<ITaskItem>();

        /// <summary>MlData items: which locked files are data.</summary>
        public ITaskItem[] Data { get; set; } = Array.Empty<ITaskItem>();

        [Required]
        public string ProjectDirectory { get; set; } = string.Empty;

        public string? ProjectFile { get; set; }

        public string? RepositoryRoot { get; set; }

        [Required]
        public string ValidationSummaryFile { get; set; } = string.Empty;

        public string? LockFile { get; set; }

        [Required]
        public string ArtifactsDirectory { get; set; } = string.Empty;

        /// <summary>The project's PackageId: a model's package is &lt;PackageId&gt;.Model.&lt;name&gt; unless the item says otherwise.</summary>
        [Required]
        public string ProjectPackageId { get; set; } = string.Empty;

        [Required]
        public string Version { get; set; } = string.Empty;

        public string? TargetFramework { get; set; }

        public string? AssetsFile { get; set; }

        public string? Authors { get; set; }

        public string? PackageLicenseExpression { get; set; }

        /// <summary>
        /// The project's own RepositoryUrl: recorded (without credentials) as NuGet's pack records it in the project's package.
        /// </summary>
        public string? RepositoryUrl { get; set; }

        /// <summary>The URL SourceLink found (or the CI gave): recorded only when <see cref="PublishRepositoryUrl"/> is true.</summary>
        public string? PrivateRepositoryUrl { get; set; }

        /// <summary>'true' publishes <see cref="PrivateRepositoryUrl"/> and <see cref="SourceBranchName"/>, as for NuGet's pack.</summary>
        public string? PublishRepositoryUrl { get; set; }

        /// <summary>The commit as the project sets it; else <see cref="SourceRevisionId"/>.</summary>
        public string? RepositoryCommit { get; set; }

        /// <summary>The commit SourceLink read from git (or the build was given).</summary>
        public string? SourceRevisionId { get; set; }

        public string? RepositoryBranch { get; set; }

        /// <summary>The branch SourceLink read from git (SDK 10 and later), as a ref: refs/heads/main.</summary>
        public string? SourceBranchName { get; set; }

        /// <summary>Seconds since 1970-01-01 UTC: the release's date when set.</summary>
        public string? SourceDateEpoch { get; set; }

        /// <summary>MlopsReleaseDate: the release's date (2026-03-04, 2026-03-04T05:06:08Z) when SOURCE_DATE_EPOCH is not set.</summary>
        public string? ReleaseDate { get; set; }

        /// <summary>The model packages written, with Name, Version, PackageId and ReleaseDirectory metadata.</summary>
        [Output]
        public ITaskItem[] PackageFiles { get; private set; } = Array.Empty<ITaskItem>();

        /// <summary>Every file of the release folders (for FileWrites, so dotnet clean removes them).</summary>
        [Output]
        public ITaskItem[] ReleaseFiles { get; private set; } = Array.Empty<ITaskItem>();

        protected override void Run()
        {
            var models = Models.Where(m => !string.Equals(m.GetMetadata("Pack"), "false", StringComparison.OrdinalIgnoreCase)).ToList();
            if (models.Count == 0)
            {
                Log.LogMessage(MessageImportance.Normal, "MlopsGuard: no MlModel to pack.");
                return;
            }

            if (!TryReadValidation(out var validation) || !TryResolveProvenance(out var provenance))
            {
                return;
            }

            var runtime = RuntimeDependencies.Read(AssetsFile, TargetFramework, out var runtimeProblem);
            if (runtimeProblem is not null)
            {
                Log.LogMessage(MessageImportance.Normal, "MlopsGuard: runtime packages are not recorded: {0}.", runtimeProblem);
            }

            // All or nothing: every model is checked before any is written, so a refused model leaves no partial release.
            var selector = ReadLock();
            var releases = new List<(ModelRelease Release, string ModelFile)>();
            var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var item in models)
            {
                var release = Prepare(item, validation, provenance, runtime, selector);
                if (release is null)
                {
                    continue;
                }

                if (!ids.Add(release.Package.Id))
                {
                    Refuse(RuleIdentifiers.InvalidConfiguration, item, $"Two models would be packed as '{release.Package.Id}'; give each MlModel its own Name or PackageId metadata.");
                    continue;
                }

                var missing = release.MissingEvidence();
                if (missing.Count > 0)
                {
                    Report(RuleIdentifiers.IncompleteManifest, Full(item.ItemSpec),
                        $"Model '{release.Name}' {release.Package.FullVersion} is packed without {Join(missing)}: {Advice(missing)}.");
                }

                releases.Add((release, Full(item.ItemSpec)));
            }

            if (Log.HasLoggedErrors)
            {
                Log.LogMessage(MessageImportance.High, "MlopsGuard: no model is packed: fix the errors above first.");
                return;
            }

            var packages = releases.Select(r => Write(r.Release, r.ModelFile)).ToList();
            PackageFiles = packages.ToArray();
            ReleaseFiles = packages
                .SelectMany(p => Directory.GetFiles(p.GetMetadata("ReleaseDirectory")))
                .OrderBy(f => f, StringComparer.Ordinal)
                .Select(f => (ITaskItem)new TaskItem(f))
                .ToArray();
        }

        private ModelRelease? Prepare(ITaskItem item, IReadOnlyList<ValidationRecord> validation, Provenance provenance, RuntimeDependencies runtime, TrainingDataSelector? selector)
        {
            var fullPath = Full(item.ItemSpec);
            var name = Metadata(item, "Name") ?? Path.GetFileNameWithoutExtension(fullPath);
            var id = Metadata(item, "PackageId") ?? ProjectPackageId + ".Model." + name;
            var version = Metadata(item, "Version") ?? Version;
            if (!PackageIdentity.TryCreate(id, version, out var identity, out var problem))
            {
                Refuse(RuleIdentifiers.InvalidConfiguration, item, $"Model '{name}' cannot be packed: {problem}. Set PackageId or Version metadata on the MlModel item.");
                return null;
            }

            var record = validation.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));
            if (!IsReleasable(item, name, record))
            {
                return null;
            }

            JsonElement? parameters = null;
            var paramsFile = Metadata(item, "ParamsFile");
            if (paramsFile is not null)
            {
                var root = RepositoryRootPath.Resolve(RepositoryRoot, Path.GetFullPath(ProjectDirectory));
                if (!PathContainment.IsInside(root, Full(paramsFile)))
                {
                    // A release records only what the repository holds; nothing outside it is read.
                    Refuse(RuleIdentifiers.InvalidConfiguration, item, $"Model '{name}' is not packed: its ParamsFile '{paramsFile}' is outside the repository ({root}).");
                    return null;
                }

                try
                {
                    parameters = ParamsFile.ReadObject(Full(paramsFile), Relative(Full(paramsFile)));
                }
                catch (InvalidDataException ex)
                {
                    Refuse(RuleIdentifiers.InvalidConfiguration, item, $"Model '{name}' is not packed: {ex.Message.TrimEnd('.')}.");
                    return null;
                }
            }

            var modelFile = new FileInfo(fullPath);
            var declaredData = Data.Select(d => Relative(Full(d.ItemSpec))).ToList();
            var fromModel = record!.Inputs is not null || record.Outputs is not null;
            var externalData = record.ExternalData.Select(location =>
            {
                var file = new FileInfo(Path.Combine(modelFile.DirectoryName!, location));
                return new ReleaseFile(location, ArtifactHasher.Sha256(file.FullName), file.Length);
            }).ToList();
            return new ModelRelease(name, identity!, new ReleaseFile(modelFile.Name, ArtifactHasher.Sha256(fullPath), modelFile.Length), record.Format)
            {
                ExternalData = externalData,
                SourcePath = Relative(fullPath),
                Framework = runtime.FrameworkFor(record.Format),
                ModelProperties = record.Properties,
                Inputs = record.Inputs ?? Declared(item, "Inputs"),
                Outputs = record.Outputs ?? Declared(item, "Outputs"),
                SchemaFromModel = fromModel,
                TrainingData = selector?.Select(Relative(fullPath), declaredData, item.GetMetadata("TrainingData")) ?? Array.Empty<ReleaseFile>(),
                Parameters = parameters,
                ParametersFile = paramsFile is null ? null : Relative(Full(paramsFile)),
                Metrics = record.Metrics,
                MetricsFile = record.MetricsFile,
                Gates = record.Gates,
                TargetFramework = Blank(TargetFramework),
                RuntimePackages = runtime.Packages,
                Provenance = provenance,
                Story = new ModelStory(Metadata(item, "Description"), Metadata(item, "IntendedUse"), Metadata(item, "Limitations"),
                    Metadata(item, "Authors") ?? Blank(Authors), Metadata(item, "License") ?? Blank(PackageLicenseExpression)),
            };
        }

        /// <summary>Packing is the release: a model that failed validation, its declared schema or a gate never gets one.</summary>
        private bool IsReleasable(ITaskItem item, string name, ValidationRecord? record)
        {
            if (record is null)
            {
                Refuse(RuleIdentifiers.InvalidModel, item, $"Model '{name}' is not packed: validation has no result for it ({ValidationSummaryFile}); build the project, then pack.");
                return false;
            }

            if (!record.Valid)
            {
                Refuse(RuleIdentifiers.InvalidModel, item, $"Model '{name}' is not packed: it failed validation: {record.Error ?? "the file is not a valid model"}.");
                return false;
            }

            if (record.SchemaProblems.Count > 0)
            {
                Refuse(RuleIdentifiers.SchemaMismatch, item, $"Model '{name}' is not packed: its declared schema does not match the model: {string.Join("; ", record.SchemaProblems)}.");
                return false;
            }

            var failed = record.Gates.Where(g => !g.Passed).ToList();
            if (failed.Count > 0 || record.MetricsError is not null)
            {
                var reasons = failed.Select(g => $"{g.Metric} {g.Reason ?? "failed"}").ToList();
                if (record.MetricsError is not null)
                {
                    reasons.Add(record.MetricsError);
                }

                Refuse(RuleIdentifiers.MetricGateFailed, item, $"Model '{name}' is not packed: it does not pass its metric gates: {string.Join("; ", reasons)}.");
                return false;
            }

            return true;
        }

        private ITaskItem Write(ModelRelease release, string modelFile)
        {
            var folder = Path.Combine(Path.GetFullPath(Path.Combine(ProjectDirectory, ArtifactsDirectory)), release.Name, release.Package.Version);
            Directory.CreateDirectory(folder);

            CopyIfChanged(modelFile, Path.Combine(folder, release.Model.Path), release.Model);
            foreach (var external in release.ExternalData)
            {
                CopyIfChanged(Path.Combine(Path.GetDirectoryName(modelFile)!, external.Path), Path.Combine(folder, external.Path), external);
            }

            var card = ModelCardWriter.Serialize(release, ConsumerTargets.DefaultOutputDirectory);
            AtomicFile.WriteIfChanged(Path.Combine(folder, ModelCardWriter.FileName), card);
            release.Artifacts.Add(release.Model);
            release.Artifacts.AddRange(release.ExternalData);
            release.Artifacts.Add(new ReleaseFile(ModelCardWriter.FileName, ArtifactHasher.ToHex(Portable.Sha256(card)), card.Length));

            var manifest = ManifestWriter.Serialize(release);
            AtomicFile.WriteIfChanged(Path.Combine(folder, ManifestWriter.FileName), manifest);

            var package = Path.Combine(folder, release.Package.FileName);
            ModelPackageWriter.Write(package, release, modelFile, manifest, card);
            RemoveStaleFiles(folder, release);

            Log.LogMessage(MessageImportance.High, "MlopsGuard: model '{0}' {1} packed -> {2}", release.Name, release.Package.FullVersion, package);
            if (FeedLimits.Describe(release.Name, new FileInfo(package).Length, FeedLimitsOverride) is string tooLarge)
            {
                Log.LogMessage(MessageImportance.High, tooLarge);
            }
            var output = new TaskItem(package);
            output.SetMetadata("Name", release.Name);
            output.SetMetadata("Version", release.Package.FullVersion);
            output.SetMetadata("PackageId", release.Package.Id);
            output.SetMetadata("ReleaseDirectory", folder + Path.DirectorySeparatorChar);
            output.SetMetadata("Manifest", Path.Combine(folder, ManifestWriter.FileName));
            return output;
        }

        /// <summary>Copies a file of the model into the release folder, unless an identical copy is there already.</summary>
        private static void CopyIfChanged(string source, string copy, ReleaseFile expected)
        {
            if (File.Exists(copy) && new FileInfo(copy).Length == expected.Size && ArtifactHasher.Sha256(copy) == expected.Sha256)
            {
                return;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            using var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            AtomicFile.Write(copy, target => input.CopyTo(target, 1 << 20));
        }

        /// <summary>The release folder holds exactly one release: what an earlier pack of this version left (another model file) goes.</summary>
        private static void RemoveStaleFiles(string folder, ModelRelease release)
        {
            var current = new HashSet<string>(StringComparer.Ordinal) { release.Model.Path, ModelCardWriter.FileName, ManifestWriter.FileName, release.Package.FileName };
            current.UnionWith(release.ExternalData.Select(e => e.Path));
            foreach (var file in Directory.GetFiles(folder))
            {
                if (!current.Contains(Path.GetFileName(file)))
                {
                    File.Delete(file);
                }
            }
        }

        private bool TryReadValidation(out IReadOnlyList<ValidationRecord> records)
        {
            try
            {
                records = ValidationSummaryReader.Read(Full(ValidationSummaryFile));
                return true;
            }
            catch (Exception ex) when (ex is InvalidDataException || ex is IOException || ex is UnauthorizedAccessException)
            {
                Refuse(RuleIdentifiers.InvalidModel, null, $"No model is packed: {ex.Message}.");
                records = Array.Empty<ValidationRecord>();
                return false;
            }
        }

        private bool TryResolveProvenance(out Provenance provenance)
        {
            var sourceControl = new SourceControlProperties(
                RepositoryUrl, PrivateRepositoryUrl, PublishRepositoryUrl, RepositoryCommit, SourceRevisionId, RepositoryBranch, SourceBranchName);
            var result = ProvenanceResolver.Resolve(sourceControl, SourceDateEpoch, ReleaseDate, ProjectDirectory, ProjectFile, RepositoryRoot, MlopsLevel);
            foreach (var note in result.Notes)
            {
                Log.LogMessage(MessageImportance.Normal, "MlopsGuard: {0}.", note);
            }

            if (result.Provenance is null)
            {
                Refuse(RuleIdentifiers.InvalidConfiguration, null, $"No model is packed: {result.Problem}.");
                provenance = null!;
                return false;
            }

            provenance = result.Provenance;
            return true;
        }

        /// <summary>The lock's hashes of the training data; without a readable lock a release records none (MLG4005 says so).</summary>
        private TrainingDataSelector? ReadLock()
        {
            var path = string.IsNullOrEmpty(LockFile) ? null : Full(LockFile!);
            if (path is null || !File.Exists(path))
            {
                return null;
            }

            try
            {
                return new TrainingDataSelector(LockFileReader.Read(path));
            }
            catch (Exception ex) when (ex is LockFileFormatException || ex is IOException || ex is UnauthorizedAccessException)
            {
                Log.LogMessage(MessageImportance.High, "MlopsGuard: training data is not recorded: {0} cannot be read: {1}", Relative(path), ex.Message);
                return null;
            }
        }

        private static IReadOnlyList<TensorRecord> Declared(ITaskItem item, string metadata)
        {
            var text = item.GetMetadata(metadata);
            if (string.IsNullOrWhiteSpace(text))
            {
                return Array.Empty<TensorRecord>();
            }

            try
            {
                return SchemaDeclaration.Parse(text, metadata)
                    .Select(t => new TensorRecord(t.Name, t.Type, t.Shape?.Select(d => d.ToString()).ToList()))
                    .ToList();
            }
            catch (SchemaDeclarationException)
            {
                // Validation reported it (MLG5005); the release says the schema is unknown rather than guess.
                return Array.Empty<TensorRecord>();
            }
        }

        private void Refuse(string ruleId, ITaskItem? item, string message) =>
            Report(ruleId, item is null ? null : Full(item.ItemSpec), message, RuleSeverity.Error);

        private static string Join(IReadOnlyList<string> parts) =>
            parts.Count == 1 ? parts[0] : string.Join(", ", parts.Take(parts.Count - 1)) + " and " + parts[parts.Count - 1];

        private static string Advice(IReadOnlyList<string> missing)
        {
            var advice = new List<string>();
            if (missing.Contains("metrics"))
            {
                advice.Add("set MetricsFile to the evaluation's metrics");
            }

            if (missing.Contains("parameters"))
            {
                advice.Add("set ParamsFile to the training parameters");
            }

            if (missing.Contains("training data"))
            {
                advice.Add("declare the training data as MlData and lock it");
            }

            return string.Join("; ", advice);
        }

        private static string? Metadata(ITaskItem item, string name) => Blank(item.GetMetadata(name));

        private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();

        private string Full(string path) => Path.GetFullPath(Path.Combine(ProjectDirectory, path));

        private string Relative(string full) => Portable.RelativePath(ProjectDirectory, full).Replace('\\', '/');
    }
}
