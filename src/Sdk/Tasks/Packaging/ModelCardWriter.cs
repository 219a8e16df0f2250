using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using MlopsGuard.Tasks.Validation;

namespace MlopsGuard.Tasks.Packaging
{
    /// <summary>
    /// Writes MODEL_CARD.md: the release in words for the people who choose, review or run the model — what it is, its
    /// data, parameters, metrics and gates, intended use and limits as far as the project declares them, and where it
    /// comes from. Also the package's readme on a NuGet feed. Deterministic like the manifest.
    /// </summary>
    internal static class ModelCardWriter
    {
        public const string FileName = "MODEL_CARD.md";

        public static byte[] Serialize(ModelRelease release, string outputFolder)
        {
            var card = new StringBuilder();
            var story = release.Story;
            Line(card, $"# {release.Name} {release.Package.FullVersion}");
            Line(card);
            Line(card, story.Description ?? $"The {FormatName(release.Format)} model '{release.Name}', released as version {release.Package.FullVersion} of the NuGet package `{release.Package.Id}`.");
            Line(card);
            Line(card, "| | |");
            Line(card, "|---|---|");
            Row(card, "Package", $"`{release.Package.Id}` {release.Package.FullVersion}");
            Row(card, "Format", FormatName(release.Format) + (release.Framework is ModelFramework f ? $", run with {f.Name}{(f.Version is null ? string.Empty : " " + f.Version)}" : string.Empty));
            Row(card, "File", $"`{release.Model.Path}`, {release.Model.Size.ToString("N0", CultureInfo.InvariantCulture)} bytes, SHA-256 `{release.Model.Sha256}`");
            Row(card, "Target framework", release.TargetFramework ?? "not recorded");
            Row(card, "MLOps level", release.Provenance.MlopsLevel.ToString(CultureInfo.InvariantCulture));
            if (story.Authors is not null)
            {
                Row(card, "Authors", story.Authors);
            }

            if (story.License is not null)
            {
                Row(card, "License", story.License);
            }

            Section(card, "Intended use", story.IntendedUse ?? "Not declared: say what the model is for with `IntendedUse` metadata on its `MlModel` item.");
            Section(card, "Limitations", story.Limitations ?? "Not declared: say where the model must not be used, and what it was not tested on, with `Limitations` metadata on its `MlModel` item.");
            WriteSchema(card, release);
            WriteTrainingData(card, release);
            WriteParameters(card, release);
            WriteMetrics(card, release);
            WriteProvenance(card, release.Provenance);

            Line(card);
            Line(card, "## Use it");
            Line(card);
            Line(card, "```xml");
            Line(card, $"<PackageReference Include=\"{release.Package.Id}\" Version=\"{release.Package.Version}\" />");
            Line(card, "```");
            Line(card);
            Line(card, $"The build copies the model to `{outputFolder}{release.Name}/{release.Model.Path}` in the output of the project that references the package, with this release's `{ManifestWriter.FileName}` beside it. `mlops.manifest.json` holds everything above as JSON.");
            return Encoding.UTF8.GetBytes(card.ToString());
        }

        private static void WriteSchema(StringBuilder card, ModelRelease release)
        {
            Line(card);
            Line(card, "## Inputs and outputs");
            Line(card);
            if (release.Inputs.Count + release.Outputs.Count == 0)
            {
                Line(card, "Unknown: the model file does not record them. Declare them with `Inputs` and `Outputs` metadata on the `MlModel` item.");
                return;
            }

            Line(card, release.SchemaFromModel ? "Read from the model file by validation." : "As the project declares them (the model file does not record them).");
            Line(card);
            Line(card, "| | Name | Type | Shape |");
            Line(card, "|---|---|---|---|");
            foreach (var (role, tensors) in new[] { ("input", release.Inputs), ("output", release.Outputs) })
            {
                foreach (var tensor in tensors)
                {
                    var shape = tensor.Shape is null ? "any" : "[" + string.Join(", ", tensor.Shape) + "]";
                    Line(card, $"| {role} | `{Cell(tensor.Name)}` | {Cell(tensor.Type)} | {Cell(shape)} |");
                }
            }
        }

        private static void WriteTrainingData(StringBuilder card, ModelRelease release)
        {
            Line(card);
            Line(card, "## Training data");
            Line(card);
            if (release.TrainingData.Count == 0)
            {
                Line(card, "None recorded: declare the data as `MlData` items and lock it (mlops.lock.json), so the release names the exact files it was trained on.");
                return;
            }

            Line(card, "The exact files, by content hash (from mlops.lock.json):");
            Line(card);
            Line(card, "| File | Size | SHA-256 |");
            Line(card, "|---|---|---|");
            foreach (var file in release.TrainingData)
            {
                Line(card, $"| `{Cell(file.Path)}` | {file.Size.ToString("N0", CultureInfo.InvariantCulture)} | `{file.Sha256}` |");
            }
        }

        private static void WriteParameters(StringBuilder card, ModelRelease release)
        {
            Line(card);
            Line(card, "## Parameters");
            Line(card);
            var leaves = new List<KeyValuePair<string, string>>();
            if (release.Parameters is JsonElement parameters)
            {
                Flatten(parameters, string.Empty, leaves);
            }

            if (leaves.Count == 0)
            {
                Line(card, "None recorded: write the training parameters to a JSON file and name it in the `MlModel`'s `ParamsFile`.");
                return;
            }

            Line(card, $"From `{Cell(release.ParametersFile ?? "the parameters file")}`:");
            Line(card);
            Line(card, "| Parameter | Value |");
            Line(card, "|---|---|");
            foreach (var leaf in leaves.OrderBy(l => l.Key, StringComparer.Ordinal))
            {
                Line(card, $"| `{Cell(leaf.Key)}` | {Cell(leaf.Value)} |");
            }
        }

        private static void WriteMetrics(StringBuilder card, ModelRelease release)
        {
            Line(card);
            Line(card, "## Metrics and quality gates");
            Line(card);
            if (release.Metrics.Count == 0)
            {
                Line(card, "None recorded: have the evaluation write its metrics to a JSON file and name it in the `MlModel`'s `MetricsFile`.");
            }
            else
            {
                Line(card, $"Measured by the project's evaluation (`{Cell(release.MetricsFile ?? "the metrics file")}`):");
                Line(card);
                Line(card, "| Metric | Value |");
                Line(card, "|---|---|");
                foreach (var metric in release.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal))
                {
                    Line(card, $"| {Cell(metric.Key)} | {Number(metric.Value)} |");
                }
            }

            Line(card);
            if (release.Gates.Count == 0)
            {
                Line(card, "No quality gate: add `MlMetricGate` items so a worse model cannot be released.");
                return;
            }

            Line(card, "| Gate | Bound | Value | Result |");
            Line(card, "|---|---|---|---|");
            foreach (var gate in release.Gates.OrderBy(g => g.Metric, StringComparer.Ordinal))
            {
                var bounds = new List<string>();
                if (gate.Min is double min)
                {
                    bounds.Add("≥ " + Number(min));
                }

                if (gate.Max is double max)
                {
                    bounds.Add("≤ " + Number(max));
                }

                Line(card, $"| {Cell(gate.Metric)} | {string.Join(" and ", bounds)} | {(gate.Value is double v ? Number(v) : "missing")} | {(gate.Passed ? "passed" : "failed")} |");
            }
        }

        private static void WriteProvenance(StringBuilder card, Provenance provenance)
        {
            Line(card);
            Line(card, "## Provenance");
            Line(card);
            Line(card, "| | |");
            Line(card, "|---|---|");
            Row(card, "Repository", provenance.Repository ?? "not recorded");
            Row(card, "Commit", provenance.Commit is null ? "not recorded" : $"`{provenance.Commit}`" + (provenance.Branch is null ? string.Empty : $" ({provenance.Branch})"));
            Row(card, "Source date", provenance.SourceDate.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) + $" (from {provenance.SourceDateOrigin})");
            if (provenance.Project is not null)
            {
                Row(card, "Project", $"`{provenance.Project}`");
            }

            Row(card, "Built with", provenance.BuiltWith);
        }

        private static void Flatten(JsonElement element, string prefix, List<KeyValuePair<string, string>> leaves)
        {
            if (element.ValueKind == JsonValueKind.Object && (prefix.Length == 0 || element.EnumerateObject().Any()))
            {
                foreach (var property in element.EnumerateObject())
                {
                    Flatten(property.Value, prefix.Length == 0 ? property.Name : prefix + "." + property.Name, leaves);
                }

                return;
            }

            leaves.Add(new KeyValuePair<string, string>(prefix, element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText()));
        }

        private static string FormatName(string format) => format switch
        {
            "mlnet" => "ML.NET",
            "onnx" => "ONNX",
            "torchsharp" => "TorchSharp",
            _ => "model",
        };

        private static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);

        /// <summary>A table cell: one line, no column breaks, no code-span breaks.</summary>
        private static string Cell(string text) => text.Replace("\r", " ").Replace("\n", " ").Replace("|", "\\|").Replace("`", "'");

        private static void Row(StringBuilder card, string name, string value) => Line(card, $"| {name} | {value.Replace("\r", " ").Replace("\n", " ").Replace("|", "\\|")} |");

        private static void Section(StringBuilder card, string title, string text)
        {
            Line(card);
            Line(card, "## " + title);
            Line(card);
            Line(card, text.Replace("\r\n", "\n").Trim());
        }

        private static void Line(StringBuilder card, string text = "") => card.Append(text).Append('\n');
    }
}
