using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using MlopsGuard.Generator;

namespace MlopsGuard.Analyzers.Tests.Verifiers
{
    /// <summary>Runs every MlopsGuard analyzer over arbitrary (also broken) code and collects what they threw.</summary>
    public static class AnalyzerRunner
    {
        private static readonly ConcurrentDictionary<ReferenceAssemblies, Task<ImmutableArray<MetadataReference>>> References = new();

        public static Task<ImmutableArray<MetadataReference>> ReferencesAsync(ReferenceAssemblies assemblies) =>
            References.GetOrAdd(assemblies, a => a.ResolveAsync(LanguageNames.CSharp, CancellationToken.None));

        /// <summary>A compilation of the sources (latest C#, nullable on) against the references, ML.NET's by default.</summary>
        public static async Task<CSharpCompilation> CompileAsync(
            IEnumerable<(string Path, string Text)> sources, OutputKind kind = OutputKind.ConsoleApplication, ReferenceAssemblies? references = null)
        {
            var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest), path: s.Path));
            return CSharpCompilation.Create(
                "Probe",
                trees,
                await ReferencesAsync(references ?? MlReferences.MlNet).ConfigureAwait(false),
                new CSharpCompilationOptions(kind, nullableContextOptions: NullableContextOptions.Enable));
        }

        /// <summary>The diagnostics of all analyzers, and every exception an analyzer threw (reported as AD0001 in a real build).</summary>
        public static Task<(ImmutableArray<Diagnostic> Diagnostics, IReadOnlyList<Exception> Exceptions)> RunAsync(
            IEnumerable<string> sources, ReferenceAssemblies? references = null) =>
            RunAsync(sources.Select((text, i) => ($"File{i}.cs", text)), references);

        /// <summary>The same, for sources with their own file names (which tell, for one, generated code).</summary>
        public static async Task<(ImmutableArray<Diagnostic> Diagnostics, IReadOnlyList<Exception> Exceptions)> RunAsync(
            IEnumerable<(string Path, string Text)> sources, ReferenceAssemblies? references = null)
        {
            var compilation = await CompileAsync(sources, OutputKind.ConsoleApplication, references).ConfigureAwait(false);
            var exceptions = new ConcurrentQueue<Exception>();
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                (exception, analyzer, diagnostic) => exceptions.Enqueue(new InvalidOperationException($"{analyzer.GetType().Name} threw: {diagnostic.GetMessage()}", exception)),
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: false);
            var withAnalyzers = compilation.WithAnalyzers(RuleInventory.Analyzers, options);
            var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync().ConfigureAwait(false);
            foreach (var diagnostic in diagnostics.Where(d => d.Id == "AD0001"))
            {
                exceptions.Enqueue(new InvalidOperationException(diagnostic.ToString()));
            }

            return (diagnostics, exceptions.ToList());
        }
    }
}
