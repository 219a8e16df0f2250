using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using MlopsGuard.EndToEnd.Tests.Infrastructure;
using Xunit;

namespace MlopsGuard.EndToEnd.Tests
{
    /// <summary>
    /// The CI templates of the Level 2 sample (README, CI setup) upload what the build writes: the analyzers' SARIF log of
    /// every project of the solution under its own code-scanning category, the maturity SARIF, and maturity.md to the
    /// job summary. Read as text (no build); <see cref="SampleTests"/> builds the sample and checks the files exist.
    /// </summary>
    public class CiTemplateTests
    {
        private static readonly string Sample = Path.Combine(Samples.SamplesRoot, "level2-sentiment");

        /// <summary>The oldest major version of each action that is still maintained.</summary>
        private static readonly Dictionary<string, int> OldestMajor = new(StringComparer.Ordinal)
        {
            ["actions/checkout"] = 4,
            ["actions/setup-dotnet"] = 4,
            ["actions/upload-artifact"] = 4,
            ["github/codeql-action"] = 3,
        };

        [Fact]
        public void The_github_workflow_uploads_each_projects_analyzer_log_and_the_maturity_report_and_summarises_it()
        {
            var steps = Steps(File.ReadAllText(Path.Combine(Sample, ".github", "workflows", "mlops.yml")));
            var uploads = steps.Where(s => Value(s, "uses").StartsWith("github/codeql-action/upload-sarif@", StringComparison.Ordinal)).ToList();

            foreach (var project in SolutionProjects())
            {
                var log = $"artifacts/sarif/{project}.sarif";
                var upload = Assert.Single(uploads, s => Value(s, "sarif_file") == log);
                Assert.Equal($"analyzers/{project}", Value(upload, "category"));
                Assert.Equal($"always() && hashFiles('{log}') != ''", Value(upload, "if"));
            }

            var maturity = Assert.Single(uploads, s => Value(s, "sarif_file") == "artifacts/mlops/maturity.sarif");
            Assert.StartsWith("always()", Value(maturity, "if"), StringComparison.Ordinal);
            Assert.Equal(SolutionProjects().Count + 1, uploads.Count);
            Assert.Equal(uploads.Count, uploads.Select(s => Value(s, "category")).Distinct(StringComparer.Ordinal).Count());

            var summary = Assert.Single(steps, s => Value(s, "run").Contains("$GITHUB_STEP_SUMMARY", StringComparison.Ordinal));
            Assert.Equal("cat artifacts/mlops/maturity.md >> \"$GITHUB_STEP_SUMMARY\"", Value(summary, "run"));
            Assert.StartsWith("always()", Value(summary, "if"), StringComparison.Ordinal);

            var published = Assert.Single(steps, s => Value(s, "uses").StartsWith("actions/upload-artifact@", StringComparison.Ordinal));
            Assert.Contains("artifacts/sarif/", Value(published, "path").Split('\n'));

            foreach (var uses in steps.Select(s => Value(s, "uses")).Where(u => u.Length != 0))
            {
                var match = Regex.Match(uses, @"^(?<owner>[^/@]+)/(?<name>[^/@]+)(/[^@]*)?@v(?<major>\d+)$");
                Assert.True(match.Success, uses);
                var action = match.Groups["owner"].Value + "/" + match.Groups["name"].Value;
                Assert.True(OldestMajor.TryGetValue(action, out var oldest), $"{action}: no known version");
                Assert.True(int.Parse(match.Groups["major"].Value) >= oldest, $"{uses}: older than v{oldest}");
            }
        }

        [Fact]
        public void The_azure_pipeline_publishes_every_sarif_log_for_the_scans_tab_and_summarises_the_report()
        {
            var steps = Steps(File.ReadAllText(Path.Combine(Sample, "azure-pipelines.yml")));

            var summary = Assert.Single(steps, s => Value(s, "script").Contains("##vso[task.uploadsummary]", StringComparison.Ordinal));
            Assert.Contains("##vso[task.uploadsummary]$(System.DefaultWorkingDirectory)/artifacts/mlops/maturity.md", Value(summary, "script"));
            Assert.Equal("always()", Value(summary, "condition"));

            var copy = Assert.Single(steps, s => Value(s, "task") == "CopyFiles@2");
            Assert.Equal(new[] { "artifacts/sarif/*.sarif", "artifacts/mlops/maturity.sarif" }, Value(copy, "Contents").Split('\n'));
            Assert.Equal("true", Value(copy, "flattenFolders"));
            Assert.Equal("always()", Value(copy, "condition"));

            var logs = Assert.Single(steps, s => Value(s, "task") == "PublishBuildArtifacts@1" && Value(s, "ArtifactName") == "CodeAnalysisLogs");
            Assert.Equal(Value(copy, "TargetFolder"), Value(logs, "PathtoPublish"));
            Assert.Equal("always()", Value(logs, "condition"));
        }

        [Fact]
        public void Every_project_of_the_sample_writes_its_analyzer_log_where_the_templates_look()
        {
            var props = File.ReadAllText(Path.Combine(Sample, "Directory.Build.props"));
            Assert.Contains("<AnalyzerSarifLog>$(MSBuildThisFileDirectory)artifacts/sarif/$(MSBuildProjectName).sarif</AnalyzerSarifLog>", props, StringComparison.Ordinal);
            Assert.Contains("<ErrorLog>$(AnalyzerSarifLog),version=2.1</ErrorLog>", props, StringComparison.Ordinal);
            Assert.Equal(new[] { "Sentiment.Api", "Sentiment.Model", "Sentiment.Pipeline", "Sentiment.Tests", "Sentiment.Training" }, SolutionProjects().OrderBy(p => p, StringComparer.Ordinal));
        }

        /// <summary>The names of the projects of Sentiment.sln.</summary>
        internal static IReadOnlyList<string> SolutionProjects() =>
            Regex.Matches(File.ReadAllText(Path.Combine(Sample, "Sentiment.sln")), @"""(?<path>[^""]+\.csproj)""")
                .Select(m => Path.GetFileNameWithoutExtension(m.Groups["path"].Value.Replace('\\', '/')))
                .ToList();

        private static string Value(IReadOnlyDictionary<string, string> step, string key) => step.TryGetValue(key, out var value) ? value : string.Empty;

        /// <summary>
        /// The items of the pipeline's <c>steps:</c> list, each as its keys (nested ones too, such as <c>with:</c>'s) and
        /// their values: plain or quoted scalars, and block scalars (<c>|</c>) as their lines. Enough for these files.
        /// </summary>
        private static List<Dictionary<string, string>> Steps(string yaml)
        {
            var lines = yaml.Replace("\r\n", "\n").Split('\n');
            var steps = new List<Dictionary<string, string>>();
            var stepsIndent = -1;
            var itemIndent = -1;
            Dictionary<string, string>? step = null;
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i];
                var text = line.TrimStart();
                var indent = line.Length - text.Length;
                if (text.Length == 0 || text.StartsWith('#'))
                {
                    continue;
                }

                if (text == "steps:")
                {
                    stepsIndent = indent;
                    itemIndent = -1;
                    step = null;
                    continue;
                }

                if (stepsIndent < 0 || indent <= stepsIndent && !text.StartsWith("- ", StringComparison.Ordinal))
                {
                    stepsIndent = -1;
                    step = null;
                    continue;
                }

                if (text.StartsWith("- ", StringComparison.Ordinal) && (itemIndent < 0 || indent == itemIndent))
                {
                    itemIndent = indent;
                    step = new Dictionary<string, string>(StringComparer.Ordinal);
                    steps.Add(step);
                    text = text.Substring(2);
                    indent += 2;
                }

                var colon = text.IndexOf(':');
                if (step == null || colon <= 0)
                {
                    continue;
                }

                var key = text.Substring(0, colon).Trim();
                var value = text.Substring(colon + 1).Trim();
                if (value.StartsWith("#", StringComparison.Ordinal))
                {
                    value = string.Empty;
                }
                else if (!value.StartsWith("\"", StringComparison.Ordinal) && !value.StartsWith("'", StringComparison.Ordinal) && value.IndexOf(" #", StringComparison.Ordinal) is var comment and > 0)
                {
                    value = value.Substring(0, comment).TrimEnd();
                }

                if (value == "|" || value == ">")
                {
                    var block = new List<string>();
                    while (i + 1 < lines.Length && (lines[i + 1].Trim().Length == 0 || lines[i + 1].Length - lines[i + 1].TrimStart().Length > indent))
                    {
                        block.Add(lines[++i].Trim());
                    }

                    value = string.Join("\n", block.Where(l => l.Length != 0));
                }

                step.TryAdd(key, value);
            }

            return steps;
        }
    }
}
