using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using MlopsGuard.Analyzers.Infrastructure;

namespace MlopsGuard.Analyzers.Rules
{
    /// <summary>
    /// MLG3102: training in <c>Main</c> or in top-level statements: <c>Fit</c> of an estimator that learns from the data (a
    /// trainer, or a transform that learns statistics), reported on the <c>Fit</c> call. Fitting a pipeline that learns nothing
    /// (ONNX or TensorFlow scoring, image loading, tokenizing, column selection) is not training (see <see cref="EstimatorLearning"/>).
    /// </summary>
    public sealed class TrainingInEntryPointRule : MlopsRule
    {
        internal static readonly DiagnosticDescriptor Descriptor = RuleDescriptors.Create(RuleIdentifiers.TrainingInEntryPoint);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        internal override void OnCompilationStart(MlopsCompilationStart context, MlTypes types)
        {
            var diagnostics = context.DiagnosticFor(Descriptor);
            if (types.IEstimator is null)
            {
                return;
            }

            context.RegisterOperationAction(
                operationContext =>
                {
                    var invocation = (IInvocationOperation)operationContext.Operation;
                    if (operationContext.ContainingSymbol is not IMethodSymbol method
                        || EntryPointName(method) is not string entryPoint
                        || !MlNetCalls.IsEstimatorFit(invocation, types)
                        || IsInNestedFunction(invocation)
                        || EstimatorLearning.Of(invocation.Instance ?? (invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null), types) == Learning.No)
                    {
                        return;
                    }

                    // On the Fit call itself, not at the start of a fluent chain that may span many lines.
                    operationContext.ReportDiagnostic(diagnostics.Create(invocation.CallLocation(), entryPoint));
                },
                OperationKind.Invocation);
        }

        /// <summary>How the message names the entry point, or null when the method is not one.</summary>
        private static string? EntryPointName(IMethodSymbol method)
        {
            if (method.Name == WellKnownMemberNames.TopLevelStatementsEntryPointMethodName)
            {
                return "top-level statements";
            }

            // The shapes C# accepts as an entry point: static Main, returning void/int/Task/Task<int>.
            return method.MethodKind == MethodKind.Ordinary
                && method.IsStatic
                && method.Name == WellKnownMemberNames.EntryPointMethodName
                && method.TypeParameters.IsEmpty
                && method.Parameters.Length <= 1
                ? "'Main'"
                : null;
        }

        /// <summary>A lambda or local function in Main is a unit of its own that Main merely declares.</summary>
        private static bool IsInNestedFunction(IOperation operation)
        {
            for (var current = operation.Parent; current is not null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation || current is ILocalFunctionOperation)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
