using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MlopsGuard.Analyzers.Infrastructure
{
    /// <summary>
    /// What one rule sees of an ML compilation at its start: the compilation, the options, and registrations that
    /// <see cref="RuleActions"/> collects and runs together with the other rules' (never on generated code).
    /// </summary>
    internal sealed class MlopsCompilationStart
    {
        private readonly CompilationStartAnalysisContext _context;
        private readonly RuleActions _actions;
        private readonly LevelSeverities _severities;
        private readonly int _rule;

#pragma warning disable RS1012 // the rules register through RuleActions, which registers on this context
        public MlopsCompilationStart(CompilationStartAnalysisContext context, RuleActions actions, LevelSeverities severities, int rule)
        {
            _context = context;
            _actions = actions;
            _severities = severities;
            _rule = rule;
        }
#pragma warning restore RS1012

        public Compilation Compilation => _context.Compilation;

        public AnalyzerOptions Options => _context.Options;

        public CancellationToken CancellationToken => _context.CancellationToken;

        /// <summary>Creates the diagnostics of <paramref name="descriptor"/> at the severity the project's level gives it.</summary>
        public RuleDiagnostic DiagnosticFor(DiagnosticDescriptor descriptor) => _severities.DiagnosticFor(descriptor);

        public void RegisterOperationAction(Action<OperationAnalysisContext> action, params OperationKind[] kinds) =>
            _actions.AddOperationAction(_rule, action, kinds);

        public void RegisterSymbolAction(Action<SymbolAnalysisContext> action, params SymbolKind[] kinds) =>
            _actions.AddSymbolAction(_rule, action, kinds);

        public void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) =>
            _actions.AddOperationBlockAction(_rule, action);

        /// <summary>A symbol in generated code starts nothing: no action of <paramref name="action"/> runs for it.</summary>
        public void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind kind) =>
            _actions.AddSymbolStartAction(_rule, action, kind);
    }
}
