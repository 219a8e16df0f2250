using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using MlopsGuard.Analyzers.Infrastructure;

namespace MlopsGuard.Analyzers.Rules
{
    /// <summary>
    /// MLG6005: serving code (see <see cref="ServingCode"/>) that loads the model it serves outside any <c>try</c> whose
    /// <c>catch</c> handles the failure, so a missing or corrupt model file takes the service down instead of leaving the
    /// previous or a default model in place. A console program or desktop app that loads the model it just trained, or a given
    /// file, has no service to keep up: it is left alone.
    /// </summary>
    public sealed class ServingWithoutFallbackRule : MlopsRule
    {
        internal static readonly DiagnosticDescriptor Descriptor = RuleDescriptors.Create(RuleIdentifiers.ServingWithoutFallback);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        internal override void OnCompilationStart(MlopsCompilationStart context, MlTypes types)
        {
            var diagnostics = context.DiagnosticFor(Descriptor);
            var loads = new ModelLoads(types);
            if (!loads.Any || TestFrameworks.IsTestProject(context.Compilation))
            {
                return;
            }

            var serviceCollectionExtensions = types.Get("Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions");
            var perRequest = new PerRequestLoads(types);
            var engine = types.PredictionEngineBase;
            var session = types.InferenceSession;

            context.RegisterOperationAction(
                operationContext =>
                {
                    var load = operationContext.Operation;
                    // A load per request is MLG6002's: loading once (where a fallback then belongs) is the fix.
                    if (!loads.IsLoad(load) || HasFallback(load) || perRequest.WhereLoaded(load, operationContext.ContainingSymbol) != null)
                    {
                        return;
                    }

                    var root = load.Root();
                    if ((KeptForServing(load) || ServesInSameBlock(root))
                        && (RegisteredAsSingleton(load) || types.Serving.ServingSiteOf(load, operationContext.ContainingSymbol.ContainingType) != null)
                        && !MlNetCalls.MethodFits(root, types))
                    {
                        operationContext.ReportDiagnostic(diagnostics.Create(load.Syntax.GetLocation(), ModelLoads.Describe(load)));
                    }
                },
                OperationKind.Invocation,
                OperationKind.ObjectCreation);

            // Stored in a field or property, registered as a singleton, or returned by a singleton factory.
            bool KeptForServing(IOperation load)
            {
                var parent = SkipConversions(load.Parent);
                switch (parent)
                {
                    case ISimpleAssignmentOperation { Target: IMemberReferenceOperation }:
                    case ICoalesceAssignmentOperation { Target: IMemberReferenceOperation }:
                    case IFieldInitializerOperation:
                    case IPropertyInitializerOperation:
                        return true;
                    default:
                        return RegisteredAsSingleton(load);
                }
            }

            // The load is the instance, or the factory's result, of a singleton registration: it serves the application.
            bool RegisteredAsSingleton(IOperation load)
            {
                var parent = SkipConversions(load.Parent);
                return parent switch
                {
                    IArgumentOperation { Parent: IInvocationOperation call } => IsSingletonRegistration(call),
                    IReturnOperation when load.EnclosingFunction() is IAnonymousFunctionOperation factory =>
                        SkipConversions(SkipDelegate(factory.Parent)) is IArgumentOperation { Parent: IInvocationOperation factoryCall } && IsSingletonRegistration(factoryCall),
                    _ => false,
                };
            }

            bool IsSingletonRegistration(IInvocationOperation call) =>
                serviceCollectionExtensions != null
                && call.TargetMethod.Name == "AddSingleton"
                && SymbolEqualityComparer.Default.Equals(call.TargetMethod.ContainingType, serviceCollectionExtensions);

            // The block that loads the model also builds an engine or predicts with it: a serving entry point.
            bool ServesInSameBlock(IOperation root)
            {
                foreach (var invocation in LocalValues.For(root).Calls)
                {
                    if ((loads.IsPredictionEngineCreation(invocation)
                            || (invocation.TargetMethod.Name == "Predict" && invocation.TargetMethod.ContainingType.IsOrDerivesFrom(engine))
                            || (invocation.TargetMethod.Name.StartsWith("Run", System.StringComparison.Ordinal) && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, session))))
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        /// <summary>
        /// True when the load is itself in a <c>catch</c> (it is the fallback), or runs in the body of a <c>try</c> (in the same function) with a <c>catch</c> that handles the
        /// failure: one that does not end by throwing, so execution goes on with the previous or a default model.
        /// </summary>
        private static bool HasFallback(IOperation load)
        {
            IOperation child = load;
            for (var current = load.Parent; current != null; child = current, current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation || current is ILocalFunctionOperation)
                {
                    return false;
                }

                // A load in a catch clause is the fallback itself.
                if (current is ICatchClauseOperation)
                {
                    return true;
                }

                if (current is ITryOperation tryOperation && ReferenceEquals(tryOperation.Body, child))
                {
                    foreach (var handler in tryOperation.Catches)
                    {
                        if (!EndsByThrowing(handler.Handler))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        private static bool EndsByThrowing(IBlockOperation handler)
        {
            if (handler.Operations.Length == 0)
            {
                return false;
            }

            var last = handler.Operations[handler.Operations.Length - 1];
            return last is IThrowOperation || (last is IExpressionStatementOperation { Operation: IThrowOperation });
        }

        private static IOperation? SkipConversions(IOperation? operation)
        {
            while (operation is IConversionOperation)
            {
                operation = operation.Parent;
            }

            return operation;
        }

        private static IOperation? SkipDelegate(IOperation? operation)
        {
            while (operation is IDelegateCreationOperation || operation is IConversionOperation)
            {
                operation = operation.Parent;
            }

            return operation;
        }
    }
}
