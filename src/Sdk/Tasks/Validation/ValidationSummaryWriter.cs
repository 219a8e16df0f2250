using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;
using MlopsGuard.Tasks.Infrastructure;

namespace MlopsGuard.Tasks.Validation
{
    /// <summary>
    /// Writes obj/mlops.validation.json, the machine-readable result of validation that packaging reads: per model its
    /// format, facts, inputs and outputs, metrics and gate results. Deterministic: models by name, keys in fixed order.
    /// </summary>
    internal static class ValidationSummaryWriter
    {
        public const string SchemaId = "mlopsguard/validation/1";

        public static byte[] Serialize(IEnumerable<ValidatedModel> models)
        {
            using var stream = new MemoryStream();
            using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                json.WriteStartObject();
                json.WriteString("schema", SchemaId);
                json.WriteStartArray("models");
                foreach (var model in models.OrderBy(m => m.Name, System.StringComparer.Ordinal))
                {
                    WriteModel(json, model);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            stream.WriteByte((byte)'\n');
            return stream.ToArray();
        }

        private static void WriteModel(Utf8JsonWriter json, ValidatedModel model)
        {
            json.WriteStartObject();
            json.WriteString("name", model.Name);
            json.WriteString("path", model.Path);
            var format = model.Description?.Format ?? model.ExpectedFormat ?? ModelFormat.Other;
            json.WriteString("format", format.Name());
            json.WriteBoolean("valid", model.Error is null);
            json.WriteBoolean("passed", model.Passed);
            json.WriteStringOrNull("error", model.Error);
            json.WriteStartArray("externalData");
            var folder = System.IO.Path.GetDirectoryName(model.FullPath)!;
            foreach (var file in model.ExternalData)
            {
                // Relative to the model's folder, as the model names it, with '/'.
                json.WriteStringValue(Compatibility.Portable.RelativePath(folder, file).Replace('\\', '/'));
            }

            json.WriteEndArray();

            json.WriteStartObject("properties");
            foreach (var property in model.Description?.Properties ?? new SortedDictionary<string, string>())
            {
                json.WriteString(property.Key, property.Value);
            }

            json.WriteEndObject();
            WriteTensors(json, "inputs", model.Description?.Inputs);
            WriteTensors(json, "outputs", model.Description?.Outputs);
            json.WriteStringOrNull("schemaNote", model.Description?.SchemaNote);
            json.WriteStartArray("schemaProblems");
            foreach (var problem in model.SchemaProblems)
            {
                json.WriteStringValue(problem);
            }

            json.WriteEndArray();

            json.WriteStringOrNull("metricsFile", model.MetricsFilePath);
            json.WriteStringOrNull("metricsError", model.MetricsError);
            json.WriteStartObject("metrics");
            foreach (var metric in model.Metrics?.Numbers ?? Enumerable.Empty<KeyValuePair<string, double>>())
            {
                json.WriteNumber(metric.Key, metric.Value);
            }

            json.WriteEndObject();

            json.WriteStartArray("gates");
            foreach (var gate in model.Gates)
            {
                json.WriteStartObject();
                json.WriteString("metric", gate.Gate.Metric);
                json.WriteNumberOrNull("min", gate.Gate.Min);
                json.WriteNumberOrNull("max", gate.Gate.Max);
                json.WriteNumberOrNull("value", gate.Value);
                json.WriteBoolean("passed", gate.Passed);
                json.WriteStringOrNull("reason", gate.Reason);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        private static void WriteTensors(Utf8JsonWriter json, string property, IReadOnlyList<ModelTensor>? tensors)
        {
            if (tensors is null)
            {
                json.WriteNull(property);
                return;
            }

            json.WriteStartArray(property);
            foreach (var tensor in tensors)
            {
                json.WriteStartObject();
                json.WriteString("name", tensor.Name);
                json.WriteString("type", tensor.Type);
                if (tensor.HasShape)
                {
                    json.WriteStartArray("shape");
                    foreach (var dim in tensor.Shape)
                    {
                        if (dim.Symbol is not null)
                        {
                            json.WriteStringValue(dim.Symbol);
                        }
                        else
                        {
                            json.WriteNumberValue(dim.Size);
                        }
                    }

                    json.WriteEndArray();
                }
                else
                {
                    json.WriteNull("shape");
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }
    }
}
