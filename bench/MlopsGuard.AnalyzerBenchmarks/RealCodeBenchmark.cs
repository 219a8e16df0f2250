using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using MlopsGuard.Analyzers;
using MlopsGuard.RealCode;

namespace MlopsGuard.AnalyzerBenchmarks
{
    /// <summary>
    /// The analyzer cost on real code: every project of a corpus folder (by default the development corpus,
    /// <c>../shared/corpus</c>), compiled as <c>bench/MlopsGuard.RealCode</c> compiles it, analyzed by MlopsGuard and NetAnalyzers
    /// in several passes in one process. The first pass is cold (the analyzers' code runs for the first time); later passes
    /// are warm, as in the long-lived compiler server and IDE. Each pass binds every project anew from the same syntax trees.
    /// </summary>
    internal static class RealCodeBenchmark
    {
        public static async Task<int> RunAsync(string? folder, int passes, ImmutableArray<DiagnosticAnalyzer> mlopsGuard, ImmutableArray<DiagnosticAnalyzer> netAnalyzers, bool sequential)
        {
            var corpus = Corpus.Open(folder ?? Corpus.DefaultFolder);
            var projects = CorpusProject.FindAll(corpus.CodeRoot).Where(p => p.Sources.Count > 0).ToList();
            var first = projects.Select(CorpusAnalysis.Compile).ToList();
            Console.WriteLine($"real code: {projects.Count} projects, {projects.Sum(p => p.Sources.Count)} files of {corpus.CodeRoot}; {passes} passes");

            var perRule = new Dictionary<DiagnosticAnalyzer, double[]>();
            for (var pass = 1; pass <= passes; pass++)
            {
                // The same trees, bound anew: no pass reuses another's semantic models.
                var compilations = pass == 1 ? first : first.Select(c => c.RemoveAllSyntaxTrees().AddSyntaxTrees(c.SyntaxTrees)).ToList();
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();

                double mlopsGuardMs = 0, netAnalyzersMs = 0;
                var mlopsGuardDiagnostics = 0;
                var clock = Stopwatch.StartNew();
                for (var i = 0; i < compilations.Count; i++)
                {
                    var compilation = compilations[i];
                    var artifacts = ImmutableArray.Create(CorpusAnalysis.ArtifactsFile(projects[i]));
                    var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(artifacts), null, concurrentAnalysis: !sequential, logAnalyzerExecutionTime: true);
                    var result = await compilation.WithAnalyzers(mlopsGuard.AddRange(netAnalyzers), options).GetAnalysisResultAsync(default);
                    foreach (var analyzer in mlopsGuard)
                    {
                        var ms = result.AnalyzerTelemetryInfo.TryGetValue(analyzer, out var info) ? info.ExecutionTime.TotalMilliseconds : 0;
                        mlopsGuardMs += ms;
                        if (!perRule.TryGetValue(analyzer, out var times))
                        {
                            perRule[analyzer] = times = new double[passes];
                        }

                        times[pass - 1] += ms;
                    }

                    netAnalyzersMs += netAnalyzers.Sum(a => result.AnalyzerTelemetryInfo.TryGetValue(a, out var info) ? info.ExecutionTime.TotalMilliseconds : 0);
                    mlopsGuardDiagnostics += result.GetAllDiagnostics().Count(d => d.Id.StartsWith("MLG", StringComparison.Ordinal));
                }

                var kind = pass == 1 ? "cold" : "warm";
                var ratio = netAnalyzersMs > 0 ? (mlopsGuardMs / netAnalyzersMs).ToString("P1", System.Globalization.CultureInfo.InvariantCulture) : "—";
                Console.WriteLine($"  pass {pass} ({kind}): MlopsGuard {mlopsGuardMs:F0} ms, NetAnalyzers {netAnalyzersMs:F0} ms, ratio {ratio}; {mlopsGuardDiagnostics} MlopsGuard diagnostics; {clock.Elapsed.TotalSeconds:F1} s wall");
            }

            if (perRule.Count > 1)
            {
                Console.WriteLine("  per rule, ms in each pass:");
                foreach (var (analyzer, times) in perRule.OrderByDescending(p => p.Value[^1]))
                {
                    var name = analyzer is MlopsGuardAnalyzer { Rules.Length: 1 } one ? one.Rules[0].ToString() : analyzer.GetType().Name;
                    Console.WriteLine($"    {name,-44} {string.Join("  ", times.Select(t => t.ToString("F0", System.Globalization.CultureInfo.InvariantCulture).PadLeft(6)))}");
                }
            }

            return 0;
        }
    }
}
