using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MlopsGuard.Analyzers.Infrastructure
{
    /// <summary>
    /// Which ML.NET data view reaches which call inside one method: <c>estimator.Fit(data)</c>, <c>model.Transform(data)</c>,
    /// and whether two expressions denote the same data view (the same local assigned once, parameter, field or property path).
    /// </summary>
    internal static class DataViewFlow
    {
        /// <summary><c>estimator.Fit(IDataView)</c> on any <c>IEstimator&lt;T&gt;</c>; <paramref name="data"/> is the argument.</summary>
        public static bool IsFit(IOperation operation, MlTypes types, out IInvocationOperation fit, out IOperation data)
        {
            fit = null!;
            data = null!;
            if (operation is not IInvocationOperation invocation
                || invocation.TargetMethod.Name != "Fit"
                || invocation.Instance is null
                || invocation.TargetMethod.Parameters.Length != 1
                || invocation.Arguments.Length != 1
                || !types.IsDataView(invocation.TargetMethod.Parameters[0].Type)
                || !types.IsEstimator(invocation.TargetMethod.ContainingType))
            {
                return false;
            }

            fit = invocation;
            data = invocation.Arguments[0].Value;
            return true;
        }

        /// <summary><c>model.Transform(IDataView)</c> on any <c>ITransformer</c>.</summary>
        public static bool IsTransform(IOperation operation, MlTypes types, out IOperation model, out IOperation data)
        {
            model = null!;
            data = null!;
            if (operation is not IInvocationOperation invocation
                || invocation.TargetMethod.Name != "Transform"
                || invocation.Instance is null
                || invocation.TargetMethod.Parameters.Length != 1
                || invocation.Arguments.Length != 1
                || !types.IsDataView(invocation.TargetMethod.Parameters[0].Type)
                || !types.IsDataView(invocation.TargetMethod.ReturnType)
                || !types.IsTransformer(invocation.TargetMethod.ContainingType))
            {
                return false;
            }

            model = invocation.Instance;
            data = invocation.Arguments[0].Value;
            return true;
        }

        /// <summary>
        /// The data a model was fitted on, when <paramref name="model"/> (followed through locals assigned once) is the result of
        /// <c>Fit</c> in the same method.
        /// </summary>
        public static bool TryGetFit(IOperation model, MlTypes types, LocalValues locals, out IInvocationOperation fit, out IOperation data) =>
            IsFit(locals.Resolve(model), types, out fit, out data);

        /// <summary>
        /// True when both expressions certainly denote the same data view: the same expression, the same local assigned once,
        /// the same parameter, or the same field/property read from the same instance (<c>split.TrainSet</c> twice).
        /// A local written more than once never matches: it may hold a different view at each use.
        /// </summary>
        public static bool AreSame(IOperation first, IOperation second, LocalValues locals) => AreSame(first, second, locals, 0);

        private static bool AreSame(IOperation first, IOperation second, LocalValues locals, int depth)
        {
            if (depth > 8)
            {
                return false;
            }

            first = locals.Resolve(first);
            second = locals.Resolve(second);
            if (first == second)
            {
                return true;
            }

            switch (first)
            {
                case IParameterReferenceOperation parameter:
                    return second is IParameterReferenceOperation other
                        && SymbolEqualityComparer.Default.Equals(parameter.Parameter, other.Parameter);
                case IFieldReferenceOperation field:
                    return second is IFieldReferenceOperation otherField
                        && SymbolEqualityComparer.Default.Equals(field.Field, otherField.Field)
                        && SameInstance(field.Instance, otherField.Instance, locals, depth);
                case IPropertyReferenceOperation property:
                    return second is IPropertyReferenceOperation otherProperty
                        && property.Arguments.Length == 0 && otherProperty.Arguments.Length == 0
                        && SymbolEqualityComparer.Default.Equals(property.Property, otherProperty.Property)
                        && SameInstance(property.Instance, otherProperty.Instance, locals, depth);
                case IInstanceReferenceOperation _:
                    return second is IInstanceReferenceOperation;
                default:
                    return false;
            }
        }

        private static bool SameInstance(IOperation? first, IOperation? second, LocalValues locals, int depth) =>
            first is null ? second is null : second is not null && AreSame(first, second, locals, depth + 1);
    }
}
