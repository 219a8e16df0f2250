using System;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MlopsGuard.Analyzers.Infrastructure
{
    /// <summary>
    /// What a rule sees of an ML compilation at its start: the compilation, the options, and registrations whose actions
    /// never run on generated code.
    /// </summary>
    /// <remarks>
    /// MlopsGuard configures <see cref="GeneratedCodeAnalysisFlags.Analyze"/> | <see cref="GeneratedCodeAnalysisFlags.ReportDiagnostics"/>
    /// and skips generated code here, with the <c>IsGeneratedCode</c> flag the driver has already worked out for each declaration.
    /// Leaving generated code to the driver instead costs much more: before it accepts a diagnostic it looks for
    /// <c>[GeneratedCode]</c> symbols in the diagnostic's file, by a walk of every token of that file, charged to the analyzer
    /// that reports first in it. On ML code, where MlopsGuard reports and few other analyzers do, that walk was 45% of
    /// MlopsGuard's time (see bench/README.md).
    /// </remarks>
    internal sealed class MlopsCompilationStart
    {
        private readonly CompilationStartAnalysisContext _context;

#pragma warning disable RS1012 // the rules register on this context, through the methods below
        public MlopsCompilationStart(CompilationStartAnalysisContext context)
        {
            _context = context;
        }
#pragma warning restore RS1012

        public Compilation Compilation => _context.Compilation;

        public AnalyzerOptions Options => _context.Options;

        public CancellationToken CancellationToken => _context.CancellationToken;

        public void RegisterOperationAction(Action<OperationAnalysisContext> action, params OperationKind[] kinds) =>
            _context.RegisterOperationAction(
                operationContext =>
                {
                    if (!operationContext.IsGeneratedCode)
                    {
                        action(operationContext);
                    }
                },
                ImmutableArray.Create(kinds));

        public void RegisterSymbolAction(Action<SymbolAnalysisContext> action, params SymbolKind[] kinds) =>
            _context.RegisterSymbolAction(
                symbolContext =>
                {
                    if (!symbolContext.IsGeneratedCode)
                    {
                        action(symbolContext);
                    }
                },
                ImmutableArray.Create(kinds));

        public void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) =>
            _context.RegisterOperationBlockAction(
                blockContext =>
                {
                    if (!blockContext.IsGeneratedCode)
                    {
                        action(blockContext);
                    }
                });

        /// <summary>A symbol in generated code starts nothing: no action of <paramref name="action"/> runs for it.</summary>
        public void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind kind) =>
            _context.RegisterSymbolStartAction(
                start =>
                {
                    if (!start.IsGeneratedCode)
                    {
                        action(start);
                    }
                },
                kind);
    }
}
