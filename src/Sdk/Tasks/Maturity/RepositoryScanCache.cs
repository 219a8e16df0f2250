using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Build.Framework;
using MlopsGuard.Tasks.Lock.Storage;

namespace MlopsGuard.Tasks.Maturity
{
    /// <summary>
    /// Keeps a monorepo from being walked once per project. Two levels:
    /// <list type="number">
    /// <item>in the build: the scan is registered with MSBuild (<see cref="IBuildEngine4.RegisterTaskObject"/>, lifetime
    /// Build) under the repository root, so every other project of the same build in the same MSBuild node reuses it;</item>
    /// <item>across builds: a file keyed by the repository root (a hash of its path) holds the scan and its stamp; it is
    /// reused when every stamped folder and file still has its write time and length (a project added or removed
    /// changes its folder's write time), which costs one metadata read per folder instead of a listing and no reads
    /// of project files.</item>
    /// </list>
    /// </summary>
    internal static class RepositoryScanCache
    {
        private const int FormatVersion = 1;

        private static readonly TimeSpan RacyWindow = TimeSpan.FromSeconds(2);

        /// <summary>Cache files larger than this are ignored and rewritten.</summary>
        private const long MaxCacheBytes = 64L * 1024 * 1024;

        public static RepositoryScan Get(string root, string? cacheDirectory, IBuildEngine? engine, ScanLimits limits, out string origin)
        {
            var key = "MlopsGuard.RepositoryScan|" + root;
            var engine4 = engine as IBuildEngine4;
            if (engine4?.GetRegisteredTaskObject(key, RegisteredTaskObjectLifetime.Build) is RepositoryScan inBuild)
            {
                origin = "reused from this build";
                return inBuild;
            }

            var file = string.IsNullOrEmpty(cacheDirectory) ? null : FileFor(cacheDirectory!, root);
            var scan = file is null ? null : Load(file, root);
            if (scan != null && IsCurrent(scan))
            {
                origin = "cached scan still current";
            }
            else
            {
                var started = DateTime.UtcNow;
                scan = RepositoryScan.Walk(root, limits);
                origin = $"scanned {scan.EntriesVisited} entries";

                // File systems keep write times at a coarse resolution: a change made in the same tick as the scan would
                // leave the stamp unchanged. A scan that saw anything that recent is not kept (as git does for "racy" files).
                var racy = scan.Stamp.Any(e => e.Ticks > started.Ticks - RacyWindow.Ticks);
                if (file != null && !racy)
                {
                    Save(file, scan);
                }
            }

            engine4?.RegisterTaskObject(key, scan, RegisteredTaskObjectLifetime.Build, allowEarlyCollection: true);
            return scan;
        }

        /// <summary>The cache file of a repository root: <c>repository-scan-&lt;hash of the root path&gt;.json</c>.</summary>
        public static string FileFor(string cacheDirectory, string root)
        {
            using var sha = SHA256.Create();
            var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(root));
            var name = "repository-scan-" + string.Concat(hash.Take(8).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture))) + ".json";
            return Path.Combine(cacheDirectory, name);
        }

        public static bool IsCurrent(RepositoryScan scan) => scan.Stamp.All(entry => entry.Current(scan.Root).Equals(entry));

        public static RepositoryScan? Load(string file, string root)
        {
            try
            {
                var info = new FileInfo(file);
                if (!info.Exists || info.Length > MaxCacheBytes)
                {
                    return null;
                }

                using var document = JsonDocument.Parse(File.ReadAllBytes(file));
                var json = document.RootElement;
                if (json.GetProperty("version").GetInt32() != FormatVersion || json.GetProperty("root").GetString() != root)
                {
                    return null;
                }

                var stamp = json.GetProperty("stamp").EnumerateArray()
                    .Select(e => new StampEntry(e[0].GetString()!, e[1].GetInt64(), e[2].GetInt64())).ToList();
                var projects = json.GetProperty("projects").EnumerateArray()
                    .Select(p => new ProjectFileFacts(
                        p.GetProperty("path").GetString()!,
                        p.GetProperty("test").GetBoolean(),
                        p.GetProperty("ml").GetBoolean(),
                        p.GetProperty("references").EnumerateArray().Select(r => r.GetString()!).ToList(),
                        p.GetProperty("qualityTest").GetBoolean()))
                    .ToList();
                return new RepositoryScan(root, projects, stamp, json.GetProperty("truncated").GetBoolean(), json.GetProperty("entries").GetInt32());
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is JsonException || ex is InvalidOperationException
                                       || ex is KeyNotFoundException || ex is FormatException || ex is IndexOutOfRangeException || ex is ArgumentException)
            {
                return null; // a damaged cache is only a slower build
            }
        }

        public static void Save(string file, RepositoryScan scan)
        {
            try
            {
                using var buffer = new MemoryStream();
                using (var writer = new Utf8JsonWriter(buffer))
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("version", FormatVersion);
                    writer.WriteString("root", scan.Root);
                    writer.WriteBoolean("truncated", scan.Truncated);
                    writer.WriteNumber("entries", scan.EntriesVisited);
                    writer.WriteStartArray("stamp");
                    foreach (var entry in scan.Stamp)
                    {
                        writer.WriteStartArray();
                        writer.WriteStringValue(entry.Path);
                        writer.WriteNumberValue(entry.Length);
                        writer.WriteNumberValue(entry.Ticks);
                        writer.WriteEndArray();
                    }

                    writer.WriteEndArray();
                    writer.WriteStartArray("projects");
                    foreach (var project in scan.Projects)
                    {
                        writer.WriteStartObject();
                        writer.WriteString("path", project.RelativePath);
                        writer.WriteBoolean("test", project.IsTest);
                        writer.WriteBoolean("ml", project.IsMl);
                        writer.WriteStartArray("references");
                        foreach (var reference in project.References)
                        {
                            writer.WriteStringValue(reference);
                        }

                        writer.WriteEndArray();
                        writer.WriteBoolean("qualityTest", project.HasModelQualityTest);
                        writer.WriteEndObject();
                    }

                    writer.WriteEndArray();
                    writer.WriteEndObject();
                }

                AtomicFile.WriteIfChanged(file, buffer.ToArray());
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                // No cache this time: the next build scans again.
            }
        }
    }
}
