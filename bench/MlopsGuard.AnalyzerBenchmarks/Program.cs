using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using MlopsGuard.Analyzers;

namespace MlopsGuard.AnalyzerBenchmarks
{
    /// <summary>
    /// Prints the analyzer cost of MlopsGuard next to NetAnalyzers on the same generated compilations.
    /// Usage: dotnet run -c Release [-- sizes...]   (default sizes: 1000 10000), or [-- corpus [folder] [passes]] for real code. Environment: MLOPSGUARD_BENCH_WARMUP, MLOPSGUARD_BENCH_REPEAT, MLOPSGUARD_BENCH_TOP, MLOPSGUARD_BENCH_ONLY, MLOPSGUARD_BENCH_SEQUENTIAL, MLOPSGUARD_BENCH_ALONE, MLOPSGUARD_BENCH_PER_RULE.
    /// </summary>
    public static class Program
    {
        public static async Task<int> Main(string[] args)
        {
            var corpusMode = args.Length > 0 && args[0] == "corpus";
            var sizes = corpusMode ? new[] { 0 } : args.Length > 0 ? args.Select(int.Parse).ToArray() : new[] { 1000, 10000 };
            var rules = MlopsGuardAnalyzer.AllRules();
            if (Environment.GetEnvironmentVariable("MLOPSGUARD_BENCH_ONLY") is { Length: > 0 } only)
            {
                // A few rules on their own, when looking into one of them (names of their classes, comma-separated).
                var names = only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                rules = rules.Where(r => names.Contains(r.GetType().Name)).ToArray();
            }

            // As shipped, all rules run in one analyzer; MLOPSGUARD_BENCH_PER_RULE=1 gives each rule an analyzer of its own, which
            // tells the rules' times apart but pays the driver's cost per callback once per rule.
            var mlopsGuard = PerRule
                ? rules.Select(r => (DiagnosticAnalyzer)new MlopsGuardAnalyzer(r)).ToImmutableArray()
                : ImmutableArray.Create<DiagnosticAnalyzer>(new MlopsGuardAnalyzer(rules));

            var netAnalyzers = Alone ? ImmutableArray<DiagnosticAnalyzer>.Empty : NetAnalyzers();
            Console.WriteLine($"MlopsGuard rules: {rules.Length} in {mlopsGuard.Length} analyzer(s); NetAnalyzers analyzers: {netAnalyzers.Length}; {Environment.ProcessorCount} cores; .NET {Environment.Version}");
            if (corpusMode)
            {
                // corpus [folder] [passes]: real code, cold and warm, with no generated warm-up before it.
                var folder = args.Length > 1 && !int.TryParse(args[1], out _) ? args[1] : null;
                var passes = int.TryParse(args[^1], out var n) && n > 0 ? n : 3;
                return await RealCodeBenchmark.RunAsync(folder, passes, mlopsGuard, netAnalyzers, Sequential);
            }

            // Steady state before anything is measured, as in the compiler server and the IDE, which are long-lived processes:
            // a short warm-up leaves much of both analyzer sets at the JIT's first tiers, and the figures then measure the JIT.
            Console.WriteLine($"warm-up: {WarmUpFiles} files");
            await MeasureAsync(CodebaseGenerator.MlMix, WarmUpFiles, mlopsGuard, netAnalyzers, withMl: true, print: false);

            var rows = new List<Row>();
            foreach (var size in sizes)
            {
                rows.Add(await MedianAsync(() => MeasureAsync(CodebaseGenerator.MlMix, size, mlopsGuard, netAnalyzers, withMl: true)));
            }

            rows.Add(await MedianAsync(() => MeasureAsync(CodebaseGenerator.PlainOnly, sizes[0], mlopsGuard, netAnalyzers, withMl: false)));

            Console.WriteLine();
            Console.WriteLine("| codebase | files | lines | compile errors | MlopsGuard diagnostics | MlopsGuard ms | NetAnalyzers ms | MlopsGuard / NetAnalyzers |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var row in rows)
            {
                Console.WriteLine($"| {row.Name} | {row.Files} | {row.Lines} | {row.CompileErrors} | {row.MlopsGuardDiagnostics} | {row.MlopsGuardMs:F0} | {row.NetAnalyzersMs:F0} | {row.MlopsGuardMs / row.NetAnalyzersMs:P2} |");
            }

            var ml = rows.Where(r => r.WithMl).ToList();
            if (ml.Count >= 2)
            {
                Console.WriteLine();
            }

            for (var i = 1; i < ml.Count; i++)
            {
                var codeRatio = (double)ml[i].Files / ml[i - 1].Files;
                var timeRatio = ml[i].MlopsGuardMs / ml[i - 1].MlopsGuardMs;
                Console.WriteLine($"scaling {ml[i - 1].Files} -> {ml[i].Files} files: {codeRatio:F0}x the code costs MlopsGuard {timeRatio:F2}x the time (goal: at most {codeRatio * 1.1:F0}x)");
            }

            Console.WriteLine($"goal: MlopsGuard at most 5% of NetAnalyzers; worst here {ml.Max(r => r.MlopsGuardMs / r.NetAnalyzersMs):P2}");
            return 0;
        }

        /// <summary>How many files the warm-up run analyzes (MLOPSGUARD_BENCH_WARMUP, default 1000).</summary>
        private static readonly int WarmUpFiles = int.TryParse(Environment.GetEnvironmentVariable("MLOPSGUARD_BENCH_WARMUP"), out var warmUp) && warmUp > 0 ? warmUp : 1000;

        /// <summary>How many of MlopsGuard's analyzers are listed, most expensive first (MLOPSGUARD_BENCH_TOP, default 8).</summary>
        private static readonly int Top = int.TryParse(Environment.GetEnvironmentVariable("MLOPSGUARD_BENCH_TOP"), out var top) ? top : 8;

        // MLOPSGUARD_BENCH_SEQUENTIAL=1: analyzers run one at a time on one thread, so no callback's wall-clock time includes
        // the time its thread was preempted by another analyzer's (on few cores that noise dominates short callbacks).
        private static readonly bool Sequential = Environment.GetEnvironmentVariable("MLOPSGUARD_BENCH_SEQUENTIAL") == "1";

        // MLOPSGUARD_BENCH_ALONE=1: MlopsGuard's analyzers without NetAnalyzers, to compare two versions of MlopsGuard quickly.
        // Over repeated runs the lowest time is kept: on a shared machine noise only ever adds time.
        private static readonly bool Alone = Environment.GetEnvironmentVariable("MLOPSGUARD_BENCH_ALONE") == "1";

        // MLOPSGUARD_BENCH_PER_RULE=1: every rule in an analyzer of its own, to see which rule costs what.
        private static readonly bool PerRule = Environment.GetEnvironmentVariable("MLOPSGUARD_BENCH_PER_RULE") == "1";

        /// <summary>How many times each size is measured (MLOPSGUARD_BENCH_REPEAT, default 1); the run with the median ratio is kept.</summary>
        private static readonly int Repeat = int.TryParse(Environment.GetEnvironmentVariable("MLOPSGUARD_BENCH_REPEAT"), out var repeat) && repeat > 0 ? repeat : 1;

        /// <summary>On a shared machine one run can be far off: several runs, and the one in the middle by ratio.</summary>
        private static async Task<Row> MedianAsync(Func<Task<Row>> measure)
        {
            var runs = new List<Row>();
            for (var i = 0; i < Repeat; i++)
            {
                runs.Add(await measure());
            }

            if (Alone)
            {
                var fastest = runs.OrderBy(r => r.MlopsGuardMs).First();
                Console.WriteLine($"  {fastest.Name}, {fastest.Files} files, {runs.Count} runs of MlopsGuard alone: lowest {fastest.MlopsGuardMs:F0} ms, median {runs.OrderBy(r => r.MlopsGuardMs).ElementAt(runs.Count / 2).MlopsGuardMs:F0} ms");
                return fastest;
            }

            var ordered = runs.OrderBy(r => r.MlopsGuardMs / r.NetAnalyzersMs).ToList();
            if (ordered.Count > 1)
            {
                // The spread says how far one run can be trusted on this machine.
                static string Ratio(Row row) => (row.MlopsGuardMs / row.NetAnalyzersMs).ToString("P1", System.Globalization.CultureInfo.InvariantCulture);
                Console.WriteLine($"  {ordered[0].Name}, {ordered[0].Files} files, {ordered.Count} runs: median {Ratio(ordered[ordered.Count / 2])}, lowest {Ratio(ordered[0])}, highest {Ratio(ordered[^1])}");
            }

            return ordered[ordered.Count / 2];
        }

        private sealed record Row(string Name, bool WithMl, int Files, int Lines, int CompileErrors, int MlopsGuardDiagnostics, double MlopsGuardMs, double NetAnalyzersMs);

        private static async Task<Row> MeasureAsync(CodebaseGenerator.Template[] mix, int files, ImmutableArray<DiagnosticAnalyzer> mlopsGuard, ImmutableArray<DiagnosticAnalyzer> netAnalyzers, bool withMl, bool print = true)
        {
            var sources = CodebaseGenerator.Generate(files, mix).ToList();
            if (withMl)
            {
                sources.Add(("Gen/Common.cs", CodebaseGenerator.Common));
            }

            var parse = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.CSharp12);
            var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, parse, s.Path)).ToList();
            var compilation = CSharpCompilation.Create(
                "Generated",
                trees,
                References(withMl),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            var errors = compilation.GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);
            if (errors > 0 && files <= 100)
            {
                foreach (var error in compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Take(5))
                {
                    Console.WriteLine("  compile error: " + error);
                }
            }

            // Both sets in one run, timed per analyzer by the driver, as `-p:ReportAnalyzer=true` does in a build.
            var floor = new FloorAnalyzer();
            var all = mlopsGuard.AddRange(netAnalyzers).Add(floor);
            // Start each run from a collected heap: a full collection of earlier runs' garbage would otherwise stop whichever
            // callback happened to allocate at that moment and add tens of milliseconds to that one analyzer.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();

            var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: !Sequential, logAnalyzerExecutionTime: true);
            var pausedBefore = GC.GetTotalPauseDuration();
            var collectionsBefore = GC.CollectionCount(0);
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var stopwatch = Stopwatch.StartNew();
            var result = await compilation.WithAnalyzers(all, options).GetAnalysisResultAsync(default);
            stopwatch.Stop();

            // Garbage collections stop whichever callback is running: their pauses are part of every analyzer's figure.
            var paused = GC.GetTotalPauseDuration() - pausedBefore;
            var collections = GC.CollectionCount(0) - collectionsBefore;
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

            double Sum(ImmutableArray<DiagnosticAnalyzer> set) => set.Sum(a => result.AnalyzerTelemetryInfo.TryGetValue(a, out var info) ? info.ExecutionTime.TotalMilliseconds : 0);
            var diagnostics = result.GetAllDiagnostics();
            var mlopsGuardDiagnostics = diagnostics.Count(d => d.Id.StartsWith("MLG", StringComparison.Ordinal));

            // What NetAnalyzers' figure is made of: how much it reported, and how many of its analyzers ran at all (most of its
            // rules are off by default, and the driver skips an analyzer whose rules are all off).
            var netAnalyzersDiagnostics = diagnostics.Count(d => d.Id.StartsWith("CA", StringComparison.Ordinal));
            var netAnalyzersRan = netAnalyzers.Count(a => result.AnalyzerTelemetryInfo.TryGetValue(a, out var info) && info.ExecutionTime > TimeSpan.Zero);
            if (withMl && print)
            {
                // Where MlopsGuard's time goes, most expensive first: the place to look when the goal is missed.
                foreach (var analyzer in mlopsGuard.OrderByDescending(a => result.AnalyzerTelemetryInfo[a].ExecutionTime).Take(Top))
                {
                    Console.WriteLine($"    {Name(analyzer),-48} {result.AnalyzerTelemetryInfo[analyzer].ExecutionTime.TotalMilliseconds,8:F0} ms");
                }

                // Each reported diagnostic costs the driver's filtering (pragmas, severities), charged to the reporting callback.
                var byId = diagnostics.Where(d => d.Id.StartsWith("MLG", StringComparison.Ordinal)).GroupBy(d => d.Id).OrderByDescending(g => g.Count()).Take(Top);
                Console.WriteLine("    reported: " + string.Join(", ", byId.Select(g => $"{g.Key} {g.Count():N0}")));

                // The driver's own cost of one empty callback per invocation: the floor under any invocation rule.
                Console.WriteLine($"    {"(an empty action on every invocation)",-48} {result.AnalyzerTelemetryInfo[floor].ExecutionTime.TotalMilliseconds,8:F0} ms");
            }

            var row = new Row(withMl ? "ML repository" : "no ML reference", withMl, files, sources.Sum(s => s.Text.Count(c => c == '\n')), errors, mlopsGuardDiagnostics, Sum(mlopsGuard), Sum(netAnalyzers));
            Console.WriteLine((print ? string.Empty : "  (warm-up)") + $"  {row.Name}, {files} files: MlopsGuard {row.MlopsGuardMs:F0} ms, NetAnalyzers {row.NetAnalyzersMs:F0} ms ({row.MlopsGuardMs / row.NetAnalyzersMs:P2}); diagnostics: MlopsGuard {mlopsGuardDiagnostics:N0}, NetAnalyzers {netAnalyzersDiagnostics:N0} from {netAnalyzersRan} analyzers that ran; analyzed in {stopwatch.Elapsed.TotalSeconds:F1} s wall, {allocated >> 20:N0} MiB allocated, {collections} garbage collections pausing {paused.TotalMilliseconds:F0} ms; process peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1 << 20):N0} MiB");
            return row;
        }

        private static string Name(DiagnosticAnalyzer analyzer) =>
            analyzer is MlopsGuardAnalyzer { Rules.Length: 1 } one ? one.Rules[0].ToString() : analyzer.GetType().Name;

        private static ImmutableArray<DiagnosticAnalyzer> NetAnalyzers()
        {
            var directory = typeof(Program).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "NetAnalyzersDirectory").Value!;
            var loader = new DirectoryLoader();
            return Directory.GetFiles(directory, "*.dll")
                .SelectMany(path => new AnalyzerFileReference(path, loader).GetAnalyzers(LanguageNames.CSharp))
                .ToImmutableArray();
        }

        /// <summary>The framework this program runs on, plus Microsoft.ML and TorchSharp when the codebase uses them.</summary>
        private static IEnumerable<MetadataReference> References(bool withMl)
        {
            var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
            var mlAssemblies = new[] { "Microsoft.ML", "TorchSharp" };
            return trusted
                .Where(path => withMl || !mlAssemblies.Any(ml => Path.GetFileName(path).StartsWith(ml, StringComparison.Ordinal)))
                .Where(path => !Path.GetFileName(path).StartsWith("MlopsGuard", StringComparison.Ordinal) && !Path.GetFileName(path).StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal))
                .Select(path => MetadataReference.CreateFromFile(path));
        }

        /// <summary>Registers an action on every invocation that does nothing: what the analyzer driver costs per callback.</summary>
#pragma warning disable RS1001, RS1036, RS1041 // a measuring probe used in this process only, never shipped
        private sealed class FloorAnalyzer : DiagnosticAnalyzer
        {
            public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
                new DiagnosticDescriptor("FLOOR0001", "Floor", "Floor", "Benchmark", DiagnosticSeverity.Hidden, isEnabledByDefault: true));

            public override void Initialize(AnalysisContext context)
            {
                context.EnableConcurrentExecution();
                context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
                context.RegisterCompilationStartAction(start => start.RegisterOperationAction(_ => { }, OperationKind.Invocation));
            }
        }
#pragma warning restore RS1001, RS1036, RS1041

        private sealed class DirectoryLoader : IAnalyzerAssemblyLoader
        {
            public void AddDependencyLocation(string fullPath)
            {
            }

            public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
        }
    }
}
