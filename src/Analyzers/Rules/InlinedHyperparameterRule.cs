using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using MlopsGuard.Analyzers.Infrastructure;

namespace MlopsGuard.Analyzers.Rules
{
    /// <summary>
    /// MLG3201: a hyperparameter of an ML.NET trainer or a TorchSharp optimizer written as a constant at the call
    /// (a literal or a <c>const</c> local) instead of coming from a recorded options or parameters object.
    /// </summary>
    public sealed class InlinedHyperparameterRule : MlopsRule
    {
        internal static readonly DiagnosticDescriptor Descriptor = RuleDescriptors.Create(RuleIdentifiers.InlinedHyperparameter);

        /// <summary>
        /// Parameter names of ML.NET trainers and TorchSharp optimizers that are hyperparameters (the names are the APIs'):
        /// learningRate, numberOfLeaves, numberOfTrees, l1Regularization, l2Regularization, numberOfIterations,
        /// maximumNumberOfIterations, minimumExampleCountPerLeaf and lr.
        /// </summary>
        /// <remarks>Asked for every argument of every call: the length rules nearly all names out before a character is compared.</remarks>
        internal static bool IsHyperparameterName(string name) => name.Length switch
        {
            2 => name == "lr",
            12 => name == "learningRate",
            13 => name == "numberOfTrees",
            14 => name == "numberOfLeaves",
            16 => name == "l1Regularization" || name == "l2Regularization",
            18 => name == "numberOfIterations",
            25 => name == "maximumNumberOfIterations",
            26 => name == "minimumExampleCountPerLeaf",
            _ => false,
        };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        internal override void OnCompilationStart(MlopsCompilationStart context, MlTypes types)
        {
            var diagnostics = context.DiagnosticFor(Descriptor);
            if (types.IEstimator is null && types.TorchOptim is null)
            {
                return;
            }

            var compilation = context.Compilation;

            context.RegisterOperationAction(
                operationContext =>
                {
                    // Nearly every call is out at its own arguments, which the driver has just walked: no parameter is named
                    // like a hyperparameter, or no constant is written for it. Only then is the method itself looked at.
                    var invocation = (IInvocationOperation)operationContext.Operation;
                    bool? isFactory = null;
                    foreach (var argument in invocation.Arguments)
                    {
                        if (argument.ArgumentKind != ArgumentKind.Explicit
                            || argument.Parameter is not IParameterSymbol parameter
                            || !IsHyperparameterName(parameter.Name)
                            || !IsInlinedConstant(argument.Value))
                        {
                            continue;
                        }

                        isFactory ??= IsTrainerOrOptimizerFactory(invocation.TargetMethod, compilation, types);
                        if (isFactory == false)
                        {
                            return;
                        }

                        var value = argument.Value.WithoutConversions();
                        var shown = value is ILocalReferenceOperation constant ? "the local constant '" + constant.Local.Name + "'" : "the literal " + value.Syntax.ToString();
                        operationContext.ReportDiagnostic(diagnostics.Create(argument.Syntax.GetLocation(), parameter.Name, shown));
                    }
                },
                OperationKind.Invocation);
        }

        /// <summary>A trainer or transform factory of ML.NET (returns an estimator), or an optimizer factory of <c>torch.optim</c>.</summary>
        private static bool IsTrainerOrOptimizerFactory(IMethodSymbol method, Compilation compilation, MlTypes types)
        {
            if (SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, compilation.Assembly))
            {
                return false;
            }

            if (types.TorchOptim is not null && SymbolEqualityComparer.Default.Equals(method.ContainingType, types.TorchOptim))
            {
                return true;
            }

            return types.IsEstimator(method.ReturnType);
        }

        /// <summary>A value fixed where it is written: a literal (possibly negated) or a <c>const</c> local. A const field or an options property is named and shared, so it does not count.</summary>
        private static bool IsInlinedConstant(IOperation value)
        {
            value = value.WithoutConversions();
            if (value is IUnaryOperation unary)
            {
                value = unary.Operand.WithoutConversions();
            }

            return value is ILiteralOperation { ConstantValue.HasValue: true, ConstantValue.Value: not null }
                || (value is ILocalReferenceOperation local && local.Local.IsConst);
        }
    }
}
