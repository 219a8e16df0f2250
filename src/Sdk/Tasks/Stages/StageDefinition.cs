using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using MlopsGuard.Tasks.Lock.Paths;

namespace MlopsGuard.Tasks.Stages
{
    /// <summary>The keys a stage reads from one JSON parameters file (<c>Params="train.params.json:learningRate,trees"</c>).</summary>
    internal sealed record ParamsReference(string Path, IReadOnlyList<string> Keys);

    /// <summary>One <c>MlStage</c> item, checked and normalized: paths relative to the project with '/'.</summary>
    internal sealed class StageDefinition
    {
        public StageDefinition(string name, string command, IReadOnlyList<string> deps, IReadOnlyList<string> outs, IReadOnlyList<ParamsReference> parameters, string workingDirectory)
        {
            Name = name;
            Command = command;
            Deps = deps;
            Outs = outs;
            Params = parameters;
            WorkingDirectory = workingDirectory;
        }

        public string Name { get; }

        public string Command { get; }

        /// <summary>Files, folders or wildcard patterns, relative to the project.</summary>
        public IReadOnlyList<string> Deps { get; }

        /// <summary>Files or folders (no wildcards), relative to the project.</summary>
        public IReadOnlyList<string> Outs { get; }

        public IReadOnlyList<ParamsReference> Params { get; }

        /// <summary>Relative to the project ('.' for the project folder itself).</summary>
        public string WorkingDirectory { get; }

        /// <summary>Every path that must exist before the stage runs: deps and parameters files (the graph orders by them).</summary>
        public IEnumerable<string> Inputs => Deps.Concat(Params.Select(p => p.Path));

        /// <summary>Reads the items; a problem (MLG3401) leaves the stage out of the returned list.</summary>
        public static List<StageDefinition> Parse(IEnumerable<ITaskItem> items, string projectDirectory, List<string> problems)
        {
            var stages = new List<StageDefinition>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in items)
            {
                var stage = ParseOne(item, projectDirectory, problems);
                if (stage == null)
                {
                    continue;
                }

                if (!names.Add(stage.Name))
                {
                    problems.Add($"stage '{stage.Name}' is declared twice: give every MlStage its own name.");
                    continue;
                }

                stages.Add(stage);
            }

            return stages;
        }

        private static StageDefinition? ParseOne(ITaskItem item, string projectDirectory, List<string> problems)
        {
            var name = item.ItemSpec.Trim();
            var count = problems.Count;
            if (name.Length == 0 || name.IndexOfAny(new[] { '/', '\\', ':', '*', '?' }) >= 0)
            {
                problems.Add($"MlStage '{name}' has an invalid name: use a short identifier such as 'prepare' or 'train'.");
                return null;
            }

            var command = item.GetMetadata("Command").Trim();
            if (command.Length == 0)
            {
                problems.Add($"stage '{name}' has no Command: say what runs, e.g. Command=\"dotnet run --project src/Training\".");
            }

            var deps = Split(item.GetMetadata("Deps")).Select(d => Normalize(d, projectDirectory, name, "dep", problems)).Where(d => d != null).Select(d => d!).ToList();
            var outs = new List<string>();
            foreach (var raw in Split(item.GetMetadata("Outs")))
            {
                var normalized = Normalize(raw, projectDirectory, name, "out", problems);
                if (normalized == null)
                {
                    continue;
                }

                if (Glob.HasWildcard(normalized))
                {
                    problems.Add($"stage '{name}' out '{raw}' is a wildcard pattern: name the files or the folder the stage writes.");
                }
                else if (StagePaths.ContainsProject(normalized))
                {
                    // An out is removed before its stage runs: it must never be the project itself or a folder above it.
                    problems.Add($"stage '{name}' out '{raw}' is the project folder or a folder that holds it: name the files or the folder the stage writes.");
                }
                else if (!outs.Contains(normalized))
                {
                    outs.Add(normalized);
                }
            }

            if (outs.Count == 0 && Split(item.GetMetadata("Outs")).Count == 0)
            {
                problems.Add($"stage '{name}' has no Outs: a stage must declare what it writes, so the build knows when it is up to date.");
            }

            var parameters = new List<ParamsReference>();
            foreach (var raw in Split(item.GetMetadata("Params")))
            {
                var colon = raw.LastIndexOf(':');
                var keys = colon < 0 ? new List<string>() : raw.Substring(colon + 1).Split(',').Select(k => k.Trim()).Where(k => k.Length != 0).Distinct(StringComparer.Ordinal).ToList();
                if (colon <= 0 || keys.Count == 0)
                {
                    problems.Add($"stage '{name}' Params '{raw}' must name a JSON file and its keys: 'train.params.json:learningRate,numberOfTrees' (nested keys with '.').");
                    continue;
                }

                var file = Normalize(raw.Substring(0, colon), projectDirectory, name, "params file", problems);
                if (file != null)
                {
                    keys.Sort(StringComparer.Ordinal);
                    parameters.Add(new ParamsReference(file, keys));
                }
            }

            var workingDirectory = item.GetMetadata("WorkingDirectory").Trim();
            workingDirectory = workingDirectory.Length == 0 ? "." : Normalize(workingDirectory, projectDirectory, name, "WorkingDirectory", problems) ?? ".";

            if (problems.Count != count)
            {
                return null;
            }

            parameters.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
            return new StageDefinition(name, command, deps, outs, parameters, workingDirectory);
        }

        /// <summary><c>;</c>-separated list (MSBuild passes metadata as written), blanks dropped.</summary>
        internal static List<string> Split(string value) =>
            value.Split(';').Select(v => v.Trim()).Where(v => v.Length != 0).ToList();

        /// <summary>A path relative to the project with '/', or null (and a problem) for an absolute path.</summary>
        private static string? Normalize(string raw, string projectDirectory, string stage, string what, List<string> problems)
        {
            var spec = raw.Replace('\\', '/');
            if (Path.IsPathRooted(spec) || (spec.Length > 1 && spec[1] == ':'))
            {
                problems.Add($"stage '{stage}' {what} '{raw}' is an absolute path: write it relative to the project, so that the pipeline works in every clone.");
                return null;
            }

            return StagePaths.Normalize(spec, projectDirectory);
        }
    }
}
