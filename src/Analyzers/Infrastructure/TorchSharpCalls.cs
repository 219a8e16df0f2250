using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MlopsGuard.Analyzers.Infrastructure
{
    /// <summary>Recognizes the TorchSharp training and evaluation calls, by the symbols of their receivers.</summary>
    internal static class TorchSharpCalls
    {
        /// <summary><c>loss.backward()</c>: a gradient computation on a tensor.</summary>
        public static bool IsBackward(IInvocationOperation invocation, MlTypes types) =>
            invocation.TargetMethod.Name == "backward"
            && invocation.Instance is not null
            && types.IsTorchTensor(invocation.Instance.Type);

        /// <summary><c>optimizer.step()</c> on any TorchSharp optimizer.</summary>
        public static bool IsOptimizerStep(IInvocationOperation invocation, MlTypes types) =>
            invocation.TargetMethod.Name == "step"
            && invocation.Instance is not null
            && types.IsTorchOptimizer(invocation.Instance.Type);

        /// <summary><c>zero_grad()</c> on an optimizer or on a module (both clear the gradients of the parameters).</summary>
        public static bool IsZeroGrad(IInvocationOperation invocation, MlTypes types) =>
            invocation.TargetMethod.Name == "zero_grad"
            && invocation.Instance is not null
            && (types.IsTorchOptimizer(invocation.Instance.Type) || types.IsTorchModule(invocation.Instance.Type));

        /// <summary>True for a call that trains: <c>backward()</c> or an optimizer <c>step()</c>.</summary>
        public static bool IsTrainingStep(IInvocationOperation invocation, MlTypes types) =>
            IsBackward(invocation, types) || IsOptimizerStep(invocation, types);

        /// <summary>True for a call of <c>name</c> on a TorchSharp module (<c>eval</c>, <c>train</c>, <c>forward</c>, <c>call</c>).</summary>
        public static bool IsModuleCall(IInvocationOperation invocation, string name, MlTypes types) =>
            invocation.TargetMethod.Name == name
            && invocation.Instance is not null
            && types.IsTorchModule(invocation.Instance.Type);

        /// <summary><c>torch.no_grad()</c> or <c>torch.inference_mode()</c>: the scope of evaluation and inference code.</summary>
        public static bool IsNoGradScope(IOperation? operation, MlTypes types) =>
            operation?.WithoutConversions() is IInvocationOperation invocation
            && (invocation.TargetMethod.Name == "no_grad" || invocation.TargetMethod.Name == "inference_mode")
            && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, types.Torch);

        /// <summary>The variable, parameter, field or property a receiver refers to, or null for anything computed.</summary>
        public static ISymbol? ReferencedSymbol(IOperation? operation)
        {
            switch (operation?.WithoutConversions())
            {
                case ILocalReferenceOperation local:
                    return local.Local;
                case IParameterReferenceOperation parameter:
                    return parameter.Parameter;
                case IFieldReferenceOperation field when field.Instance is null || field.Instance is IInstanceReferenceOperation:
                    return field.Field;
                case IPropertyReferenceOperation property when property.Arguments.IsEmpty && (property.Instance is null || property.Instance is IInstanceReferenceOperation):
                    return property.Property;
                default:
                    return null;
            }
        }
    }
}
