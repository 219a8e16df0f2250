using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MlopsGuard.Analyzers.Infrastructure
{
    /// <summary>
    /// Base of every MlopsGuard analyzer. It fixes the execution settings once, resolves the ML types once per
    /// compilation, and registers nothing at all in a compilation that references no ML library.
    /// </summary>
    public abstract class MlopsAnalyzer : DiagnosticAnalyzer
    {
        public sealed override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                var types = MlTypes.For(start.Compilation);
                if (types.ReferencesMlLibrary)
                {
                    OnCompilationStart(start, types);
                }
            });
        }

        /// <summary>Registers the rule's actions for a compilation that references ML.NET, ONNX Runtime or TorchSharp.</summary>
        private protected abstract void OnCompilationStart(CompilationStartAnalysisContext context, MlTypes types);
    }
}
