using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace MlopsGuard.Analyzers.Infrastructure
{
    /// <summary>
    /// One MlopsGuard rule: its descriptor and the actions it registers in a compilation that references an ML library.
    /// </summary>
    /// <remarks>
    /// A rule is not an analyzer of its own: <see cref="MlopsGuardAnalyzer"/> runs all of them, so the compiler calls it once per
    /// operation and it hands the operation to each rule that asked for that kind (see <see cref="RuleActions"/>).
    /// </remarks>
    public abstract class MlopsRule
    {
        /// <summary>The diagnostics this rule reports.</summary>
        public abstract ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

        /// <summary>Registers the rule's actions for a compilation that references ML.NET, ONNX Runtime or TorchSharp.</summary>
        internal abstract void OnCompilationStart(MlopsCompilationStart context, MlTypes types);

        public override string ToString() => GetType().Name;
    }
}
