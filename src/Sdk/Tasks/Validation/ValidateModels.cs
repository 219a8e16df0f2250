using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Build.Framework;
using MlopsGuard.Tasks.Infrastructure;
using MlopsGuard.Tasks.Lock.Storage;
using MlopsGuard.Tasks.Compatibility;

namespace MlopsGuard.Tasks.Validation
{
    /// <summary>
    /// Validates the declared models (CONTRACT §4–§5): each MlModel file must be a sound model of its format (MLG4003),
    /// agree with its declared Inputs/Outputs (MLG4006), and meet its MlMetricGate items (MLG4004). Writes the JSON
    /// summary that packaging reads and the schema records the analyzers read.
    /// </summary>
    public sealed class ValidateModels : MlopsTask
    {
        /// <summary>MlModel items: Name, Format, MetricsFile, Inputs, Outputs metadata.</summary>
        public ITaskItem[] Models { get; set; } = Array.Empty<ITaskItem>();

        /// <summary>MlMetricGate items: the metric name, with Model, Min and Max metadata.</summary>
        public ITaskItem[] MetricGates { get; set; } = Array.Empty<ITaskItem>();

        [Required]
        public string ProjectDirectory { get; set; } = string.Empty;

        /// <summary>Where the JSON summary goes (obj/mlops.validation.json).</summary>
        [Required]
        public string SummaryFile { get; set; } = string.Empty;

        /// <summary>Where the schema records go; written only when they change.</summary>
        public string? SchemaRecordsFile { get; set; }

        /// <summary>Written when validation found nothing, deleted otherwise, so the incremental target repeats its findings.</summary>
        public string? StampFile { get; set; }

        /// <summary><c>$(MlopsRepositoryRoot)</c>; empty: the nearest folder above the project that holds .git. Models and metrics files outside it are not read.</summary>
        public string? RepositoryRoot { get; set; }

        internal ZipLimits Limits { get; set; } = ZipLimits.Default;

        private string? realRoot;

        private int findings;

        protected override void Run()
        {
            realRoot = Lock.Paths.PathContainment.RealPath(Lock.Paths.RepositoryRoot.Resolve(RepositoryRoot, Path.GetFullPath(ProjectDirectory)));
            var models = new List<ValidatedModel>();
            var byName = new Dictionary<string, (ValidatedModel Model, ITaskItem Item)>(StringComparer.OrdinalIgnoreCase);
            foreach (var item in Models)
            {
                var model = Validate(item);
                if (byName.ContainsKey(model.Name))
                {
                    Finding(RuleIdentifiers.InvalidConfiguration, model.FullPath,
                        $"Two MlModel items are named '{model.Name}'; give each model a unique Name.");
                    continue;
                }

                byName.Add(model.Name, (model, item));
                models.Add(model);
            }

            foreach (var entry in byName.Values)
            {
                LoadMetrics(entry.Model, entry.Item);
            }

            foreach (var gate in MetricGates)
            {
                ApplyGate(gate, byName);
            }

            foreach (var model in models.Where(m => m.MetricsError is not null && m.Gates.Count == 0))
            {
                // Without a gate nothing else would say it, yet packaging would ship the broken file as the model's metrics.
                Finding(RuleIdentifiers.MetricGateFailed, model.MetricsFilePath is null ? null : Full(model.MetricsFilePath),
                    $"Model '{model.Name}': {model.MetricsError}.");
            }

            WriteOutputs(models);
        }

        private ValidatedModel Validate(ITaskItem item)
        {
            var full = Full(item.ItemSpec);
            var name = item.GetMetadata("Name");
            if (string.IsNullOrWhiteSpace(name))
            {
                name = Path.GetFileNameWithoutExtension(full);
            }

            var model = new ValidatedModel(name.Trim(), Relative(full), full);
            ModelFormat? declaredFormat = null;
            var formatText = item.GetMetadata("Format");
            if (!string.IsNullOrWhiteSpace(formatText))
            {
                if (ModelFormatNames.TryParse(formatText, out var parsed))
                {
                    declaredFormat = parsed;
                }
                else
                {
                    Finding(RuleIdentifiers.InvalidConfiguration, full,
                        $"Model '{model.Name}' has Format '{formatText}'; it must be onnx, mlnet, torchsharp or other. The format is detected from the file instead.");
                }
            }

            model.ExpectedFormat = declaredFormat ?? ModelFormatDetector.FromExtension(full);
            if (!IsInRepository(full))
            {
                // Not read: a build must not inspect files beyond the repository (through '..', an absolute path or a link).
                Finding(RuleIdentifiers.InvalidConfiguration, full, $"Model '{model.Name}' ({model.Path}) leaves the repository root '{realRoot}'; it is not validated. Keep models inside the repository.");
                model.Error = "it leaves the repository root and is not read";
                return model;
            }

            if (Directory.Exists(full))
            {
                model.Error = "it is a folder, not a model file";
            }
            else if (!File.Exists(full))
            {
                model.Error = "the file does not exist";
            }
            else
            {
                try
                {
                    model.Description = ModelInspector.Inspect(full, declaredFormat, Limits);
                    model.ExternalData = ExternalDataFiles.Resolve(full, model.Description.ExternalData);
                }
                catch (InvalidModelException ex)
                {
                    model.Error = ex.Message;
                }
            }

            if (model.Error is not null)
            {
                var what = model.ExpectedFormat is ModelFormat f && f != ModelFormat.Other ? $"a valid {Describe(f)} model" : "a valid model";
                Finding(RuleIdentifiers.InvalidModel, full, $"Model '{model.Name}' ({model.Path}) is not {what}: {model.Error}.");
                return model;
            }

            var description = model.Description!;
            Log.LogMessage(MessageImportance.Low, "MlopsGuard: model '{0}' ({1}) is a valid {2} model.", model.Name, model.Path, description.Format.Name());
            CompareSchema(model, item, "Inputs", "input", description.Inputs);
            CompareSchema(model, item, "Outputs", "output", description.Outputs);
            return model;
        }

        private void CompareSchema(ValidatedModel model, ITaskItem item, string metadata, string role, IReadOnlyList<ModelTensor>? actual)
        {
            var text = item.GetMetadata(metadata);
            if (string.IsNullOrWhiteSpace(text))
            {
                return;
            }

            List<DeclaredTensor> declared;
            try
            {
                declared = SchemaDeclaration.Parse(text, metadata);
            }
            catch (SchemaDeclarationException ex)
            {
                // A declaration MlopsGuard cannot read is a configuration error, not a finding about the model.
                Finding(RuleIdentifiers.InvalidConfiguration, model.FullPath, $"Model '{model.Name}': {ex.Message}.");
                return;
            }

            if (actual is null)
            {
                Log.LogMessage(MessageImportance.Normal, "MlopsGuard: the declared {0} of model '{1}' are not checked: {2}.",
                    metadata, model.Name, model.Description?.SchemaNote ?? "the model does not say");
                return;
            }

            foreach (var problem in SchemaComparer.Compare(declared, actual, role))
            {
                model.SchemaProblems.Add(problem);
                Finding(RuleIdentifiers.SchemaMismatch, model.FullPath, $"Model '{model.Name}' ({model.Path}): {problem}.");
            }
        }

        private void LoadMetrics(ValidatedModel model, ITaskItem item)
        {
            var metricsFile = item.GetMetadata("MetricsFile");
            if (string.IsNullOrWhiteSpace(metricsFile))
            {
                return;
            }

            var full = Full(metricsFile);
            model.MetricsFilePath = Relative(full);
            if (!IsInRepository(full))
            {
                model.MetricsError = $"the metrics file leaves the repository root and is not read ({model.MetricsFilePath})";
                return;
            }

            try
            {
                model.Metrics = MetricsFile.Load(full);
            }
            catch (MetricsFileException ex)
            {
                model.MetricsError = $"{ex.Message} ({model.MetricsFilePath})";
            }
        }

        private void ApplyGate(ITaskItem item, Dictionary<string, (ValidatedModel Model, ITaskItem Item)> models)
        {
            var metric = item.ItemSpec.Trim();
            var modelName = item.GetMetadata("Model").Trim();
            if (modelName.Length == 0)
            {
                if (models.Count != 1)
                {
                    Finding(RuleIdentifiers.InvalidConfiguration, null,
                        $"MlMetricGate '{metric}' has no Model metadata and the project declares {models.Count} models; add Model=\"<the MlModel's Name>\".");
                    return;
                }

                modelName = models.Keys.First();
            }

            if (!models.TryGetValue(modelName, out var target))
            {
                Finding(RuleIdentifiers.InvalidConfiguration, null,
                    $"MlMetricGate '{metric}' names model '{modelName}', but no MlModel has that Name (declared: {string.Join(", ", models.Keys.DefaultIfEmpty("none"))}).");
                return;
            }

            if (!MetricGate.TryParseBound(item.GetMetadata("Min"), out var min) || !MetricGate.TryParseBound(item.GetMetadata("Max"), out var max))
            {
                Finding(RuleIdentifiers.InvalidConfiguration, null,
                    $"MlMetricGate '{metric}' of model '{modelName}' has Min '{item.GetMetadata("Min")}' and Max '{item.GetMetadata("Max")}'; bounds must be numbers written with '.' (e.g. 0.85).");
                return;
            }

            if (min is null && max is null)
            {
                Finding(RuleIdentifiers.InvalidConfiguration, null, $"MlMetricGate '{metric}' of model '{modelName}' has neither Min nor Max.");
                return;
            }

            var model = target.Model;
            var gate = new MetricGate(metric, model.Name, min, max);
            var file = model.MetricsFilePath is null ? null : Full(model.MetricsFilePath);
            string? reason;
            double? value = null;
            if (model.MetricsFilePath is null)
            {
                reason = "the model has no MetricsFile to read it from";
            }
            else if (model.Metrics is null)
            {
                reason = model.MetricsError ?? "the metrics file could not be read";
            }
            else if (model.Metrics.TryGet(metric, out var found, out var lookupReason))
            {
                value = found;
                reason = gate.Check(found);
            }
            else
            {
                reason = $"it is not in {model.MetricsFilePath}: {lookupReason}";
            }

            model.Gates.Add(new GateResult(gate, value, reason is null, reason));
            if (reason is not null)
            {
                Finding(RuleIdentifiers.MetricGateFailed, file, $"Metric '{metric}' of model '{model.Name}' {Bounds(gate)} {Because(reason)}.");
            }
        }

        private static string Bounds(MetricGate gate)
        {
            var parts = new List<string>();
            if (gate.Min is double min)
            {
                parts.Add("Min " + MetricsFile.Format(min));
            }

            if (gate.Max is double max)
            {
                parts.Add("Max " + MetricsFile.Format(max));
            }

            return "(gate: " + string.Join(", ", parts) + ")";
        }

        /// <summary>Gate check reasons read as a predicate ("is 0.8, below ..."); lookup failures as a clause.</summary>
        private static string Because(string reason) =>
            reason.StartsWith("is ", StringComparison.Ordinal) ? reason : "cannot be checked: " + reason;

        private void WriteOutputs(List<ValidatedModel> models)
        {
            try
            {
                WriteOutputFiles(models);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                // A read-only obj/ (or a file in its place) is the build's setup, not a crash of ours.
                Finding(RuleIdentifiers.InvalidConfiguration, Full(SummaryFile), $"The model validation records cannot be written: {ex.Message} Make the intermediate folder writable.");
            }
        }

        private void WriteOutputFiles(List<ValidatedModel> models)
        {
            // Paths from MSBuild are relative to the project (obj/...), not to whatever the process's directory is.
            AtomicFile.Write(Full(SummaryFile), ValidationSummaryWriter.Serialize(models));
            if (!string.IsNullOrEmpty(SchemaRecordsFile))
            {
                AtomicFile.WriteIfChanged(Full(SchemaRecordsFile!), new UTF8Encoding(false).GetBytes(SchemaRecords.Write(models)));
            }

            if (!string.IsNullOrEmpty(StampFile))
            {
                var stamp = Full(StampFile!);
                if (findings == 0)
                {
                    AtomicFile.Write(stamp, Encoding.ASCII.GetBytes("ok\n"));
                }
                else if (File.Exists(stamp))
                {
                    File.Delete(stamp);
                }
            }
        }

        private void Finding(string ruleId, string? file, string message)
        {
            findings++;
            Report(ruleId, file, message);
        }

        private bool IsInRepository(string full) => Lock.Paths.PathContainment.IsLexicallyInside(realRoot!, Lock.Paths.PathContainment.RealPath(full));

        private string Full(string path) => Path.GetFullPath(Path.Combine(ProjectDirectory, path));

        private string Relative(string full) => Portable.RelativePath(ProjectDirectory, full).Replace('\\', '/');

        private static string Describe(ModelFormat format) => format switch
        {
            ModelFormat.Onnx => "ONNX",
            ModelFormat.MlNet => "ML.NET",
            ModelFormat.TorchSharp => "TorchSharp",
            _ => format.Name(),
        };
    }
}
