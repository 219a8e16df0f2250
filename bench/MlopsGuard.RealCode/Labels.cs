using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace MlopsGuard.RealCode
{
    /// <summary>What a hand-reader said of a place in real code.</summary>
    public enum Verdict
    {
        /// <summary>A finding that is right and worth the user's time.</summary>
        True,

        /// <summary>A finding that is wrong or useless there.</summary>
        False,

        /// <summary>A finding that matches the rule's text, but a reasonable user would disagree.</summary>
        Debatable,

        /// <summary>A place where a user expects a finding that was not reported.</summary>
        Miss,
    }

    public sealed record Label(string Rule, string File, int Line, Verdict Verdict, string Reason);

    /// <summary>
    /// Reads the corpus's labels: <c>labels.tsv</c> (<c>rule, file:line, TP|FP|debatable, reason, source line</c>) and
    /// <c>misses.tsv</c> (<c>rule, file, line, what a user expects</c>). Lines starting with <c>#</c> are comments.
    /// </summary>
    public static class Labels
    {
        public static IReadOnlyList<Label> Read(string? labelsFile, string? missesFile)
        {
            var labels = new List<Label>();
            foreach (var fields in Rows(labelsFile))
            {
                var at = fields[1].LastIndexOf(':');
                if (fields.Length < 3 || at < 0 || !int.TryParse(fields[1].Substring(at + 1), out var line))
                {
                    throw new FormatException($"{labelsFile}: not a label: {string.Join("\t", fields)}");
                }

                var verdict = fields[2] switch
                {
                    "TP" => Verdict.True,
                    "FP" => Verdict.False,
                    "debatable" => Verdict.Debatable,
                    _ => throw new FormatException($"{labelsFile}: unknown verdict '{fields[2]}'"),
                };
                labels.Add(new Label(fields[0], fields[1].Substring(0, at), line, verdict, fields.Length > 3 ? fields[3] : ""));
            }

            foreach (var fields in Rows(missesFile))
            {
                if (fields.Length < 3 || !int.TryParse(fields[2], out var line))
                {
                    throw new FormatException($"{missesFile}: not a miss: {string.Join("\t", fields)}");
                }

                labels.Add(new Label(fields[0], fields[1], line, Verdict.Miss, fields.Length > 3 ? fields[3] : ""));
            }

            return labels;
        }

        private static IEnumerable<string[]> Rows(string? file)
        {
            if (file is null || !File.Exists(file))
            {
                return Array.Empty<string[]>();
            }

            return File.ReadLines(file)
                .Where(line => line.Length > 0 && !line.StartsWith("#", StringComparison.Ordinal))
                .Select(line => line.Split('\t'));
        }
    }
}
