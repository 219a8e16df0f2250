using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using MlopsGuard.Analyzers.Infrastructure;

namespace MlopsGuard.Analyzers.Rules
{
    /// <summary>
    /// MLG3001: <c>new MLContext()</c> without a seed, where the context reaches randomness (a trainer, a split, a shuffle,
    /// cross-validation, sampling, AutoML) or goes where its use cannot be seen: every training run differs. A context
    /// that only loads, transforms and predicts is left alone (see <see cref="MLContextRandomness"/>).
    /// </summary>
    public sealed class UnseededMLContextRule : MlopsRule
    {
        internal static readonly DiagnosticDescriptor Descriptor = RuleDescriptors.Create(RuleIdentifiers.UnseededMLContext);

        /// <summary>The name of the seed parameter of <c>MLContext(int? seed = null)</c>.</summary>
        internal const string SeedParameterName = "seed";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        internal override void OnCompilationStart(MlopsCompilationStart context, MlTypes types)
        {
            var diagnostics = context.DiagnosticFor(Descriptor);
            var mlContext = types.MLContext;
            if (mlContext is null)
            {
                return;
            }

            context.RegisterOperationAction(
                operationContext =>
                {
                    var creation = (IObjectCreationOperation)operationContext.Operation;
                    if (creation.Constructor is null
                        || !SymbolEqualityComparer.Default.Equals(creation.Type, mlContext)
                        || creation.Arguments.ArgumentFor(SeedParameterName).SuppliesValue()
                        || !MLContextRandomness.MayDrawRandomness(creation, operationContext.CancellationToken))
                    {
                        return;
                    }

                    operationContext.ReportDiagnostic(diagnostics.Create(creation.Syntax.GetLocation()));
                },
                OperationKind.ObjectCreation);
        }
    }
}
