using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MlopsGuard.Analyzers.Infrastructure
{
    /// <summary>Whether fitting an estimator learns from the data.</summary>
    internal enum Learning
    {
        /// <summary>Nothing in it reads the data to fit: a scoring or stateless pipeline.</summary>
        No,

        /// <summary>A trainer, or a transform that learns statistics of the data (normalizers, vocabularies, PCA, …).</summary>
        Yes,

        /// <summary>Built where the analyzer does not look (a parameter, a field, a method that returns an <c>IEstimator</c>).</summary>
        Unknown,
    }

    /// <summary>
    /// Tells training from the fitting of pipelines that learn nothing. ML.NET marks the estimators whose <c>Fit</c> never reads
    /// the data by deriving them from <c>TrivialEstimator&lt;T&gt;</c> (image loading and resizing, pixel extraction, ONNX
    /// scoring, tokenizers, column copies and selections, type conversions, custom mappings, key-to-value…); a few more
    /// are stateless without that base (column concatenation, hashing, pretrained embeddings and featurizers, TensorFlow
    /// scoring, fixed calibration). Every other concrete estimator learns. A pipeline learns when one of its parts does,
    /// followed through <c>Append</c> chains, conditionals and locals.
    /// </summary>
    internal static class EstimatorLearning
    {
        private const int MaxDepth = 24;

        private static readonly HashSet<string> StatelessEstimators = new HashSet<string>(System.StringComparer.Ordinal)
        {
            "Microsoft.ML.Transforms.ColumnConcatenatingEstimator",
            "Microsoft.ML.Transforms.ExpressionEstimator",
            "Microsoft.ML.Transforms.HashingEstimator",
            "Microsoft.ML.Transforms.OneHotHashEncodingEstimator",
            "Microsoft.ML.Transforms.Text.NgramHashingEstimator",
            "Microsoft.ML.Transforms.Text.WordHashBagEstimator",
            "Microsoft.ML.Transforms.Text.WordEmbeddingEstimator",
            "Microsoft.ML.Transforms.Onnx.DnnImageFeaturizerEstimator",
            "Microsoft.ML.Transforms.TensorFlowEstimator",
            "Microsoft.ML.Calibrators.FixedPlattCalibratorEstimator",
            "Microsoft.ML.Trainers.FastTree.PretrainedTreeFeaturizationEstimator",
        };

        /// <summary>Whether fitting the estimator that <paramref name="estimator"/> evaluates to learns from the data.</summary>
        public static Learning Of(IOperation? estimator, MlTypes types) => Of(estimator, types, MaxDepth, featuresOnly: false);

        /// <summary>
        /// Whether it learns statistics of the features: the same, except that mapping the label column to keys
        /// (<c>MapValueToKey("Label")</c>) learns only the set of classes, which a split leaves unchanged.
        /// </summary>
        public static Learning OfFeatures(IOperation? estimator, MlTypes types) => Of(estimator, types, MaxDepth, featuresOnly: true);

        private static Learning Of(IOperation? operation, MlTypes types, int depth, bool featuresOnly)
        {
            if (operation is null || depth == 0)
            {
                return Learning.Unknown;
            }

            operation = operation.WithoutConversions();
            switch (operation)
            {
                case IInvocationOperation invocation when invocation.TargetMethod.Name == "Append" || invocation.TargetMethod.Name == "AppendCacheCheckpoint":
                    // chain.Append(next) or the extension start.Append(next): the pipeline learns when a part does.
                    var learning = invocation.Instance is IOperation instance ? Of(instance, types, depth - 1, featuresOnly) : Learning.No;
                    foreach (var argument in invocation.Arguments)
                    {
                        if (types.IsEstimator(argument.Value.WithoutConversions().Type) || argument.Value.Type?.TypeKind == TypeKind.Error)
                        {
                            learning = Combine(learning, Of(argument.Value, types, depth - 1, featuresOnly));
                        }
                    }

                    return learning;

                case IObjectCreationOperation creation when creation.Type is INamedTypeSymbol created && IsChain(created, types):
                    return Learning.No; // new EstimatorChain<ITransformer>(): empty until something is appended.

                case IConditionalOperation conditional:
                    return Combine(Of(conditional.WhenTrue, types, depth - 1, featuresOnly), Of(conditional.WhenFalse, types, depth - 1, featuresOnly));

                case ICoalesceOperation coalesce:
                    return Combine(Of(coalesce.Value, types, depth - 1, featuresOnly), Of(coalesce.WhenNull, types, depth - 1, featuresOnly));

                case ILocalReferenceOperation local:
                    return OfLocal(local, types, depth, featuresOnly);

                case IInvocationOperation labelMapping when featuresOnly && IsLabelMapping(labelMapping):
                    return Learning.No;

                case IInvocationOperation or IObjectCreationOperation:
                    return OfType(operation.Type, types);

                case IInvalidOperation invalid:
                    // Code that does not bind (a call into an ML package the project lacks) adds nothing itself, but the
                    // estimators it is made of still count: pipeline.Append(unbound) learns when pipeline does.
                    var parts = Learning.No;
                    foreach (var child in invalid.ChildOperations)
                    {
                        var value = child.WithoutConversions();
                        if (value is IInvalidOperation || value is ILocalReferenceOperation || types.IsEstimator(value.Type))
                        {
                            parts = Combine(parts, Of(value, types, depth - 1, featuresOnly));
                        }
                    }

                    return parts;

                default:
                    // Parameters, fields, properties: what they hold is built elsewhere; only a concrete type tells.
                    if (operation.Type is { TypeKind: TypeKind.Error })
                    {
                        return Learning.No;
                    }

                    return operation.Type is INamedTypeSymbol { TypeKind: TypeKind.Class } concrete && !IsChain(concrete, types)
                        ? OfType(concrete, types)
                        : Learning.Unknown;
            }
        }

        /// <summary><c>MapValueToKey</c> of a column named for the label (<c>"Label"</c>, <c>"LabelKey"</c>, <c>nameof(Data.Label)</c>).</summary>
        private static bool IsLabelMapping(IInvocationOperation invocation)
        {
            if (invocation.TargetMethod.Name != "MapValueToKey")
            {
                return false;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Type.SpecialType == SpecialType.System_String
                    && argument.Value.StringConstant() is string column
                    && column.IndexOf("label", System.StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return true;
                }
            }

            return false;
        }

        private static Learning OfLocal(ILocalReferenceOperation local, MlTypes types, int depth, bool featuresOnly)
        {
            var values = LocalValues.For(local);
            if (values.TryGetSingleValue(local.Local, out var single))
            {
                return Of(single, types, depth - 1, featuresOnly);
            }

            // Assigned several times (pipeline = pipeline.Append(…) in steps): every value it may hold counts.
            var learning = Learning.No;
            var seen = false;
            foreach (var operation in values.Root.Descendants())
            {
                var value = operation switch
                {
                    IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local.Local) => declarator.Initializer?.Value,
                    ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when SymbolEqualityComparer.Default.Equals(target.Local, local.Local) => assignment.Value,
                    _ => null,
                };
                if (value != null && !ReferenceEquals(value, local))
                {
                    seen = true;
                    learning = Combine(learning, ContainsReferenceTo(value, local.Local) ? OfSelfAppend(value, local.Local, types, depth, featuresOnly) : Of(value, types, depth - 1, featuresOnly));
                }
            }

            return seen ? learning : Learning.Unknown;
        }

        /// <summary><c>pipeline = pipeline.Append(x)</c>: only what is appended is new; the local's other values count on their own.</summary>
        private static Learning OfSelfAppend(IOperation value, ILocalSymbol local, MlTypes types, int depth, bool featuresOnly)
        {
            var learning = Learning.No;
            foreach (var operation in value.DescendantsAndSelf())
            {
                if (operation is IInvocationOperation invocation && (invocation.TargetMethod.Name == "Append" || invocation.TargetMethod.Name == "AppendCacheCheckpoint"))
                {
                    foreach (var argument in invocation.Arguments)
                    {
                        if (!ContainsReferenceTo(argument.Value, local) && types.IsEstimator(argument.Value.WithoutConversions().Type))
                        {
                            learning = Combine(learning, Of(argument.Value, types, depth - 1, featuresOnly));
                        }
                    }
                }
            }

            return learning;
        }

        private static bool ContainsReferenceTo(IOperation operation, ILocalSymbol local)
        {
            foreach (var descendant in operation.DescendantsAndSelf())
            {
                if (descendant is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>What the type of an estimator says: a chain by its last part, any other concrete estimator by its kind.</summary>
        public static Learning OfType(ITypeSymbol? type, MlTypes types)
        {
            if (type is null || type.TypeKind == TypeKind.Error)
            {
                // Unbound code (an ML package the build lacks) says nothing either way, and adds nothing to a pipeline.
                return Learning.No;
            }

            if (type is not INamedTypeSymbol named || !types.IsEstimator(named))
            {
                return Learning.Unknown;
            }

            if (IsChain(named, types))
            {
                // EstimatorChain<TLast>: a chain that ends in a trainer learns; otherwise its parts are not in sight.
                return named.TypeArguments.Length == 1 && named.TypeArguments[0].IsOrImplements(types.Get("Microsoft.ML.IPredictionTransformer`1"))
                    ? Learning.Yes
                    : Learning.Unknown;
            }

            if (named.TypeKind == TypeKind.Interface || named.IsAbstract)
            {
                return Learning.Unknown;
            }

            for (var current = named; current != null; current = current.BaseType)
            {
                var definition = current.OriginalDefinition;
                if (definition.MetadataName == "TrivialEstimator`1" && definition.IsInNamespace("Microsoft.ML.Data"))
                {
                    return Learning.No;
                }

                if (StatelessEstimators.Contains(definition.ToDisplayString()))
                {
                    return Learning.No;
                }
            }

            return Learning.Yes;
        }

        private static bool IsChain(INamedTypeSymbol type, MlTypes types) =>
            type.OriginalDefinition.MetadataName == "EstimatorChain`1" && type.IsInNamespace("Microsoft.ML.Data");

        private static Learning Combine(Learning a, Learning b) =>
            a == Learning.Yes || b == Learning.Yes ? Learning.Yes
            : a == Learning.Unknown || b == Learning.Unknown ? Learning.Unknown
            : Learning.No;
    }
}
