using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MlopsGuard.Analyzers.Infrastructure
{
    /// <summary>
    /// Base of every MlopsGuard analyzer. It fixes the execution settings once, resolves the ML types once per
    /// compilation, registers nothing at all in a compilation that references no ML library, and never looks at generated code.
    /// </summary>
    public abstract class MlopsAnalyzer : DiagnosticAnalyzer
    {
        public sealed override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            // Generated code is skipped by MlopsCompilationStart, which is much cheaper than the driver's filter (see there).
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(start =>
            {
                var types = MlTypes.For(start.Compilation);
                if (types.ReferencesMlLibrary)
                {
                    OnCompilationStart(new MlopsCompilationStart(start), types);
                }
            });
        }

        /// <summary>Registers the rule's actions for a compilation that references ML.NET, ONNX Runtime or TorchSharp.</summary>
        private protected abstract void OnCompilationStart(MlopsCompilationStart context, MlTypes types);
    }
}
