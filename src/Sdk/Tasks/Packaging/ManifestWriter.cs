using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;
using MlopsGuard.Tasks.Infrastructure;
using MlopsGuard.Tasks.Stages;
using MlopsGuard.Tasks.Validation;

namespace MlopsGuard.Tasks.Packaging
{
    /// <summary>
    /// Writes mlops.manifest.json (CONTRACT §7). Byte-identical for the same release: keys in a fixed order, maps and
    /// lists sorted, '\n' line ends on every OS, no time but the release's source date.
    /// </summary>
    internal static class ManifestWriter
    {
        public const string FileName = "mlops.manifest.json";

        public static byte[] Serialize(ModelRelease release)
        {
            using var stream = new MemoryStream();
            using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                json.WriteStartObject();
                json.WriteString("schema", ModelRelease.ManifestSchema);
                json.WriteString("name", release.Name);
                json.WriteString("version", release.Package.FullVersion);
                json.WriteStartObject("package");
                json.WriteString("id", release.Package.Id);
                json.WriteString("version", release.Package.FullVersion);
                json.WriteEndObject();

                WriteModel(json, release);
                WriteFiles(json, "trainingData", release.TrainingData);

                json.WritePropertyName("parameters");
                if (release.Parameters is JsonElement parameters)
                {
                    ParamsFile.WriteCanonical(json, parameters);
                }
                else
                {
                    json.WriteStartObject();
                    json.WriteEndObject();
                }

                json.WriteStartObject("metrics");
                foreach (var metric in release.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal))
                {
                    json.WriteNumberOrNull(metric.Key, metric.Value);
                }

                json.WriteEndObject();
                WriteGates(json, release.Gates);
                WriteRuntime(json, release);
                WriteProvenance(json, release.Provenance);
                WriteFiles(json, "artifacts", release.Artifacts);
                json.WriteEndObject();
            }

            stream.WriteByte((byte)'\n');
            return Text.WithUnixLineEnds(stream.ToArray());
        }

        private static void WriteModel(Utf8JsonWriter json, ModelRelease release)
        {
            json.WriteStartObject("model");
            json.WriteString("path", release.Model.Path);
            json.WriteString("format", release.Format);
            json.WriteString("sha256", release.Model.Sha256);
            json.WriteNumber("size", release.Model.Size);
            if (release.Framework is ModelFramework framework)
            {
                json.WriteStartObject("framework");
                json.WriteString("name", framework.Name);
                json.WriteStringOrNull("version", framework.Version);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("framework");
            }

            WriteTensors(json, "inputs", release.Inputs);
            WriteTensors(json, "outputs", release.Outputs);
            json.WriteString("schemaSource", release.SchemaFromModel ? "model" : release.Inputs.Count + release.Outputs.Count > 0 ? "declared" : "unknown");
            json.WriteStartObject("properties");
            foreach (var property in release.ModelProperties.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                json.WriteString(property.Key, property.Value);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        private static void WriteTensors(Utf8JsonWriter json, string property, IReadOnlyList<TensorRecord> tensors)
        {
            json.WriteStartArray(property);
            foreach (var tensor in tensors)
            {
                json.WriteStartObject();
                json.WriteString("name", tensor.Name);
                json.WriteString("type", tensor.Type);
                if (tensor.Shape is null)
                {
                    json.WriteNull("shape");
                }
                else
                {
                    json.WriteStartArray("shape");
                    foreach (var dimension in tensor.Shape)
                    {
                        if (long.TryParse(dimension, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var size))
                        {
                            json.WriteNumberValue(size);
                        }
                        else
                        {
                            json.WriteStringValue(dimension);
                        }
                    }

                    json.WriteEndArray();
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        private static void WriteGates(Utf8JsonWriter json, IReadOnlyList<GateRecord> gates)
        {
            json.WriteStartArray("gates");
            foreach (var gate in gates.OrderBy(g => g.Metric, StringComparer.Ordinal).ThenBy(g => g.Min).ThenBy(g => g.Max))
            {
                json.WriteStartObject();
                json.WriteString("metric", gate.Metric);
                if (gate.Min is double min)
                {
                    json.WriteNumberOrNull("min", min);
                }

                if (gate.Max is double max)
                {
                    json.WriteNumberOrNull("max", max);
                }

                json.WriteNumberOrNull("value", gate.Value);

                json.WriteBoolean("passed", gate.Passed);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        private static void WriteRuntime(Utf8JsonWriter json, ModelRelease release)
        {
            json.WriteStartObject("runtime");
            json.WriteStringOrNull("targetFramework", release.TargetFramework);
            json.WriteStartObject("packages");
            foreach (var package in release.RuntimePackages.OrderBy(p => p.Id, StringComparer.OrdinalIgnoreCase))
            {
                json.WriteString(package.Id, package.Version);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        private static void WriteProvenance(Utf8JsonWriter json, Provenance provenance)
        {
            json.WriteStartObject("provenance");
            json.WriteStringOrNull("repository", provenance.Repository);
            json.WriteStringOrNull("commit", provenance.Commit);
            json.WriteStringOrNull("branch", provenance.Branch);
            json.WriteString("sourceDate", provenance.SourceDate.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            json.WriteString("sourceDateFrom", provenance.SourceDateOrigin);
            json.WriteStringOrNull("project", provenance.Project);
            json.WriteString("builtWith", provenance.BuiltWith);
            json.WriteNumber("mlopsLevel", provenance.MlopsLevel);
            json.WriteEndObject();
        }

        private static void WriteFiles(Utf8JsonWriter json, string property, IEnumerable<ReleaseFile> files)
        {
            json.WriteStartArray(property);
            foreach (var file in files.OrderBy(f => f.Path, StringComparer.Ordinal))
            {
                json.WriteStartObject();
                json.WriteString("path", file.Path);
                json.WriteString("sha256", file.Sha256);
                json.WriteNumber("size", file.Size);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }
    }
}
