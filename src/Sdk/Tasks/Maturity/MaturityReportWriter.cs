using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using MlopsGuard.Tasks.Infrastructure;
using MlopsGuard.Tasks.Lock.Storage;

namespace MlopsGuard.Tasks.Maturity
{
    /// <summary>
    /// The three report files: maturity.md for people, maturity.json for machines (CONTRACT §8), maturity.sarif for
    /// code scanning. Deterministic (no time, no machine paths: paths are relative to the repository root, '\n' line
    /// ends) and written atomically, only when they change.
    /// </summary>
    internal static class MaturityReportWriter
    {
        public const string JsonSchema = "mlopsguard/maturity/2";
        public const string SarifSchema = "https://json.schemastore.org/sarif-2.1.0.json";
        public const string CriteriaLink = "https://github.com/mlopsguard/mlopsguard/blob/main/docs/maturity.md";

        /// <summary>The build rules of the assessment, in ID order: the rules section of the SARIF log.</summary>
        public static readonly string[] Rules =
        {
            RuleIdentifiers.ArtifactWithoutOwner,
            RuleIdentifiers.NoCiPipeline,
            RuleIdentifiers.CiWithoutTestOrCiMode,
            RuleIdentifiers.DependenciesNotLocked,
            RuleIdentifiers.BelowDeclaredLevel,
            RuleIdentifiers.MlProjectWithoutTests,
        };

        public static IReadOnlyList<string> Write(string directory, MaturityAssessment assessment, Func<string, RuleSeverity> severity, string toolVersion)
        {
            var files = new List<(string Name, string Content)>
            {
                ("maturity.md", Markdown(assessment)),
                ("maturity.json", Json(assessment)),
                ("maturity.sarif", Sarif(assessment, severity, toolVersion)),
            };
            var written = new List<string>();
            foreach (var (name, content) in files)
            {
                var path = Path.Combine(directory, name);
                AtomicFile.WriteIfChanged(path, new UTF8Encoding(false).GetBytes(content));
                written.Add(path);
            }

            return written;
        }

        public static string Json(MaturityAssessment assessment) => WriteJson(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("schema", JsonSchema);
            writer.WriteNumber("level", assessment.Level);
            writer.WriteNumber("declaredLevel", assessment.DeclaredLevel);
            writer.WriteStartArray("parameters");
            foreach (var parameter in assessment.Parameters)
            {
                writer.WriteStartObject();
                writer.WriteNumber("id", parameter.Id);
                writer.WriteString("name", parameter.Name);
                if (parameter.Applicable)
                {
                    writer.WriteNumber("level", parameter.Level);
                }
                else
                {
                    writer.WriteNull("level");
                }

                WriteStrings(writer, "evidence", parameter.Evidence);
                WriteStrings(writer, "missing", parameter.Missing);
                writer.WriteBoolean("applicable", parameter.Applicable);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();

            // The evidence each assessed project contributed to the one verdict.
            writer.WriteString("assessed", assessment.Subject);
            writer.WriteStartArray("projects");
            foreach (var (path, evidence) in assessment.Projects)
            {
                writer.WriteStartObject();
                writer.WriteString("path", path);
                WriteStrings(writer, "evidence", evidence);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            WriteStrings(writer, "notAssessed", assessment.NotAssessed);
            writer.WriteEndObject();
        });

        public static string Markdown(MaturityAssessment assessment)
        {
            var text = new StringBuilder();
            text.Append("# MLOps maturity of the repository\n\n");
            text.Append("Assessed: `").Append(assessment.Subject).Append("`, ").Append(assessment.Projects.Count).Append(assessment.Projects.Count == 1 ? " project" : " projects")
                .Append(" (listed below with their evidence).\n\n");
            text.Append("Level **").Append(assessment.Level).Append("** of declared ").Append(assessment.DeclaredLevel)
                .Append(" (the lowest level of the applicable parameters). Criteria: [docs/maturity.md](").Append(CriteriaLink).Append(").\n\n");
            text.Append("| # | Parameter | Level | Evidence | Missing for the next level |\n");
            text.Append("|---|---|---|---|---|\n");
            foreach (var parameter in assessment.Parameters)
            {
                text.Append("| ").Append(parameter.Id)
                    .Append(" | ").Append(parameter.Name)
                    .Append(" | ").Append(parameter.LevelText)
                    .Append(" | ").Append(Cell(parameter.Evidence, "none"))
                    .Append(" | ").Append(Cell(parameter.Missing, !parameter.Applicable ? "—" : parameter.Level >= 2 ? "nothing: Level 2 reached" : "—"))
                    .Append(" |\n");
            }

            text.Append("\n## Projects\n\n");
            foreach (var (path, evidence) in assessment.Projects)
            {
                text.Append("- `").Append(path).Append("`: ").Append(Escape(string.Join("; ", evidence))).Append('\n');
            }

            if (assessment.NotAssessed.Count > 0)
            {
                text.Append("\nNot assessed (ML projects of the repository outside this build; build the solution for the repository's verdict and its gate): ")
                    .Append(string.Join(", ", assessment.NotAssessed.Select(p => "`" + p + "`"))).Append(".\n");
            }

            if (assessment.Findings.Count > 0)
            {
                text.Append("\n## Diagnostics\n\n");
                foreach (var finding in Ordered(assessment.Findings))
                {
                    text.Append("- **").Append(finding.RuleId).Append("**");
                    if (finding.File != null)
                    {
                        text.Append(" `").Append(finding.File).Append('`');
                    }

                    text.Append(": ").Append(Escape(finding.Message)).Append('\n');
                }
            }

            return text.ToString();
        }

        public static string Sarif(MaturityAssessment assessment, Func<string, RuleSeverity> severity, string toolVersion) => WriteJson(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("$schema", SarifSchema);
            writer.WriteString("version", "2.1.0");
            writer.WriteStartArray("runs");
            writer.WriteStartObject();
            writer.WriteStartObject("tool");
            writer.WriteStartObject("driver");
            writer.WriteString("name", "MlopsGuard");
            writer.WriteString("version", toolVersion);
            writer.WriteString("informationUri", "https://github.com/mlopsguard/mlopsguard");
            writer.WriteStartArray("rules");
            foreach (var id in Rules)
            {
                var rule = RuleCatalog.Get(id);
                writer.WriteStartObject();
                writer.WriteString("id", rule.Id);
                writer.WriteString("name", Pascal(rule.Title));
                writer.WriteStartObject("shortDescription");
                writer.WriteString("text", rule.Title);
                writer.WriteEndObject();
                writer.WriteStartObject("fullDescription");
                writer.WriteString("text", rule.Description);
                writer.WriteEndObject();
                writer.WriteString("helpUri", rule.HelpLink);
                writer.WriteStartObject("properties");
                writer.WriteString("category", rule.Category);
                writer.WriteStartArray("tags");
                writer.WriteStringValue("MlopsGuard");
                writer.WriteStringValue(rule.Category);
                writer.WriteEndArray();
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteStartArray("results");
            foreach (var finding in Ordered(assessment.Findings))
            {
                writer.WriteStartObject();
                writer.WriteString("ruleId", finding.RuleId);
                writer.WriteNumber("ruleIndex", Array.IndexOf(Rules, finding.RuleId));
                writer.WriteString("level", severity(finding.RuleId) switch { RuleSeverity.Error => "error", RuleSeverity.Warning => "warning", _ => "note" });
                writer.WriteStartObject("message");
                writer.WriteString("text", finding.Message);
                writer.WriteEndObject();
                writer.WriteStartArray("locations");
                writer.WriteStartObject();
                writer.WriteStartObject("physicalLocation");
                writer.WriteStartObject("artifactLocation");
                writer.WriteString("uri", RelativeUri(finding.File ?? assessment.Subject));
                writer.WriteString("uriBaseId", "%SRCROOT%");
                writer.WriteEndObject();
                writer.WriteEndObject();
                writer.WriteEndObject();
                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteString("columnKind", "utf16CodeUnits");
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        });

        private static IEnumerable<RuleFinding> Ordered(IEnumerable<RuleFinding> findings) =>
            findings.OrderBy(f => f.RuleId, StringComparer.Ordinal).ThenBy(f => f.File ?? string.Empty, StringComparer.Ordinal).ThenBy(f => f.Message, StringComparer.Ordinal);

        private static string WriteJson(Action<Utf8JsonWriter> write)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                write(writer);
            }

            // Utf8JsonWriter indents with the platform's newline: one form everywhere keeps the files byte-identical.
            return Encoding.UTF8.GetString(buffer.ToArray()).Replace("\r\n", "\n") + "\n";
        }

        private static void WriteStrings(Utf8JsonWriter writer, string name, IEnumerable<string> values)
        {
            writer.WriteStartArray(name);
            foreach (var value in values)
            {
                writer.WriteStringValue(value);
            }

            writer.WriteEndArray();
        }

        /// <summary>A relative path as a SARIF URI: each segment escaped, '/' kept.</summary>
        private static string RelativeUri(string path) => string.Join("/", path.Split('/').Select(Uri.EscapeDataString));

        private static string Cell(IReadOnlyList<string> lines, string empty) =>
            lines.Count == 0 ? empty : string.Join("<br>", lines.Select(Escape));

        private static string Escape(string text) => text.Replace("|", "\\|").Replace("\r", " ").Replace("\n", " ");

        private static string Pascal(string title) =>
            string.Concat(title.Split(new[] { ' ', '-', '\'' }, StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0]) + w.Substring(1)));
    }
}
