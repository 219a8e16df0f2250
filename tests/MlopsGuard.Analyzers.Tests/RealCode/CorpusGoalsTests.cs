using System;
using System.IO;
using System.Linq;
using MlopsGuard.RealCode;
using Xunit;

namespace MlopsGuard.Analyzers.Tests.RealCode
{
    /// <summary>
    /// MlopsGuard on real code nobody here wrote (<c>../shared/corpus</c>, the ML.NET samples with hand-read labels): per rule
    /// and overall, at least 95% of the findings right, at least 95% of the labelled right findings still reported, every
    /// labelled miss reported, and no analyzer failure. <c>bench/MlopsGuard.RealCode</c> prints the same scores and lists
    /// every finding.
    /// </summary>
    public class CorpusGoalsTests
    {
        [Fact]
        public void The_real_code_goals_hold_on_the_corpus()
        {
            var folder = Corpus.DefaultFolder;
            Assert.True(Directory.Exists(folder), $"the corpus is not at {folder} (set MLOPSGUARD_CORPUS to its folder)");

            var corpus = Corpus.Open(folder);
            var results = CorpusAnalysis.Run(corpus.CodeRoot);
            var card = Scorecard.Score(results.SelectMany(r => r.Findings).ToList(), Labels.Read(corpus.LabelsFile, corpus.MissesFile));

            Assert.True(results.Count > 0, "no project found in the corpus");
            Assert.Empty(results.SelectMany(r => r.AnalyzerFailures));
            var missed = card.MissedGoals();
            Assert.True(missed.Count == 0, string.Join(Environment.NewLine, missed) + Environment.NewLine + card.Table());
        }
    }
}
