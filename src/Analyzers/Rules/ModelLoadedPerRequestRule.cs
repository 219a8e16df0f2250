using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using MlopsGuard.Analyzers.Infrastructure;

namespace MlopsGuard.Analyzers.Rules
{
    /// <summary>
    /// MLG6002: <c>Model.Load</c>, <c>new InferenceSession</c> or <c>CreatePredictionEngine</c> in a request handler, an event
    /// handler, a public method of a serving type, or a loop that loads the same model again on every iteration (see
    /// <see cref="PerRequestLoads"/>).
    /// </summary>
    public sealed class ModelLoadedPerRequestRule : MlopsRule
    {
        internal static readonly DiagnosticDescriptor Descriptor = RuleDescriptors.Create(RuleIdentifiers.ModelLoadedPerRequest);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        internal override void OnCompilationStart(MlopsCompilationStart context, MlTypes types)
        {
            var diagnostics = context.DiagnosticFor(Descriptor);
            var loads = new ModelLoads(types);
            if (!loads.Any)
            {
                return;
            }

            var perRequest = new PerRequestLoads(types);
            context.RegisterOperationAction(
                operationContext =>
                {
                    var operation = operationContext.Operation;
                    if (!loads.IsLoad(operation) && !loads.IsPredictionEngineCreation(operation))
                    {
                        return;
                    }

                    if (perRequest.WhereLoaded(operation, operationContext.ContainingSymbol) is string where)
                    {
                        operationContext.ReportDiagnostic(diagnostics.Create(operation.Syntax.GetLocation(), ModelLoads.Describe(operation), where));
                    }
                },
                OperationKind.Invocation,
                OperationKind.ObjectCreation);
        }
    }
}
