using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using MlopsGuard.Tasks.Lock.Storage;

namespace MlopsGuard.Tasks.Maturity
{
    /// <summary>
    /// Parameter 4, model release. Level 1: models declared as MlModel, each versioned and gated by an MlMetricGate,
    /// no failed validation record, no finding of a Level 1 model-release rule. Level 2: each model packed with a
    /// full manifest (metrics, parameters, training data) under <c>$(MlopsArtifactsDir)</c>, and no model-release
    /// finding at all. Validation records (<c>obj/**/mlops.validation.json</c>) and manifests are written by other
    /// MlopsGuard targets; they are optional evidence, read tolerantly.
    /// </summary>
    internal static class ModelReleaseCollector
    {
        public const string ValidationFileName = "mlops.validation.json";
        public const string ManifestFileName = "mlops.manifest.json";
        private const int MaxDepth = 5;
        private const int MaxFiles = 200;
        private const int MaxJsonBytes = 16 * 1024 * 1024;

        public static ParameterAssessment Assess(RepositoryContext repository, Func<MaturityContext, ArtifactVersioning> versioningOf)
        {
            if (repository.MlProjects.Count == 0)
            {
                return ParameterAssessment.NotApplicable(4, TestingCollector.NoMlProject);
            }

            var facts = new List<string>();
            var declaring = repository.Projects.Where(p => p.Models.Count > 0).ToList();
            var names = declaring.SelectMany(p => p.Models.Select(m => m.Name)).ToList();
            var criteria = new List<Criterion>
            {
                new Criterion(
                    1,
                    names.Count > 0,
                    repository.Projects.Count > 1 ? $"{names.Count} MlModel item(s) declared: {string.Join(", ", names)} (in {string.Join(", ", declaring.Select(p => p.ProjectRelativePath))})" : $"{names.Count} MlModel item(s) declared: {string.Join(", ", names)}",
                    repository.Projects.Count > 1 ? $"declare the model as an MlModel item (none in the {repository.Projects.Count} assessed projects)" : "declare the model as an MlModel item"),
            };

            foreach (var project in declaring)
            {
                AssessProject(repository, project, versioningOf(project), facts, criteria);
            }

            criteria.AddRange(AnalyzerCriteria.For(repository, 4));
            return ParameterAssessment.Assess(4, facts, criteria);
        }

        /// <summary>The criteria of one project's models: versioned, gated, validated, released with a full manifest.</summary>
        private static void AssessProject(RepositoryContext repository, MaturityContext context, ArtifactVersioning versioning, List<string> facts, List<Criterion> criteria)
        {
            var models = context.Models;
            criteria.AddRange(DataCollector.VersionedCriteria(repository, context, models, versioning, "model"));
            var ungated = models.Where(m => !context.Gates.Any(g => g.Model is null || string.Equals(g.Model, m.Name, StringComparison.OrdinalIgnoreCase))).Select(m => m.Name).ToList();
            criteria.Add(new Criterion(
                1,
                ungated.Count == 0,
                repository.In(context, $"metric gates: {string.Join(", ", context.Gates.Select(g => g.Metric).Distinct(StringComparer.OrdinalIgnoreCase))}"),
                repository.In(context, $"gate the model's quality with an MlMetricGate (a minimum or maximum on a metric): {string.Join(", ", ungated)}")));

            var failedValidation = new List<string>();
            foreach (var record in Find(context.IntermediateDirectory, ValidationFileName))
            {
                var relative = context.Relative(record);
                if (ReadJson(record) is JsonDocument document)
                {
                    using (document)
                    {
                        if (HasFailure(document.RootElement, 0))
                        {
                            failedValidation.Add(relative);
                        }
                        else
                        {
                            facts.Add($"models validated by the build ({relative})");
                        }
                    }
                }
            }

            if (failedValidation.Count > 0)
            {
                criteria.Add(new Criterion(1, false, string.Empty, $"a model failed validation ({string.Join(", ", failedValidation)}): see MLG4003/MLG4004/MLG4006 in the build output"));
            }

            var manifests = Find(context.ArtifactsDirectory, ManifestFileName).Select(path => (Path: path, Manifest: Manifest.Read(path))).Where(m => m.Manifest != null).ToList();
            var incomplete = new List<string>();
            var complete = new List<string>();
            foreach (var model in models)
            {
                var match = manifests.FirstOrDefault(m => string.Equals(m.Manifest!.Name, model.Name, StringComparison.OrdinalIgnoreCase));
                if (match.Manifest is null)
                {
                    // Not packed by this build (a CI build assesses before dotnet pack): what its release would record.
                    var missing = ReleaseGaps(context, model, versioning);
                    if (missing.Count == 0)
                    {
                        complete.Add($"{model.Name} (dotnet pack releases it with {model.MetricsFile}, {model.ParamsFile} and the locked data)");
                    }
                    else
                    {
                        incomplete.Add($"{model.Name}: not packed yet, and its release would lack {string.Join(", ", missing)}");
                    }
                }
                else if (match.Manifest.Missing.Count > 0)
                {
                    incomplete.Add($"{model.Name}: {context.Relative(match.Path)} has no {string.Join(", ", match.Manifest.Missing)} (MLG4005)");
                }
                else
                {
                    complete.Add(context.Relative(match.Path));
                }
            }

            criteria.Add(new Criterion(2, incomplete.Count == 0, $"packed with a full manifest: {string.Join(", ", complete)}", "package each model with a full manifest: " + string.Join("; ", incomplete)));
        }

        /// <summary>What a model's release (MlopsPackModel) would not carry, from the project's declarations.</summary>
        private static List<string> ReleaseGaps(MaturityContext context, DeclaredArtifact model, ArtifactVersioning versioning)
        {
            var missing = new List<string>();
            if (!context.PacksModels)
            {
                missing.Add("a package (dotnet pack does not release its models: MlopsPackModelOnPack is false, or IsPackable is false and MlopsPackModelOnPack is not true)");
            }

            if (model.MetricsFile is null)
            {
                missing.Add("metrics (MetricsFile)");
            }

            if (model.ParamsFile is null)
            {
                missing.Add("parameters (ParamsFile)");
            }

            if (context.Data.Count == 0 || context.Data.Any(d => versioning.VersionedBy(d) is null))
            {
                missing.Add("locked training data (MlData in mlops.lock.json)");
            }

            return missing;
        }

        /// <summary>Files of a name below a folder, bounded in depth and count, in a stable order.</summary>
        internal static IReadOnlyList<string> Find(string? directory, string fileName)
        {
            var found = new List<string>();
            if (string.IsNullOrEmpty(directory) || !Directory.Exists(directory))
            {
                return found;
            }

            var pending = new Stack<(string, int)>();
            pending.Push((directory!, 0));
            while (pending.Count > 0 && found.Count < MaxFiles)
            {
                var (current, depth) = pending.Pop();
                try
                {
                    var file = Path.Combine(current, fileName);
                    if (File.Exists(file))
                    {
                        found.Add(file);
                    }

                    if (depth < MaxDepth)
                    {
                        foreach (var child in Directory.GetDirectories(current).OrderByDescending(d => d, StringComparer.Ordinal))
                        {
                            pending.Push((child, depth + 1));
                        }
                    }
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                }
            }

            found.Sort(StringComparer.Ordinal);
            return found;
        }

        internal static JsonDocument? ReadJson(string path)
        {
            try
            {
                if (new FileInfo(path).Length > MaxJsonBytes)
                {
                    return null;
                }

                return ParseJson(File.ReadAllBytes(path));
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return null;
            }
        }

        /// <summary>The bytes as a JSON document, or null when they are not JSON.</summary>
        internal static JsonDocument? ParseJson(byte[] bytes)
        {
            try
            {
                return StrictJson.Parse(bytes, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            }
            catch (JsonException)
            {
                return null;
            }
        }

        /// <summary>A validation record that says something failed: passed/valid/succeeded false, a failed status, or errors listed.</summary>
        internal static bool HasFailure(JsonElement element, int depth)
        {
            if (depth > 16)
            {
                return false;
            }

            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        var name = property.Name.ToLowerInvariant();
                        var value = property.Value;
                        if ((name is "passed" or "valid" or "isvalid" or "succeeded" or "ok") && value.ValueKind == JsonValueKind.False)
                        {
                            return true;
                        }

                        if ((name is "status" or "result" or "outcome") && value.ValueKind == JsonValueKind.String
                            && value.GetString()!.ToLowerInvariant() is "failed" or "fail" or "invalid" or "error")
                        {
                            return true;
                        }

                        if (name == "errors" && value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0)
                        {
                            return true;
                        }

                        if (HasFailure(value, depth + 1))
                        {
                            return true;
                        }
                    }

                    return false;
                case JsonValueKind.Array:
                    return element.EnumerateArray().Any(e => HasFailure(e, depth + 1));
                default:
                    return false;
            }
        }

        /// <summary>The parts of a manifest (CONTRACT §7) that MLG4005 asks for.</summary>
        internal sealed class Manifest
        {
            private Manifest(string? name, List<string> missing)
            {
                Name = name;
                Missing = missing;
            }

            public string? Name { get; }

            public List<string> Missing { get; }

            public static Manifest? Read(string path)
            {
                using var document = ReadJson(path);
                return document is null ? null : From(document);
            }

            /// <summary>The manifest a JSON document describes, or null when it is not an object.</summary>
            internal static Manifest? From(JsonDocument document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    return null;
                }

                var root = document.RootElement;
                var name = root.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
                var missing = new List<string>();
                if (!NonEmpty(root, "metrics"))
                {
                    missing.Add("metrics");
                }

                if (!NonEmpty(root, "parameters"))
                {
                    missing.Add("parameters");
                }

                if (!NonEmpty(root, "trainingData"))
                {
                    missing.Add("training data");
                }

                return new Manifest(name, missing);
            }

            private static bool NonEmpty(JsonElement root, string property) =>
                root.TryGetProperty(property, out var value)
                && ((value.ValueKind == JsonValueKind.Object && value.EnumerateObject().Any())
                    || (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0));
        }
    }
}
