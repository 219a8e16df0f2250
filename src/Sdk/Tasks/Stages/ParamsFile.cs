using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using MlopsGuard.Tasks.Lock.Hashing;
using MlopsGuard.Tasks.Lock.Storage;
using MlopsGuard.Tasks.Compatibility;

namespace MlopsGuard.Tasks.Stages
{
    /// <summary>
    /// Reads the values of named keys from a JSON parameters file and hashes each one in a canonical form (no
    /// whitespace, object properties sorted), so reformatting the file or editing another key changes nothing.
    /// </summary>
    internal static class ParamsFile
    {
        /// <summary>Largest parameters file read: parameters are a page of settings, not data.</summary>
        public const long MaxBytes = 16 * 1024 * 1024;

        /// <summary>The hash of each key's value; a missing file, invalid JSON or missing key throws <see cref="InvalidDataException"/>.</summary>
        public static IReadOnlyList<StageParam> Read(string fullPath, string relativePath, IReadOnlyList<string> keys) =>
            Parse(ReadBytes(fullPath, relativePath), relativePath, keys);

        /// <summary>The hash of each key's value in the file's bytes; invalid JSON or a missing key throws <see cref="InvalidDataException"/>.</summary>
        internal static IReadOnlyList<StageParam> Parse(byte[] bytes, string relativePath, IReadOnlyList<string> keys)
        {
            using (var document = ParseDocument(bytes, relativePath))
            {
                var result = new List<StageParam>();
                foreach (var key in keys)
                {
                    if (!TryFind(document.RootElement, key, out var value))
                    {
                        throw new InvalidDataException($"the parameters file '{relativePath}' has no key '{key}' (nested keys are written with '.', e.g. 'trainer.learningRate').");
                    }

                    result.Add(new StageParam(relativePath, key, HashOf(value)));
                }

                return result;
            }
        }

        /// <summary>The whole file, which must hold a JSON object (the parameters a model package records); throws <see cref="InvalidDataException"/>.</summary>
        public static JsonElement ReadObject(string fullPath, string relativePath)
        {
            using var document = ParseDocument(ReadBytes(fullPath, relativePath), relativePath);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"the parameters file '{relativePath}' holds a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}, not an object.");
            }

            return document.RootElement.Clone();
        }

        private static byte[] ReadBytes(string fullPath, string relativePath)
        {
            try
            {
                var info = new FileInfo(fullPath);
                if (!info.Exists)
                {
                    throw new InvalidDataException($"the parameters file '{relativePath}' does not exist.");
                }

                if (info.Length > MaxBytes)
                {
                    throw new InvalidDataException($"the parameters file '{relativePath}' is {info.Length} bytes, more than the {MaxBytes} allowed.");
                }

                return File.ReadAllBytes(fullPath);
            }
            catch (Exception ex) when (ex is DirectoryNotFoundException || ex is FileNotFoundException)
            {
                throw new InvalidDataException($"the parameters file '{relativePath}' does not exist.");
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new InvalidDataException($"the parameters file '{relativePath}' cannot be read: {ex.Message}");
            }
        }

        private static JsonDocument ParseDocument(byte[] bytes, string relativePath)
        {
            try
            {
                return StrictJson.Parse(bytes, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 64 });
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"the parameters file '{relativePath}' is not valid JSON ({(ex.LineNumber is long line ? $"line {line + 1}" : ex.Message.TrimEnd('.'))}).");
            }
        }

        /// <summary>A key is a property name, or a dotted path of property names; an exact property name wins over a path.</summary>
        private static bool TryFind(JsonElement root, string key, out JsonElement value)
        {
            value = default;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            if (root.TryGetProperty(key, out value))
            {
                return true;
            }

            var current = root;
            foreach (var part in key.Split('.'))
            {
                if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(part, out current))
                {
                    return false;
                }
            }

            value = current;
            return true;
        }

        internal static string HashOf(JsonElement value)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                WriteCanonical(writer, value);
            }

            return ArtifactHasher.ToHex(Portable.Sha256(buffer.ToArray()));
        }

        /// <summary>Writes a value with object properties sorted (ordinal): the same parameters give the same bytes.</summary>
        internal static void WriteCanonical(Utf8JsonWriter writer, JsonElement value)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.Object:
                    writer.WriteStartObject();
                    foreach (var property in value.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                    {
                        writer.WritePropertyName(property.Name);
                        WriteCanonical(writer, property.Value);
                    }

                    writer.WriteEndObject();
                    break;
                case JsonValueKind.Array:
                    writer.WriteStartArray();
                    foreach (var item in value.EnumerateArray())
                    {
                        WriteCanonical(writer, item);
                    }

                    writer.WriteEndArray();
                    break;
                default:
                    // Numbers keep their text: 0.1 and 0.10 are the same value but an edit all the same; both are rare.
                    value.WriteTo(writer);
                    break;
            }
        }
    }
}
