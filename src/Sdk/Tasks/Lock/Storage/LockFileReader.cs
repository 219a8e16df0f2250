using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;

namespace MlopsGuard.Tasks.Lock.Storage
{
    /// <summary>Reads mlops.lock.json strictly: every problem becomes a <see cref="LockFileFormatException"/> that says where.</summary>
    internal static class LockFileReader
    {
        public static LockFile Read(string path) => Parse(File.ReadAllBytes(path));

        public static LockFile Parse(byte[] bytes)
        {
            JsonDocument document;
            try
            {
                document = StrictJson.Parse(bytes, new JsonDocumentOptions { MaxDepth = 64 });
            }
            catch (JsonException ex)
            {
                var line = ex.LineNumber is long number ? $"line {number + 1}: " : string.Empty;
                var conflict = LooksLikeMergeConflict(bytes) ? " It holds git merge-conflict markers: resolve the conflict, or delete the file and re-lock." : string.Empty;
                throw new LockFileFormatException($"{line}not valid JSON ({FirstSentence(ex.Message)}).{conflict}", ex);
            }

            using (document)
            {
                return Interpret(document.RootElement);
            }
        }

        private static LockFile Interpret(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new LockFileFormatException($"the top level must be an object with 'version' and 'artifacts', not {Describe(root)}.");
            }

            if (!root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var number))
            {
                throw new LockFileFormatException("'version' is missing or not a number (expected 1).");
            }

            if (number != LockFile.CurrentVersion)
            {
                throw new LockFileFormatException($"'version' is {number}; this MlopsGuard reads version {LockFile.CurrentVersion} (a newer MlopsGuard wrote it? update the package).");
            }

            var artifacts = new List<LockedArtifact>();
            if (root.TryGetProperty("artifacts", out var list))
            {
                if (list.ValueKind != JsonValueKind.Array)
                {
                    throw new LockFileFormatException($"'artifacts' must be an array, not {Describe(list)}.");
                }

                var seen = new HashSet<string>(StringComparer.Ordinal);
                var index = 0;
                foreach (var item in list.EnumerateArray())
                {
                    var artifact = ReadArtifact(item, index++);
                    if (!seen.Add(artifact.Path))
                    {
                        throw new LockFileFormatException($"'{artifact.Path}' is listed twice in 'artifacts'.");
                    }

                    artifacts.Add(artifact);
                }
            }

            artifacts.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));

            List<JsonElement>? stages = null;
            if (root.TryGetProperty("stages", out var stageList))
            {
                if (stageList.ValueKind != JsonValueKind.Array)
                {
                    throw new LockFileFormatException($"'stages' must be an array, not {Describe(stageList)}.");
                }

                stages = new List<JsonElement>();
                foreach (var stage in stageList.EnumerateArray())
                {
                    stages.Add(stage.Clone());
                }
            }

            return new LockFile(artifacts, stages);
        }

        private static LockedArtifact ReadArtifact(JsonElement item, int index)
        {
            var where = $"artifacts[{index}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw new LockFileFormatException($"{where} must be an object, not {Describe(item)}.");
            }

            var path = RequiredString(item, "path", where);
            where = $"artifacts[{index}] ('{path}')";
            var kind = RequiredString(item, "kind", where);
            if (!ArtifactKind.IsKnown(kind))
            {
                throw new LockFileFormatException($"{where}: 'kind' is '{kind}'; expected 'data' or 'model'.");
            }

            var sha256 = RequiredString(item, "sha256", where);
            if (!IsSha256(sha256))
            {
                throw new LockFileFormatException($"{where}: 'sha256' must be 64 lowercase hexadecimal digits, not '{sha256}'.");
            }

            if (!item.TryGetProperty("size", out var size) || size.ValueKind != JsonValueKind.Number || !size.TryGetInt64(out var bytes) || bytes < 0)
            {
                throw new LockFileFormatException($"{where}: 'size' is missing or not a whole number of bytes.");
            }

            return new LockedArtifact(path, kind, sha256, bytes);
        }

        private static string RequiredString(JsonElement item, string name, string where)
        {
            if (!item.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(value.GetString()))
            {
                throw new LockFileFormatException($"{where}: '{name}' is missing or not a non-empty string.");
            }

            return value.GetString()!;
        }

        internal static bool IsSha256(string text)
        {
            if (text.Length != 64)
            {
                return false;
            }

            foreach (var c in text)
            {
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
                {
                    return false;
                }
            }

            return true;
        }

        private static string Describe(JsonElement element) => element.ValueKind switch
        {
            JsonValueKind.Array => "an array",
            JsonValueKind.Object => "an object",
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.Null => "null",
            _ => "a boolean",
        };

        private static bool LooksLikeMergeConflict(byte[] bytes)
        {
            var text = Encoding.UTF8.GetString(bytes);
            return text.Contains("\n<<<<<<< ", StringComparison.Ordinal) || text.StartsWith("<<<<<<< ", StringComparison.Ordinal);
        }

        private static string FirstSentence(string message)
        {
            // System.Text.Json appends "Path: $ | LineNumber: … | BytePositionInLine: …", which we already say better.
            var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
            var text = (cut > 0 ? message.Substring(0, cut) : message).Trim();
            return text.TrimEnd('.');
        }
    }
}
