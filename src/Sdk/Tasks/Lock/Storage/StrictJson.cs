using System;
using System.Text.Json;
using MlopsGuard.Tasks.Compatibility;

namespace MlopsGuard.Tasks.Lock.Storage
{
    /// <summary>
    /// JSON parsing for the files MlopsGuard reads (lock, metrics, parameters, manifests). System.Text.Json accepts
    /// invalid UTF-8 inside strings and escaped lone surrogates ("\ud800"), then throws InvalidOperationException when a
    /// string or property name is read; here both are a <see cref="JsonException"/> up front, like any other invalid JSON,
    /// so every caller's existing handling applies. A leading UTF-8 BOM (Notepad, PowerShell) is skipped.
    /// </summary>
    internal static class StrictJson
    {
        private static readonly byte[] Bom = { 0xEF, 0xBB, 0xBF };

        public static JsonDocument Parse(ReadOnlyMemory<byte> bytes, JsonDocumentOptions options)
        {
            if (bytes.Span.StartsWith(Bom))
            {
                bytes = bytes.Slice(Bom.Length);
            }

            if (!Portable.IsValidUtf8(bytes.Span))
            {
                throw new JsonException("the text is not valid UTF-8.");
            }

            var document = JsonDocument.Parse(bytes, options);
            try
            {
                CheckStrings(document.RootElement);
                return document;
            }
            catch (InvalidOperationException)
            {
                document.Dispose();
                throw new JsonException("a string holds an escaped lone UTF-16 surrogate (\\uD800-\\uDFFF without its pair).");
            }
        }

        /// <summary>Reads every string and property name once (the depth is bounded by the parser's MaxDepth).</summary>
        private static void CheckStrings(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    _ = element.GetString();
                    break;
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        _ = property.Name;
                        CheckStrings(property.Value);
                    }

                    break;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        CheckStrings(item);
                    }

                    break;
            }
        }
    }
}
