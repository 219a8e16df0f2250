using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using MlopsGuard.Analyzers;
using MlopsGuard.Analyzers.Infrastructure;

namespace MlopsGuard.Analyzers.Tests.Verifiers
{
    /// <summary>
    /// MlopsGuard's analyzer with one rule only, as a type the test framework can create: each rule's tests see that rule's
    /// diagnostics alone, run through the same dispatch as the shipped analyzer.
    /// </summary>
#pragma warning disable RS1001 // created by the tests, never loaded by a compiler
    public sealed class RuleAnalyzer<TRule> : DiagnosticAnalyzer
#pragma warning restore RS1001
        where TRule : MlopsRule, new()
    {
        private readonly MlopsGuardAnalyzer _analyzer = new MlopsGuardAnalyzer(new TRule());

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => _analyzer.SupportedDiagnostics;

#pragma warning disable RS1025, RS1026 // MlopsGuardAnalyzer.Initialize configures both
        public override void Initialize(AnalysisContext context) => _analyzer.Initialize(context);
#pragma warning restore RS1025, RS1026
    }
}
