using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using MlopsGuard.Tasks.Lock.Storage;

namespace MlopsGuard.Tasks.Validation
{
    /// <summary>A tensor as the validation summary records it; <see cref="Shape"/> is null when the model does not say.</summary>
    internal sealed record TensorRecord(string Name, string Type, IReadOnlyList<string>? Shape);

    /// <summary>One gate's outcome as the validation summary records it.</summary>
    internal sealed record GateRecord(string Metric, double? Min, double? Max, double? Value, bool Passed, string? Reason);

    /// <summary>One model of obj/mlops.validation.json: what packaging needs to know and to copy into the manifest.</summary>
    internal sealed class ValidationRecord
    {
        public string Name { get; init; } = string.Empty;

        public string Path { get; init; } = string.Empty;

        public string Format { get; init; } = "other";

        public bool Valid { get; init; }

        public bool Passed { get; init; }

        public string? Error { get; init; }

        /// <summary>The model's external data files, relative to its folder ('/').</summary>
        public IReadOnlyList<string> ExternalData { get; init; } = Array.Empty<string>();

        public IReadOnlyDictionary<string, string> Properties { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

        public IReadOnlyList<TensorRecord>? Inputs { get; init; }

        public IReadOnlyList<TensorRecord>? Outputs { get; init; }

        public IReadOnlyList<string> SchemaProblems { get; init; } = Array.Empty<string>();

        public string? MetricsFile { get; init; }

        public string? MetricsError { get; init; }

        /// <summary>Numeric metrics by dotted path.</summary>
        public IReadOnlyDictionary<string, double> Metrics { get; init; } = new SortedDictionary<string, double>(StringComparer.Ordinal);

        public IReadOnlyList<GateRecord> Gates { get; init; } = Array.Empty<GateRecord>();
    }

    /// <summary>
    /// Reads the summary <see cref="ValidationSummaryWriter"/> wrote. The file is MlopsGuard's own, but it sits in obj/
    /// where anything can touch it: every problem is an <see cref="InvalidDataException"/> with a reason, never a crash.
    /// </summary>
    internal static class ValidationSummaryReader
    {
        private const long MaxBytes = 64 * 1024 * 1024;

        public static IReadOnlyList<ValidationRecord> Read(string path)
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new InvalidDataException("the validation summary does not exist (the models were not validated: build the project first)");
            }

            if (info.Length > MaxBytes)
            {
                throw new InvalidDataException($"the validation summary is {info.Length} bytes, more than the {MaxBytes} allowed");
            }

            return Parse(File.ReadAllBytes(path));
        }

        public static IReadOnlyList<ValidationRecord> Parse(byte[] json)
        {
            try
            {
                using var document = StrictJson.Parse(json, new JsonDocumentOptions { MaxDepth = 32 });
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object || String(root, "schema") != ValidationSummaryWriter.SchemaId
                    || !root.TryGetProperty("models", out var models) || models.ValueKind != JsonValueKind.Array)
                {
                    throw new InvalidDataException($"the validation summary is not a '{ValidationSummaryWriter.SchemaId}' document");
                }

                return models.EnumerateArray().Select(ReadModel).ToList();
            }
            catch (Exception ex) when (ex is JsonException || ex is FormatException)
            {
                throw new InvalidDataException("the validation summary cannot be read: " + ex.Message);
            }
        }

        private static ValidationRecord ReadModel(JsonElement model)
        {
            if (model.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException("the validation summary lists something that is not a model");
            }

            return new ValidationRecord
            {
                Name = String(model, "name") ?? throw new InvalidDataException("a model of the validation summary has no name"),
                Path = String(model, "path") ?? string.Empty,
                Format = String(model, "format") ?? "other",
                Valid = Bool(model, "valid"),
                Passed = Bool(model, "passed"),
                Error = String(model, "error"),
                ExternalData = Array(model, "externalData").Where(p => p.ValueKind == JsonValueKind.String).Select(p => p.GetString()!).ToList(),
                Properties = Object(model, "properties")
                    .Where(p => p.Value.ValueKind == JsonValueKind.String)
                    .ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal),
                Inputs = Tensors(model, "inputs"),
                Outputs = Tensors(model, "outputs"),
                SchemaProblems = Array(model, "schemaProblems").Where(p => p.ValueKind == JsonValueKind.String).Select(p => p.GetString()!).ToList(),
                MetricsFile = String(model, "metricsFile"),
                MetricsError = String(model, "metricsError"),
                Metrics = Object(model, "metrics")
                    .Where(p => p.Value.ValueKind == JsonValueKind.Number)
                    .GroupBy(p => p.Name, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.First().Value.GetDouble(), StringComparer.Ordinal),
                Gates = Array(model, "gates").Where(g => g.ValueKind == JsonValueKind.Object).Select(g => new GateRecord(
                    String(g, "metric") ?? string.Empty, Number(g, "min"), Number(g, "max"), Number(g, "value"), Bool(g, "passed"), String(g, "reason"))).ToList(),
            };
        }

        private static IReadOnlyList<TensorRecord>? Tensors(JsonElement model, string property)
        {
            if (!model.TryGetProperty(property, out var list) || list.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            return list.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.Object).Select(t => new TensorRecord(
                String(t, "name") ?? string.Empty,
                String(t, "type") ?? string.Empty,
                t.TryGetProperty("shape", out var shape) && shape.ValueKind == JsonValueKind.Array
                    ? shape.EnumerateArray().Select(d => d.ValueKind == JsonValueKind.String ? d.GetString()! : d.GetRawText()).ToList()
                    : null)).ToList();
        }

        private static string? String(JsonElement element, string property) =>
            element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        private static bool Bool(JsonElement element, string property) =>
            element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.True;

        private static double? Number(JsonElement element, string property) =>
            element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) ? number : null;

        private static IEnumerable<JsonProperty> Object(JsonElement element, string property) =>
            element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Object ? value.EnumerateObject() : Enumerable.Empty<JsonProperty>();

        private static IEnumerable<JsonElement> Array(JsonElement element, string property) =>
            element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : Enumerable.Empty<JsonElement>();
    }
}
