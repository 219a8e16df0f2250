using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using MlopsGuard.Tasks.Lock.Storage;

namespace MlopsGuard.Tasks.Validation
{
    /// <summary>A metrics file that cannot be used: missing, unreadable, not JSON, or not a JSON object.</summary>
    internal sealed class MetricsFileException : Exception
    {
        public MetricsFileException(string message)
            : base(message)
        {
        }
    }

    /// <summary>
    /// The metrics a model's <c>MetricsFile</c> records: a flat or nested JSON object. Every numeric leaf is reachable by
    /// its dotted path ("test.Accuracy") or, when that name is unique, by its leaf name ("Accuracy"); keys are
    /// case-insensitive. Non-numeric leaves and arrays are ignored.
    /// </summary>
    internal sealed class MetricsFile
    {
        /// <summary>Largest metrics file read: metrics are a handful of numbers.</summary>
        public const long MaxBytes = 16 * 1024 * 1024;

        private readonly List<KeyValuePair<string, JsonElement>> leaves;

        private MetricsFile(List<KeyValuePair<string, JsonElement>> leaves)
        {
            this.leaves = leaves;
        }

        /// <summary>Numeric metrics by dotted path, in file order.</summary>
        public IEnumerable<KeyValuePair<string, double>> Numbers =>
            leaves.Where(l => l.Value.ValueKind == JsonValueKind.Number && l.Value.TryGetDouble(out _))
                  .Select(l => new KeyValuePair<string, double>(l.Key, l.Value.GetDouble()));

        public static MetricsFile Load(string path)
        {
            byte[] bytes;
            try
            {
                var info = new FileInfo(path);
                if (!info.Exists)
                {
                    throw new MetricsFileException("the metrics file does not exist");
                }

                if (info.Length > MaxBytes)
                {
                    throw new MetricsFileException($"the metrics file is {info.Length} bytes, more than the {MaxBytes} allowed");
                }

                bytes = File.ReadAllBytes(path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new MetricsFileException("the metrics file cannot be read: " + ex.Message);
            }

            return Parse(bytes);
        }

        public static MetricsFile Parse(ReadOnlyMemory<byte> json)
        {
            try
            {
                var options = new JsonDocumentOptions { MaxDepth = 64, AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };
                using var document = StrictJson.Parse(json, options);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new MetricsFileException($"the metrics file holds a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}, not an object");
                }

                var leaves = new List<KeyValuePair<string, JsonElement>>();
                Flatten(document.RootElement, string.Empty, leaves);
                return new MetricsFile(leaves);
            }
            catch (JsonException ex)
            {
                throw new MetricsFileException("the metrics file is not valid JSON: " + ex.Message);
            }
        }

        /// <summary>Finds a metric; false with a reason when it is missing, ambiguous or not a number.</summary>
        public bool TryGet(string metric, out double value, out string reason)
        {
            value = double.NaN;
            var byPath = leaves.Where(l => string.Equals(l.Key, metric, StringComparison.OrdinalIgnoreCase)).ToList();
            var matches = byPath.Count > 0
                ? byPath
                : leaves.Where(l => string.Equals(LeafName(l.Key), metric, StringComparison.OrdinalIgnoreCase)).ToList();

            if (matches.Count == 0)
            {
                var known = Numbers.Select(n => n.Key).Take(15).ToList();
                reason = known.Count == 0 ? "the metrics file has no numeric metrics" : "the metrics file has: " + string.Join(", ", known);
                return false;
            }

            if (matches.Count > 1)
            {
                reason = "the name is ambiguous, use one of the dotted paths: " + string.Join(", ", matches.Select(m => m.Key));
                return false;
            }

            var element = matches[0].Value;
            if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out value))
            {
                reason = $"'{matches[0].Key}' is {Describe(element)}, not a number";
                return false;
            }

            reason = string.Empty;
            return true;
        }

        private static void Flatten(JsonElement element, string prefix, List<KeyValuePair<string, JsonElement>> leaves)
        {
            foreach (var property in element.EnumerateObject())
            {
                var path = prefix.Length == 0 ? property.Name : prefix + "." + property.Name;
                if (property.Value.ValueKind == JsonValueKind.Object)
                {
                    Flatten(property.Value, path, leaves);
                }
                else
                {
                    leaves.Add(new KeyValuePair<string, JsonElement>(path, property.Value.Clone()));
                }
            }
        }

        private static string LeafName(string path)
        {
            var dot = path.LastIndexOf('.');
            return dot < 0 ? path : path.Substring(dot + 1);
        }

        private static string Describe(JsonElement element) => element.ValueKind switch
        {
            JsonValueKind.String => "the string \"" + element.GetString() + "\"",
            JsonValueKind.Null => "null",
            JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
            JsonValueKind.Array => "an array",
            _ => element.GetRawText(),
        };

        internal static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
