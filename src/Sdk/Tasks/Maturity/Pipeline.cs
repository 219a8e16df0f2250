using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using MlopsGuard.Tasks.Compatibility;

namespace MlopsGuard.Tasks.Maturity
{
    /// <summary>
    /// What one CI pipeline file does, read by a small line-based scan (no YAML library: comments are dropped and the
    /// commands looked for; the file is read up to <see cref="BoundedText.DefaultMaxBytes"/>). A malformed file still
    /// yields whatever commands its lines show.
    /// </summary>
    internal sealed class Pipeline
    {
        // Non-backtracking: linear in the line, so a hostile line (a million spaces before "command:") cannot hit the
        // timeout, whose exception would fail the whole assessment. It has no lookarounds: "not followed by false" is an
        // optional group that must not have matched.
        private static readonly RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | Portable.Linear;
        private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(500);
        private const int MaxLineLength = 16 * 1024;

        private static readonly Regex DotnetVerb = new Regex(@"\bdotnet(?:\.exe)?\s+(build|test|pack|publish|msbuild)\b", Options, Timeout);
        private static readonly Regex AzureDotnetCommand = new Regex(@"^\s*-?\s*command\s*:\s*['""]?(build|test|pack|publish|push|restore)\b", Options, Timeout);
        private static readonly Regex OtherBuild = new Regex(@"\b(msbuild(?:\.exe)?\s|VSBuild@|MSBuild@|cake\b|nuke\b|build\.(?:sh|ps1|cmd))", Options, Timeout);
        private static readonly Regex OtherTest = new Regex(@"\b(VSTest@\d|dotnet-test|dotnet\s+vstest)", Options, Timeout);
        private static readonly Regex PackModel = new Regex(@"[-/]t(?:arget)?:\S*\bMlopsPackModel\b|\bMlopsPackModel\b", Options, Timeout);
        private static readonly Regex CiModePattern = new Regex(@"\b(ContinuousIntegrationBuild|MlopsEnforce)\b(\s*[=:]\s*['""]?false)?", Options, Timeout);
        private static readonly Regex LockedRestorePattern = new Regex(@"--locked-mode\b|\bRestoreLockedMode\b(\s*[=:]\s*['""]?false)?", Options, Timeout);
        private static readonly Regex NuGetPush = new Regex(@"\bdotnet\s+nuget\s+push\b|\bnuget(?:\.exe)?\s+push\b|NuGetCommand@\d", Options, Timeout);
        private static readonly Regex Upload = new Regex(@"actions/upload-artifact@|PublishBuildArtifacts@|PublishPipelineArtifact@|^\s*-?\s*publish\s*:|^\s*artifacts\s*:|az\s+storage\s+blob\s+upload|az\s+ml\s+model\s+(create|register)", Options, Timeout);
        private static readonly Regex Deploy = new Regex(@"\bdocker\s+push\b|azure/webapps-deploy@|AzureWebApp@|AzureFunctionApp@|AzureRmWebAppDeployment@|kubectl\s+apply\b|helm\s+upgrade\b|\bdeployment\s*:", Options, Timeout);

        private Pipeline(string relativePath, string system)
        {
            RelativePath = relativePath;
            System = system;
        }

        public string RelativePath { get; }

        /// <summary>GitHub Actions, Azure Pipelines or GitLab CI.</summary>
        public string System { get; }

        public bool Builds { get; private set; }

        public bool Tests { get; private set; }

        public bool Packs { get; private set; }

        public bool CiMode { get; private set; }

        public bool LockedRestore { get; private set; }

        /// <summary>Publishes or deploys what it built: a NuGet push, a deployment, or a pack together with an upload.</summary>
        public bool Delivers => Pushes || Deploys || (Packs && Uploads);

        public bool Pushes { get; private set; }

        public bool Uploads { get; private set; }

        public bool Deploys { get; private set; }

        /// <summary>The pipeline files of the repository: GitHub Actions, Azure Pipelines, GitLab CI, in a stable order.</summary>
        public static IReadOnlyList<Pipeline> FindAll(string repositoryRoot, int maxFiles = 200)
        {
            var found = new List<(string Path, string System)>();
            AddFolder(found, repositoryRoot, ".github/workflows", "GitHub Actions");
            AddFile(found, repositoryRoot, "azure-pipelines.yml", "Azure Pipelines");
            AddFile(found, repositoryRoot, "azure-pipelines.yaml", "Azure Pipelines");
            AddFolder(found, repositoryRoot, ".azure-pipelines", "Azure Pipelines");
            AddFile(found, repositoryRoot, ".gitlab-ci.yml", "GitLab CI");
            AddFile(found, repositoryRoot, ".gitlab-ci.yaml", "GitLab CI");
            return found.Take(maxFiles).Select(f => Scan(RepositoryPath.Relative(repositoryRoot, f.Path), f.System, BoundedText.Lines(f.Path))).ToList();
        }

        public static Pipeline Scan(string relativePath, string system, IEnumerable<string> lines)
        {
            var pipeline = new Pipeline(relativePath, system);
            var azureDotnetTask = false;
            foreach (var raw in lines)
            {
                // No real pipeline line is this long; skipping it bounds the scan of a hostile file on both runtimes.
                if (raw.Length > MaxLineLength)
                {
                    continue;
                }

                var line = WithoutComment(raw);
                if (line.Trim().Length == 0)
                {
                    continue;
                }

                if (line.IndexOf("DotNetCoreCLI@", StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    azureDotnetTask = true;
                }

                foreach (Match verb in BoundedMatch.All(DotnetVerb, line))
                {
                    pipeline.Apply(verb.Groups[1].Value);
                }

                var command = BoundedMatch.First(AzureDotnetCommand, line);
                if (azureDotnetTask && command.Success)
                {
                    pipeline.Apply(command.Groups[1].Value);
                }

                pipeline.Builds |= BoundedMatch.IsMatch(OtherBuild, line);
                pipeline.Tests |= BoundedMatch.IsMatch(OtherTest, line);
                if (BoundedMatch.IsMatch(PackModel, line))
                {
                    pipeline.Builds = true;
                    pipeline.Packs = true;
                }

                pipeline.CiMode |= TurnsOn(CiModePattern, line);
                pipeline.LockedRestore |= TurnsOn(LockedRestorePattern, line);
                pipeline.Pushes |= BoundedMatch.IsMatch(NuGetPush, line);
                pipeline.Uploads |= BoundedMatch.IsMatch(Upload, line);
                pipeline.Deploys |= BoundedMatch.IsMatch(Deploy, line);
            }

            return pipeline;
        }

        /// <summary>What the file shows, for the report's evidence.</summary>
        public string Describe()
        {
            var does = new List<string>();
            if (Builds)
            {
                does.Add("builds");
            }

            if (Tests)
            {
                does.Add("tests (dotnet test)");
            }

            if (Packs)
            {
                does.Add("packs");
            }

            if (CiMode)
            {
                does.Add("in CI mode");
            }

            if (LockedRestore)
            {
                does.Add("restores in locked mode");
            }

            if (Delivers)
            {
                does.Add(Pushes ? "pushes packages" : Deploys ? "deploys" : "publishes the package as an artifact");
            }

            return $"{RelativePath} ({System}) " + (does.Count == 0 ? "runs no .NET build" : string.Join(", ", does));
        }

        /// <summary>A setting named on the line and not set to false (its "=false" group did not match).</summary>
        private static bool TurnsOn(Regex setting, string line)
        {
            foreach (Match match in BoundedMatch.All(setting, line))
            {
                if (!match.Groups[match.Groups.Count - 1].Success)
                {
                    return true;
                }
            }

            return false;
        }

        private void Apply(string verb)
        {
            switch (verb.ToLowerInvariant())
            {
                case "test":
                    Builds = true;
                    Tests = true;
                    break;
                case "pack":
                    Builds = true;
                    Packs = true;
                    break;
                case "push":
                    Pushes = true;
                    break;
                case "build":
                case "publish":
                case "msbuild":
                    Builds = true;
                    break;
            }
        }

        /// <summary>The line without a YAML comment: a '#' at the start or after a space, outside quotes.</summary>
        internal static string WithoutComment(string line)
        {
            var quote = '\0';
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (quote != '\0')
                {
                    if (c == quote)
                    {
                        quote = '\0';
                    }
                }
                else if (c == '\'' || c == '"')
                {
                    quote = c;
                }
                else if (c == '#' && (i == 0 || char.IsWhiteSpace(line[i - 1])))
                {
                    return line.Substring(0, i);
                }
            }

            return line;
        }

        private static void AddFile(List<(string, string)> found, string root, string relative, string system)
        {
            var path = Path.Combine(root, relative);
            if (File.Exists(path))
            {
                found.Add((path, system));
            }
        }

        private static void AddFolder(List<(string, string)> found, string root, string relative, string system)
        {
            var folder = Path.Combine(root, relative);
            if (!Directory.Exists(folder))
            {
                return;
            }

            try
            {
                var files = Directory.EnumerateFiles(folder)
                    .Where(f => f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase))
                    .OrderBy(f => f, StringComparer.Ordinal);
                found.AddRange(files.Select(f => (f, system)));
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                // An unreadable folder is no evidence.
            }
        }
    }
}
