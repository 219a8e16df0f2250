using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using MlopsGuard.Analyzers.Infrastructure;

namespace MlopsGuard.Analyzers.Rules
{
    /// <summary>
    /// MLG2006: <c>TrainTestSplit(prep.Fit(data).Transform(data))</c>: normalizers, vocabularies and imputers learned from the
    /// whole data set have seen the test rows before the split, so test metrics are optimistic.
    /// </summary>
    public sealed class FitBeforeSplitRule : MlopsRule
    {
        internal static readonly DiagnosticDescriptor Descriptor = RuleDescriptors.Create(RuleIdentifiers.FitBeforeSplit);

        private const string DataParameterName = "data";

        /// <summary>Estimators whose Fit learns nothing from the rows: fitting them before the split leaks nothing.</summary>
        private static readonly string[] StatelessEstimators =
        {
            "Microsoft.ML.Transforms.ColumnConcatenatingEstimator",
            "Microsoft.ML.Transforms.ColumnCopyingEstimator",
            "Microsoft.ML.Transforms.ColumnSelectingEstimator",
            "Microsoft.ML.Transforms.TypeConvertingEstimator",
            "Microsoft.ML.Transforms.KeyToValueMappingEstimator",
            "Microsoft.ML.Transforms.ExpressionEstimator",
            "Microsoft.ML.Transforms.CustomMappingEstimator`2",
            "Microsoft.ML.Transforms.Text.TextNormalizingEstimator",
            "Microsoft.ML.Transforms.Text.TokenizingByCharactersEstimator",
            "Microsoft.ML.Transforms.Text.WordTokenizingEstimator",
        };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        internal override void OnCompilationStart(MlopsCompilationStart context, MlTypes types)
        {
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
                        && !IsStateless(fit.Instance!, types, locals, 0))
                    {
                        operationContext.ReportDiagnostic(Diagnostic.Create(Descriptor, split.Syntax.GetLocation(), split.TargetMethod.Name));
                    }
                },
                OperationKind.Invocation);
        }

        /// <summary>True when the estimator (or every part of an <c>Append</c> chain of it) is known to learn nothing.</summary>
        private static bool IsStateless(IOperation estimator, MlTypes types, LocalValues locals, int depth)
        {
            if (depth > 16)
            {
                return false;
            }

            estimator = locals.Resolve(estimator);
            if (estimator is IInvocationOperation { TargetMethod.Name: "Append" } append)
            {
                var receiver = append.Instance ?? (append.Arguments.Length > 0 ? append.Arguments[0].Value : null);
                if (receiver is null)
                {
                    return false;
                }

                foreach (var argument in append.Arguments)
                {
                    if (argument.Value != receiver && types.IsEstimator(argument.Value.WithoutConversions().Type)
                        && !IsStateless(argument.Value, types, locals, depth + 1))
                    {
                        return false;
                    }
                }

                return IsStateless(receiver, types, locals, depth + 1);
            }

            var type = estimator.Type?.OriginalDefinition;
            if (type is null)
            {
                return false;
            }

            foreach (var name in StatelessEstimators)
            {
                if (SymbolEqualityComparer.Default.Equals(type, types.Get(name)))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
