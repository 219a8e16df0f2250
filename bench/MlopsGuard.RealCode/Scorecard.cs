using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace MlopsGuard.RealCode
{
    /// <summary>How one rule did against the labels.</summary>
    public sealed class RuleScore
    {
        public RuleScore(string rule)
        {
            Rule = rule;
        }

        public string Rule { get; }

        public int TrueLabelled { get; set; }

        public int TrueKept { get; set; }

        public int FalseLabelled { get; set; }

        public int FalseReported { get; set; }

        public int DebatableLabelled { get; set; }

        public int DebatableReported { get; set; }

        public int Misses { get; set; }

        public int MissesFound { get; set; }

        /// <summary>Findings no label speaks of: read them by hand before believing them.</summary>
        public int Unlabelled { get; set; }

        /// <summary>Right findings among the right and wrong ones reported (debatable and unlabelled ones left out); null without any.</summary>
        public double? Precision => Right + FalseReported == 0 ? null : (double)Right / (Right + FalseReported);

        /// <summary>Labelled right findings still reported; null without any.</summary>
        public double? Recall => TrueLabelled == 0 ? null : (double)TrueKept / TrueLabelled;

        private int Right => TrueKept + MissesFound;

        internal void Add(RuleScore other)
        {
            TrueLabelled += other.TrueLabelled;
            TrueKept += other.TrueKept;
            FalseLabelled += other.FalseLabelled;
            FalseReported += other.FalseReported;
            DebatableLabelled += other.DebatableLabelled;
            DebatableReported += other.DebatableReported;
            Misses += other.Misses;
            MissesFound += other.MissesFound;
            Unlabelled += other.Unlabelled;
        }
    }

    /// <summary>
    /// Findings scored against labels. A finding answers a label of its rule and file when the label's line lies in the
    /// finding's statement, or at most <see cref="Tolerance"/> lines from it; each label is answered by one finding at most,
    /// the nearest first.
    /// </summary>
    public sealed class Scorecard
    {
        public const int Tolerance = 3;

        private Scorecard(IReadOnlyList<RuleScore> rules, RuleScore total, IReadOnlyList<(Finding Finding, Label? Label)> findings, IReadOnlyList<Label> unanswered)
        {
            Rules = rules;
            Total = total;
            Findings = findings;
            Unanswered = unanswered;
        }

        /// <summary>Per rule, in ID order.</summary>
        public IReadOnlyList<RuleScore> Rules { get; }

        public RuleScore Total { get; }

        /// <summary>Every finding with the label it answers, or null.</summary>
        public IReadOnlyList<(Finding Finding, Label? Label)> Findings { get; }

        /// <summary>Labels no finding answers: lost true findings, false findings gone, misses still missed.</summary>
        public IReadOnlyList<Label> Unanswered { get; }

        public static Scorecard Score(IReadOnlyList<Finding> findings, IReadOnlyList<Label> labels)
        {
            var answers = new Dictionary<Finding, Label>(ReferenceEqualityComparer.Instance);
            var answered = new HashSet<Label>(ReferenceEqualityComparer.Instance);
            foreach (var group in labels.GroupBy(l => (l.Rule, l.File)))
            {
                var candidates = findings.Where(f => f.Rule == group.Key.Rule && f.File == group.Key.File).ToList();
                var pairs = from label in @group
                            from finding in candidates
                            let distance = Distance(finding, label.Line)
                            where distance <= Tolerance
                            orderby distance, Math.Abs(finding.Line - label.Line)
                            select (label, finding);
                foreach (var (label, finding) in pairs.ToList())
                {
                    if (!answered.Contains(label) && !answers.ContainsKey(finding))
                    {
                        answered.Add(label);
                        answers[finding] = label;
                    }
                }
            }

            var scores = new SortedDictionary<string, RuleScore>(StringComparer.Ordinal);
            RuleScore Of(string rule) => scores.TryGetValue(rule, out var score) ? score : scores[rule] = new RuleScore(rule);
            foreach (var label in labels)
            {
                var score = Of(label.Rule);
                var found = answered.Contains(label);
                switch (label.Verdict)
                {
                    case Verdict.True:
                        score.TrueLabelled++;
                        score.TrueKept += found ? 1 : 0;
                        break;
                    case Verdict.False:
                        score.FalseLabelled++;
                        score.FalseReported += found ? 1 : 0;
                        break;
                    case Verdict.Debatable:
                        score.DebatableLabelled++;
                        score.DebatableReported += found ? 1 : 0;
                        break;
                    case Verdict.Miss:
                        score.Misses++;
                        score.MissesFound += found ? 1 : 0;
                        break;
                }
            }

            foreach (var finding in findings.Where(f => !answers.ContainsKey(f)))
            {
                Of(finding.Rule).Unlabelled++;
            }

            var total = new RuleScore("all");
            foreach (var score in scores.Values)
            {
                total.Add(score);
            }

            return new Scorecard(
                scores.Values.ToList(),
                total,
                findings.Select(f => (f, answers.TryGetValue(f, out var label) ? label : null)).ToList(),
                labels.Where(l => !answered.Contains(l)).ToList());
        }

        /// <summary>The goals on real code; empty when all hold.</summary>
        public IReadOnlyList<string> MissedGoals(double precision = 0.95, double recall = 0.95)
        {
            var missed = new List<string>();
            foreach (var score in Rules.Append(Total))
            {
                if (score.Precision is double p && p < precision)
                {
                    missed.Add($"{score.Rule}: precision {p:P0} is below {precision:P0} ({score.FalseReported} false findings still reported)");
                }
            }

            if (Total.Recall is double r && r < recall)
            {
                missed.Add($"all rules: {r:P0} of the labelled true findings are still reported, below {recall:P0}");
            }

            foreach (var miss in Unanswered.Where(l => l.Verdict == Verdict.Miss))
            {
                missed.Add($"{miss.Rule}: still missed at {miss.File}:{miss.Line} ({miss.Reason})");
            }

            return missed;
        }

        /// <summary>The per-rule table, as Markdown.</summary>
        public string Table()
        {
            var text = new StringBuilder();
            text.AppendLine("| rule | true kept | false still reported | debatable still reported | misses found | unlabelled | precision | true kept % |");
            text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var score in Rules.Append(Total))
            {
                text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {score.Rule} | {score.TrueKept}/{score.TrueLabelled} | {score.FalseReported}/{score.FalseLabelled} | {score.DebatableReported}/{score.DebatableLabelled} | {score.MissesFound}/{score.Misses} | {score.Unlabelled} | {Percent(score.Precision)} | {Percent(score.Recall)} |"));
            }

            return text.ToString();
        }

        private static string Percent(double? value) => value is double v ? v.ToString("P0", CultureInfo.InvariantCulture) : "—";

        private static int Distance(Finding finding, int line) =>
            line < finding.StatementStart ? finding.StatementStart - line
            : line > finding.StatementEnd ? line - finding.StatementEnd
            : 0;
    }
}
