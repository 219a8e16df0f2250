using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;

namespace MlopsGuard.RealCode
{
    /// <summary>
    /// The real-code check. Usage: <c>dotnet run -c Release --project bench/MlopsGuard.RealCode [-- corpus-folder [findings.tsv]]</c>.
    /// Prints the score of every rule against the corpus's labels and the goals that do not hold, and writes every finding
    /// (rule, file:line, label, message, source line) to the findings file (default: <c>findings.tsv</c> in the working folder).
    /// Exits 1 when a goal does not hold or an analyzer threw.
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            var corpus = Corpus.Open(args.Length > 0 ? args[0] : Corpus.DefaultFolder);
            var output = args.Length > 1 ? args[1] : "findings.tsv";
            var clock = Stopwatch.StartNew();
            var results = CorpusAnalysis.Run(corpus.CodeRoot);
            var findings = results.SelectMany(r => r.Findings).ToList();
            var card = Scorecard.Score(findings, Labels.Read(corpus.LabelsFile, corpus.MissesFile));
            Console.WriteLine($"{results.Count} projects, {results.Sum(r => r.Project.Sources.Count)} files, {findings.Count} findings in {clock.Elapsed.TotalSeconds:F1} s ({results.Sum(r => r.CompileErrors)} compile errors of code written for other library versions)");
            Console.WriteLine();
            Console.Write(card.Table());

            var text = new StringBuilder("# rule\tfile:line\tlabel\tmessage\tsource line\n");
            foreach (var (finding, label) in card.Findings)
            {
                text.Append($"{finding.Rule}\t{finding.File}:{finding.Line}\t{Name(label)}\t{finding.Message}\t{finding.SourceLine}\n");
            }

            File.WriteAllText(output, text.ToString());
            Console.WriteLine();
            Console.WriteLine($"findings: {Path.GetFullPath(output)}");

            var failures = results.SelectMany(r => r.AnalyzerFailures).ToList();
            foreach (var failure in failures)
            {
                Console.WriteLine($"analyzer failure: {failure}");
            }

            foreach (var lost in card.Unanswered.Where(l => l.Verdict == Verdict.True))
            {
                Console.WriteLine($"true finding lost: {lost.Rule} {lost.File}:{lost.Line} ({lost.Reason})");
            }

            var goals = card.MissedGoals();
            foreach (var goal in goals)
            {
                Console.WriteLine($"goal not met: {goal}");
            }

            return goals.Count == 0 && failures.Count == 0 ? 0 : 1;
        }

        private static string Name(Label? label) => label?.Verdict switch
        {
            null => "new",
            Verdict.True => "TP",
            Verdict.False => "FP",
            Verdict.Debatable => "debatable",
            _ => "miss",
        };
    }
}
