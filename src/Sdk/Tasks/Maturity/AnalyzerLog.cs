using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace MlopsGuard.Tasks.Maturity
{
    /// <summary>
    /// The MlopsGuard findings of this build, read from the compiler's SARIF error log (<c>ErrorLog</c>, version 2.1 or
    /// 1.0) instead of running the analyzers again. Reading is tolerant: a missing, oversized or malformed log means
    /// "not available" with a reason, never an exception; results suppressed in source (<c>#pragma</c>,
    /// <c>SuppressMessage</c>) are not findings.
    /// </summary>
    internal sealed class AnalyzerLog
    {
        /// <summary>Logs larger than this are not parsed (a compiler log of a normal project is far smaller).</summary>
        public const long MaxBytes = 64L * 1024 * 1024;

        private AnalyzerLog(string? path, bool available, string? problem, IReadOnlyList<AnalyzerFinding> findings)
        {
            Path = path;
            Available = available;
            Problem = problem;
            Findings = findings;
        }

        public string? Path { get; }

        public bool Available { get; }

        /// <summary>Why the log could not be used, when it could not.</summary>
        public string? Problem { get; }

        public IReadOnlyList<AnalyzerFinding> Findings { get; }

        public IEnumerable<AnalyzerFinding> Of(int parameter) => Findings.Where(f => f.Parameter == parameter);

        public static AnalyzerLog Unavailable(string? path, string problem) => new AnalyzerLog(path, false, problem, Array.Empty<AnalyzerFinding>());

        /// <summary>The <c>ErrorLog</c> value without its <c>,version=…</c> suffix.</summary>
        public static string? PathOf(string? errorLogProperty)
        {
            if (string.IsNullOrWhiteSpace(errorLogProperty))
            {
                return null;
            }

            // 'log.sarif,version=2.1', or still escaped as on a command line: 'log.sarif%2Cversion=2.1'.
            var comma = errorLogProperty!.IndexOf(",version=", StringComparison.OrdinalIgnoreCase);
            if (comma < 0)
            {
                comma = errorLogProperty.IndexOf("%2Cversion=", StringComparison.OrdinalIgnoreCase);
            }

            return (comma >= 0 ? errorLogProperty.Substring(0, comma) : errorLogProperty).Trim().Trim('"');
        }

        public static AnalyzerLog Read(string? path)
        {
            if (string.IsNullOrEmpty(path))
            {
                return Unavailable(path, "no compiler error log (ErrorLog) in this build");
            }

            try
            {
                var info = new FileInfo(path);
                if (!info.Exists)
                {
                    return Unavailable(path, $"the compiler error log {info.Name} was not written (the project did not compile C#?)");
                }

                if (info.Length > MaxBytes)
                {
                    return Unavailable(path, $"the compiler error log {info.Name} is larger than {MaxBytes / (1024 * 1024)} MB");
                }

                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var document = JsonDocument.Parse(stream, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 128 });
                return new AnalyzerLog(path, true, null, ReadFindings(document.RootElement));
            }
            catch (JsonException ex)
            {
                return Unavailable(path, $"the compiler error log is not valid JSON ({ex.Message})");
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException || ex is NotSupportedException)
            {
                return Unavailable(path, $"the compiler error log cannot be read ({ex.Message})");
            }
        }

        private static List<AnalyzerFinding> ReadFindings(JsonElement root)
        {
            var findings = new List<AnalyzerFinding>();
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("runs", out var runs) || runs.ValueKind != JsonValueKind.Array)
            {
                return findings;
            }

            foreach (var run in runs.EnumerateArray())
            {
                if (run.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                var levels = RuleLevels(run);
                if (!run.TryGetProperty("results", out var results) || results.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }

                foreach (var result in results.EnumerateArray())
                {
                    var finding = Finding(result, levels);
                    if (finding != null)
                    {
                        findings.Add(finding);
                    }
                }
            }

            return findings;
        }

        private static AnalyzerFinding? Finding(JsonElement result, Dictionary<string, int> levels)
        {
            if (result.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var id = String(result, "ruleId");
            if (id is null || !IsMlopsGuardId(id))
            {
                return null;
            }

            // Suppressed in source: SARIF 2.1 lists it with 'suppressions' (1.0 with 'suppressionStates').
            if ((result.TryGetProperty("suppressions", out var suppressions) && suppressions.ValueKind == JsonValueKind.Array && suppressions.GetArrayLength() > 0)
                || (result.TryGetProperty("suppressionStates", out var states) && states.ValueKind == JsonValueKind.Array && states.GetArrayLength() > 0))
            {
                return null;
            }

            if (String(result, "level") == "none")
            {
                return null;
            }

            var message = result.TryGetProperty("message", out var m)
                ? (m.ValueKind == JsonValueKind.String ? m.GetString() : String(m, "text"))
                : null;
            var level = levels.TryGetValue(id, out var fromLog) ? fromLog : LevelFromCatalog(id);
            return new AnalyzerFinding(id, level, Location(result), message ?? id);
        }

        /// <summary>The first location's file: 2.1 physicalLocation.artifactLocation.uri, 1.0 resultFile.uri.</summary>
        private static string? Location(JsonElement result)
        {
            if (!result.TryGetProperty("locations", out var locations) || locations.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            foreach (var location in locations.EnumerateArray())
            {
                if (location.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                JsonElement artifact;
                if ((location.TryGetProperty("physicalLocation", out var physical) && physical.ValueKind == JsonValueKind.Object && physical.TryGetProperty("artifactLocation", out artifact))
                    || location.TryGetProperty("resultFile", out artifact))
                {
                    var uri = artifact.ValueKind == JsonValueKind.Object ? String(artifact, "uri") : null;
                    if (uri != null)
                    {
                        return Uri.TryCreate(uri, UriKind.Absolute, out var absolute) && absolute.IsFile ? absolute.LocalPath : Uri.UnescapeDataString(uri);
                    }
                }
            }

            return null;
        }

        /// <summary>Rule levels from the descriptors' custom tags (<c>MlopsLevel1</c>/<c>MlopsLevel2</c>): the analyzers that ran know best.</summary>
        private static Dictionary<string, int> RuleLevels(JsonElement run)
        {
            var levels = new Dictionary<string, int>(StringComparer.Ordinal);
            IEnumerable<(string Id, JsonElement Rule)> rules = Array.Empty<(string, JsonElement)>();
            if (run.TryGetProperty("tool", out var tool) && tool.ValueKind == JsonValueKind.Object
                && tool.TryGetProperty("driver", out var driver) && driver.ValueKind == JsonValueKind.Object
                && driver.TryGetProperty("rules", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                rules = list.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.Object && String(r, "id") != null).Select(r => (String(r, "id")!, r)).ToList();
            }
            else if (run.TryGetProperty("rules", out var map) && map.ValueKind == JsonValueKind.Object)
            {
                rules = map.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Object).Select(p => (p.Name, p.Value)).ToList();
            }

            foreach (var (id, rule) in rules)
            {
                if (!IsMlopsGuardId(id) || !rule.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object
                    || !properties.TryGetProperty("tags", out var tags) || tags.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }

                foreach (var tag in tags.EnumerateArray())
                {
                    var text = tag.ValueKind == JsonValueKind.String ? tag.GetString() : null;
                    if (text is "MlopsLevel1" or "MlopsLevel2")
                    {
                        levels[id] = text[text.Length - 1] - '0';
                    }
                }
            }

            return levels;
        }

        /// <summary>A rule the log does not describe: the catalog's level, else Level 1 (the stricter reading).</summary>
        private static int LevelFromCatalog(string id) =>
            RuleCatalog.All.FirstOrDefault(r => r.Id == id)?.RequiredLevel ?? 1;

        private static bool IsMlopsGuardId(string id) =>
            id.Length == 7 && id.StartsWith("MLG", StringComparison.Ordinal) && id[3] >= '1' && id[3] <= '8' && id.Skip(4).All(char.IsDigit);

        private static string? String(JsonElement element, string name) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
