using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using MlopsGuard.Tasks.Lock.Storage;

namespace MlopsGuard.Tasks.Stages
{
    /// <summary>A file of a stage as the lock records it.</summary>
    internal sealed record StageFile(string Path, string Sha256, long Size);

    /// <summary>One parameter a stage read, recorded by the SHA-256 of its value's canonical JSON.</summary>
    internal sealed record StageParam(string Path, string Key, string Sha256);

    /// <summary>
    /// One entry of <c>stages</c> in mlops.lock.json (CONTRACT §6): <c>name</c>, <c>command</c>, <c>deps</c>, <c>outs</c>,
    /// then <c>params</c> and <c>workingDirectory</c> only when the stage has them. Lists sorted by path, then key.
    /// </summary>
    internal sealed class StageRecord
    {
        public StageRecord(string name, string command, string workingDirectory, IReadOnlyList<StageFile> deps, IReadOnlyList<StageFile> outs, IReadOnlyList<StageParam> parameters)
        {
            Name = name;
            Command = command;
            WorkingDirectory = workingDirectory;
            Deps = deps.OrderBy(d => d.Path, StringComparer.Ordinal).ToList();
            Outs = outs.OrderBy(o => o.Path, StringComparer.Ordinal).ToList();
            Params = parameters.OrderBy(p => p.Path, StringComparer.Ordinal).ThenBy(p => p.Key, StringComparer.Ordinal).ToList();
        }

        public string Name { get; }

        public string Command { get; }

        /// <summary>'.' (not written) for the project folder.</summary>
        public string WorkingDirectory { get; }

        public IReadOnlyList<StageFile> Deps { get; }

        public IReadOnlyList<StageFile> Outs { get; }

        public IReadOnlyList<StageParam> Params { get; }

        public JsonElement ToJson()
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteString("name", Name);
                writer.WriteString("command", Command);
                if (WorkingDirectory != ".")
                {
                    writer.WriteString("workingDirectory", WorkingDirectory);
                }

                WriteFiles(writer, "deps", Deps);
                WriteFiles(writer, "outs", Outs);
                if (Params.Count != 0)
                {
                    writer.WriteStartArray("params");
                    foreach (var param in Params)
                    {
                        writer.WriteStartObject();
                        writer.WriteString("path", param.Path);
                        writer.WriteString("key", param.Key);
                        writer.WriteString("sha256", param.Sha256);
                        writer.WriteEndObject();
                    }

                    writer.WriteEndArray();
                }

                writer.WriteEndObject();
            }

            using var document = JsonDocument.Parse(buffer.ToArray());
            return document.RootElement.Clone();
        }

        /// <summary>Reads a lock entry; a malformed one throws <see cref="LockFileFormatException"/> saying what is wrong.</summary>
        public static StageRecord FromJson(JsonElement element, int index)
        {
            var where = $"stages[{index}]";
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw new LockFileFormatException($"{where} must be an object.");
            }

            var name = RequiredString(element, "name", where);
            where = $"stages[{index}] ('{name}')";
            var command = RequiredString(element, "command", where);
            var workingDirectory = element.TryGetProperty("workingDirectory", out var wd) && wd.ValueKind == JsonValueKind.String ? wd.GetString()! : ".";
            var deps = ReadFiles(element, "deps", where);
            var outs = ReadFiles(element, "outs", where);
            var parameters = new List<StageParam>();
            if (element.TryGetProperty("params", out var list))
            {
                if (list.ValueKind != JsonValueKind.Array)
                {
                    throw new LockFileFormatException($"{where}: 'params' must be an array.");
                }

                foreach (var item in list.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.Object)
                    {
                        throw new LockFileFormatException($"{where}: every entry of 'params' must be an object.");
                    }

                    parameters.Add(new StageParam(RequiredString(item, "path", where), RequiredString(item, "key", where), Sha(item, where)));
                }
            }

            return new StageRecord(name, command, workingDirectory, deps, outs, parameters);
        }

        private static void WriteFiles(Utf8JsonWriter writer, string name, IReadOnlyList<StageFile> files)
        {
            writer.WriteStartArray(name);
            foreach (var file in files)
            {
                writer.WriteStartObject();
                writer.WriteString("path", file.Path);
                writer.WriteString("sha256", file.Sha256);
                writer.WriteNumber("size", file.Size);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        private static List<StageFile> ReadFiles(JsonElement element, string name, string where)
        {
            var files = new List<StageFile>();
            if (!element.TryGetProperty(name, out var list))
            {
                return files;
            }

            if (list.ValueKind != JsonValueKind.Array)
            {
                throw new LockFileFormatException($"{where}: '{name}' must be an array.");
            }

            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object)
                {
                    throw new LockFileFormatException($"{where}: every entry of '{name}' must be an object.");
                }

                var path = RequiredString(item, "path", where);
                if (!item.TryGetProperty("size", out var size) || size.ValueKind != JsonValueKind.Number || !size.TryGetInt64(out var bytes) || bytes < 0)
                {
                    throw new LockFileFormatException($"{where}: '{name}' entry '{path}' has no valid 'size'.");
                }

                files.Add(new StageFile(path, Sha(item, where), bytes));
            }

            return files;
        }

        private static string Sha(JsonElement item, string where)
        {
            var sha = RequiredString(item, "sha256", where);
            if (!LockFileReader.IsSha256(sha))
            {
                throw new LockFileFormatException($"{where}: 'sha256' must be 64 lowercase hexadecimal digits, not '{sha}'.");
            }

            return sha;
        }

        private static string RequiredString(JsonElement item, string name, string where)
        {
            if (!item.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(value.GetString()))
            {
                throw new LockFileFormatException($"{where}: '{name}' is missing or not a non-empty string.");
            }

            return value.GetString()!;
        }
    }
}
