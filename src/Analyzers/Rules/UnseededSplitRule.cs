using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using MlopsGuard.Analyzers.Infrastructure;

namespace MlopsGuard.Analyzers.Rules
{
    /// <summary>
    /// MLG3002: a random split, shuffle or cross-validation with no seed, on an MLContext that is visibly unseeded.
    /// A context whose creation is not visible (a parameter, an injected field, a factory) is left alone: it may well be seeded.
    /// </summary>
    public sealed class UnseededSplitRule : MlopsRule
    {
        internal static readonly DiagnosticDescriptor Descriptor = RuleDescriptors.Create(RuleIdentifiers.UnseededSplit);

        /// <summary>The seed parameter shared by every random data operation of ML.NET (<c>int? seed = null</c>).</summary>
        internal const string SeedParameterName = "seed";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        internal override void OnCompilationStart(MlopsCompilationStart context, MlTypes types)
        {
            var diagnostics = context.DiagnosticFor(Descriptor);
            if (types.MLContext is null || types.DataOperationsCatalog is null)
            {
                return;
            }

            context.RegisterOperationAction(
                operationContext =>
                {
                    var invocation = (IInvocationOperation)operationContext.Operation;
                    if (!IsRandomDataOperation(invocation.TargetMethod, types)
                        || invocation.Arguments.ArgumentFor(SeedParameterName) is not IArgumentOperation seed
                        || seed.SuppliesValue())
                    {
                        return;
                    }

                    // ml.Data.TrainTestSplit(...): the catalog is a property of the context whose seed decides.
                    if (invocation.Instance?.WithoutConversions() is not IPropertyReferenceOperation { Instance: IOperation mlContext }
                        || !SymbolEqualityComparer.Default.Equals(mlContext.Type, types.MLContext)
                        || MLContextSeeding.Of(mlContext, types, operationContext.CancellationToken) != MLContextSeed.Unseeded)
                    {
                        return;
                    }

                    operationContext.ReportDiagnostic(diagnostics.Create(invocation.Syntax.GetLocation(), invocation.TargetMethod.Name));
                },
                OperationKind.Invocation);
        }

        private static bool IsRandomDataOperation(IMethodSymbol method, MlTypes types)
        {
            var name = method.Name;
            if (SymbolEqualityComparer.Default.Equals(method.ContainingType, types.DataOperationsCatalog))
            {
                return name == "TrainTestSplit" || name == "CrossValidationSplit" || name == "ShuffleRows";
            }

            return name.StartsWith("CrossValidate", System.StringComparison.Ordinal)
                && method.ContainingType.IsOrDerivesFrom(types.TrainCatalogBase);
        }
    }
}
