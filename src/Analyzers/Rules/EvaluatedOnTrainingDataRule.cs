using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using MlopsGuard.Analyzers.Infrastructure;

namespace MlopsGuard.Analyzers.Rules
{
    /// <summary>
    /// MLG2005: <c>Evaluate(model.Transform(data))</c> where <c>model = estimator.Fit(data)</c>: metrics on the training data
    /// measure memory, not generalization. The same for <c>PermutationFeatureImportance</c>, which ranks features by how much
    /// those metrics drop.
    /// </summary>
    public sealed class EvaluatedOnTrainingDataRule : MlopsRule
    {
        internal static readonly DiagnosticDescriptor Descriptor = RuleDescriptors.Create(RuleIdentifiers.EvaluatedOnTrainingData);

        private const string DataParameterName = "data";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        internal override void OnCompilationStart(MlopsCompilationStart context, MlTypes types)
        {
            var diagnostics = context.DiagnosticFor(Descriptor);
            if (types.TrainCatalogBase is null || types.IDataView is null || types.IEstimator is null || types.ITransformer is null)
            {
                return;
            }

            context.RegisterOperationAction(
                operationContext =>
                {
                    var evaluate = (IInvocationOperation)operationContext.Operation;
                    if (!TryGetEvaluatedData(evaluate, types, out var scored))
                    {
                        return;
                    }

                    var locals = LocalValues.For(evaluate);
                    if (!TryGetFittedOnSameData(scored, types, locals, out var fit))
                    {
                        return;
                    }

                    // Training metrics next to held-out metrics of the same model are a legitimate overfitting check.
                    if (AlsoEvaluatedOnOtherData(fit, evaluate, types, locals))
                    {
                        return;
                    }

                    operationContext.ReportDiagnostic(diagnostics.Create(evaluate.Syntax.GetLocation()));
                },
                OperationKind.Invocation);
        }

        /// <summary>An <c>Evaluate*</c> of an ML.NET task catalog (binary, multiclass, regression, ranking, clustering, anomaly).</summary>
        private static bool TryGetEvaluatedData(IInvocationOperation invocation, MlTypes types, out IOperation data)
        {
            data = null!;
            var method = invocation.TargetMethod;
            var evaluates = method.Name.StartsWith("Evaluate", StringComparison.Ordinal) && method.ContainingType.IsOrDerivesFrom(types.TrainCatalogBase);

            // catalog.PermutationFeatureImportance(model, data): feature importance measured by how metrics drop, on that data.
            var explains = method.Name.StartsWith("PermutationFeatureImportance", StringComparison.Ordinal)
                && method.IsExtensionMethod && method.Parameters.Length > 0 && method.Parameters[0].Type.IsOrDerivesFrom(types.TrainCatalogBase);
            if (!(evaluates || explains)
                || invocation.Arguments.ArgumentFor(DataParameterName) is not IArgumentOperation argument
                || !types.IsDataView(argument.Parameter?.Type))
            {
                return false;
            }

            data = argument.Value;
            return true;
        }

        /// <summary>The scored data is <c>model.Transform(x)</c> with <c>model = estimator.Fit(x)</c> in this method.</summary>
        private static bool TryGetFittedOnSameData(IOperation scored, MlTypes types, LocalValues locals, out IInvocationOperation fit)
        {
            fit = null!;
            return DataViewFlow.IsTransform(locals.Resolve(scored), types, out var model, out var transformed)
                && DataViewFlow.TryGetFit(model, types, locals, out fit, out var fitted)
                && DataViewFlow.AreSame(fitted, transformed, locals);
        }

        private static bool AlsoEvaluatedOnOtherData(IInvocationOperation fit, IInvocationOperation reported, MlTypes types, LocalValues locals)
        {
            foreach (var other in locals.Calls)
            {
                if (other != reported
                    && TryGetEvaluatedData(other, types, out var scored)
                    && DataViewFlow.IsTransform(locals.Resolve(scored), types, out var model, out var transformed)
                    && DataViewFlow.TryGetFit(model, types, locals, out var otherFit, out var fitted)
                    && otherFit == fit
                    && !DataViewFlow.AreSame(fitted, transformed, locals))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
