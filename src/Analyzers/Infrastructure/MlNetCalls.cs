using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MlopsGuard.Analyzers.Infrastructure
{
    /// <summary>The stages of an ML workflow that one ML.NET call performs (flags: a method may do several).</summary>
    [Flags]
    internal enum MlStages
    {
        None = 0,
        LoadData = 1,
        BuildPipeline = 2,
        Fit = 4,
        Evaluate = 8,
        Save = 16,
        Predict = 32,
    }

    /// <summary>Recognizes the ML.NET calls the development rules reason about, by symbol.</summary>
    internal static class MlNetCalls
    {
        /// <summary>
        /// The type the call is made on: the instance, or for an extension method (which IOperation shows in its
        /// static form) the type of its <c>this</c> parameter.
        /// </summary>
        public static ITypeSymbol? ReceiverType(this IInvocationOperation invocation)
        {
            if (invocation.Instance is not null)
            {
                return invocation.Instance.Type;
            }

            var method = invocation.TargetMethod;
            return method.IsExtensionMethod && method.Parameters.Length > 0 ? method.Parameters[0].Type : null;
        }

        /// <summary>True for <c>Fit</c> of an ML.NET estimator (a pipeline, a trainer, a transform).</summary>
        public static bool IsEstimatorFit(IInvocationOperation invocation, MlTypes types) =>
            invocation.TargetMethod.Name == "Fit"
            && types.IsEstimator(invocation.ReceiverType());

        /// <summary>
        /// True when the method (or lambda, or initializer) that holds <paramref name="operation"/> calls <c>Fit</c> of a type
        /// that is an estimator: training code, which the serving rules leave alone.
        /// </summary>
        public static bool MethodFits(IOperation operation, MlTypes types)
        {
            if (types.IEstimator is null)
            {
                return false;
            }

            foreach (var call in LocalValues.For(operation).Calls)
            {
                if (call.TargetMethod.Name == "Fit" && types.IsEstimator(call.TargetMethod.ContainingType))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The stage an ML.NET call performs. Methods declared in the compilation itself never count: a call of the
        /// user's own helper is delegation, which is exactly what a modular pipeline does.
        /// </summary>
        public static MlStages StageOf(IInvocationOperation invocation, Compilation compilation, MlTypes types)
        {
            // Cheap tests first: most calls have neither a stage's name nor an ML.NET type to return.
            var method = invocation.TargetMethod;
            var name = method.Name;
            if (IsStageName(name))
            {
                if (!MlTypes.IsMlNetMember(method) && SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, compilation.Assembly))
                {
                    return MlStages.None;
                }

                // The named stages are told apart by the type the call is made on; most ML.NET calls are none of them.
                var named = NamedStage(invocation, name, invocation.ReceiverType(), types);
                if (named != MlStages.None)
                {
                    return named;
                }
            }

            // Transforms, trainers and Append: every ML.NET call that makes an estimator builds the pipeline. The returned type's
            // fact is one cached lookup; the walk up the method's namespaces is left for the few calls that return an estimator.
            // A pipeline that learns nothing (image loading, ONNX or TensorFlow scoring) is how a model is loaded, not built.
            return method.ReturnType is { SpecialType: SpecialType.None } returned
                && types.IsEstimator(returned)
                && MlTypes.IsMlNetMember(method)
                && EstimatorLearning.OfType(returned, types) == Learning.Yes
                    ? MlStages.BuildPipeline
                    : MlStages.None;
        }

        private static MlStages NamedStage(IInvocationOperation invocation, string name, ITypeSymbol? receiver, MlTypes types)
        {
            if (name == "Fit" && types.IsEstimator(receiver))
            {
                // Fitting a scoring pipeline trains nothing.
                return EstimatorLearning.Of(invocation.Instance, types) == Learning.No ? MlStages.None : MlStages.Fit;
            }

            // LoadFromEnumerable of an empty collection only gives a scoring pipeline its input schema.
            if (name == "LoadFromEnumerable" && invocation.Arguments.Length > 0 && IsEmptyCollection(invocation.Arguments[0].Value))
            {
                return MlStages.None;
            }

            if ((name.StartsWith("Load", StringComparison.Ordinal) && SymbolEqualityComparer.Default.Equals(receiver, types.DataOperationsCatalog))
                || (name == "Load" && receiver.IsOrImplements(types.IDataLoader)))
            {
                return MlStages.LoadData;
            }

            if ((name.StartsWith("Evaluate", StringComparison.Ordinal) || name.StartsWith("CrossValidate", StringComparison.Ordinal))
                && receiver.IsOrDerivesFrom(types.TrainCatalogBase))
            {
                return MlStages.Evaluate;
            }

            if (SymbolEqualityComparer.Default.Equals(receiver, types.ModelOperationsCatalog))
            {
                if (name == "Save" || name == "ConvertToOnnx")
                {
                    return MlStages.Save;
                }

                if (name == "CreatePredictionEngine")
                {
                    return MlStages.Predict;
                }
            }

            return name == "Predict" && receiver.IsOrDerivesFrom(types.PredictionEngineBase) ? MlStages.Predict : MlStages.None;
        }

        /// <summary><c>new List&lt;T&gt;()</c>, <c>new T[0]</c>, <c>Array.Empty&lt;T&gt;()</c>, <c>Enumerable.Empty&lt;T&gt;()</c>: a collection with nothing in it.</summary>
        private static bool IsEmptyCollection(IOperation value)
        {
            switch (value.WithoutConversions())
            {
                case IObjectCreationOperation creation:
                    return creation.Arguments.IsEmpty && (creation.Initializer is null || creation.Initializer.Initializers.IsEmpty);
                case IArrayCreationOperation array:
                    return array.DimensionSizes.Length == 1 && array.DimensionSizes[0].ConstantValue is { HasValue: true, Value: 0 }
                        && (array.Initializer is null || array.Initializer.ElementValues.IsEmpty);
                case IInvocationOperation call:
                    return call.TargetMethod.Name == "Empty" && call.Arguments.IsEmpty
                        && (call.TargetMethod.ContainingType?.Name == "Array" || call.TargetMethod.ContainingType?.Name == "Enumerable");
                default:
                    return false;
            }
        }

        private static bool IsStageName(string name) =>
            name == "Fit"
            || name.StartsWith("Load", StringComparison.Ordinal)
            || name.StartsWith("Evaluate", StringComparison.Ordinal)
            || name.StartsWith("CrossValidate", StringComparison.Ordinal)
            || name == "Save"
            || name == "ConvertToOnnx"
            || name == "CreatePredictionEngine"
            || name == "Predict";
    }
}
