using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using MlopsGuard.Analyzers.Infrastructure;

namespace MlopsGuard.Analyzers.Rules
{
    /// <summary>
    /// MLG2006: <c>TrainTestSplit(prep.Fit(data).Transform(data))</c>: normalizers, vocabularies and imputers learned from the
    /// whole data set have seen the test rows before the split, so test metrics are optimistic. Only transforms that learn
    /// statistics of the features leak (see <see cref="EstimatorLearning.OfFeatures"/>): mapping the label to keys, loading
    /// image bytes, or any stateless transform does not.
    /// </summary>
    public sealed class FitBeforeSplitRule : MlopsRule
    {
        internal static readonly DiagnosticDescriptor Descriptor = RuleDescriptors.Create(RuleIdentifiers.FitBeforeSplit);

        private const string DataParameterName = "data";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        internal override void OnCompilationStart(MlopsCompilationStart context, MlTypes types)
        {
            var diagnostics = context.DiagnosticFor(Descriptor);
            var dataCatalog = types.DataOperationsCatalog;
            if (dataCatalog is null || types.IDataView is null || types.IEstimator is null || types.ITransformer is null)
            {
                return;
            }

            context.RegisterOperationAction(
                operationContext =>
                {
                    var split = (IInvocationOperation)operationContext.Operation;
                    if ((split.TargetMethod.Name != "TrainTestSplit" && split.TargetMethod.Name != "CrossValidationSplit")
                        || !SymbolEqualityComparer.Default.Equals(split.TargetMethod.ContainingType, dataCatalog)
                        || split.Arguments.ArgumentFor(DataParameterName) is not IArgumentOperation data)
                    {
                        return;
                    }

                    var locals = LocalValues.For(split);
                    if (DataViewFlow.IsTransform(locals.Resolve(data.Value), types, out var model, out var transformed)
                        && DataViewFlow.TryGetFit(model, types, locals, out var fit, out var fitted)
                        && DataViewFlow.AreSame(fitted, transformed, locals)
                        && EstimatorLearning.OfFeatures(fit.Instance, types) == Learning.Yes)
                    {
                        operationContext.ReportDiagnostic(diagnostics.Create(split.Syntax.GetLocation(), split.TargetMethod.Name));
                    }
                },
                OperationKind.Invocation);
        }
    }
}
