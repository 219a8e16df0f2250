using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using MlopsGuard.Analyzers.Infrastructure;

namespace MlopsGuard.Analyzers.Rules
{
    /// <summary>
    /// MLG6002: <c>Model.Load</c>, <c>new InferenceSession</c> or <c>CreatePredictionEngine</c> in a request handler, or in a
    /// loop that loads the same model again on every iteration.
    /// </summary>
    public sealed class ModelLoadedPerRequestRule : MlopsRule
    {
        internal static readonly DiagnosticDescriptor Descriptor = RuleDescriptors.Create(RuleIdentifiers.ModelLoadedPerRequest);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        internal override void OnCompilationStart(MlopsCompilationStart context, MlTypes types)
        {
            var loads = new ModelLoads(types);
            if (!loads.Any)
            {
                return;
            }

            var handlers = new RequestHandlers(types);
            var task = types.Get("System.Threading.Tasks.Task");
            context.RegisterOperationAction(
                operationContext =>
                {
                    var operation = operationContext.Operation;
                    if (!loads.IsLoad(operation) && !loads.IsPredictionEngineCreation(operation))
                    {
                        return;
                    }

                    // A model cached in a static field (lazy load once) is not loaded per request.
                    if (AssignedTo(operation) is IMemberReferenceOperation { Member.IsStatic: true } || IsCoalesceAssigned(operation))
                    {
                        return;
                    }

                    var where = PerRequestHandler(operation, operationContext.ContainingSymbol) ?? PerIteration(operation);
                    if (where != null)
                    {
                        operationContext.ReportDiagnostic(Diagnostic.Create(Descriptor, operation.Syntax.GetLocation(), ModelLoads.Describe(operation), where));
                    }
                },
                OperationKind.Invocation,
                OperationKind.ObjectCreation);

            string? PerRequestHandler(IOperation operation, ISymbol containingSymbol)
            {
                // A load in a deferred lambda (a cache factory, Lazy<T>) inside a handler runs once, not per request.
                for (var function = operation.EnclosingFunction(); function != null; function = function.EnclosingFunction())
                {
                    if (handlers.MapCallOf(function) != null)
                    {
                        break;
                    }

                    if (!IsRunNow(function, task))
                    {
                        return null;
                    }
                }

                return handlers.HandlerOf(operation, containingSymbol);
            }
        }

        /// <summary>"in a loop" when a loop reloads the same model on each iteration into a local; else null.</summary>
        private static string? PerIteration(IOperation operation)
        {
            var loop = operation.EnclosingLoopBody();
            if (loop is null)
            {
                return null;
            }

            // Loading a different model per iteration (its path depends on the loop) is a startup loop over models;
            // storing the result in a field is a periodic reload; a try inside the loop is a retry.
            if (!IsLoopInvariant(operation, loop) || AssignedTo(operation) is IMemberReferenceOperation || IsInTryInside(operation, loop))
            {
                return null;
            }

            return "in a loop, once per iteration";
        }

        private static bool IsLoopInvariant(IOperation operation, ILoopOperation loop)
        {
            var arguments = operation switch
            {
                IInvocationOperation invocation => invocation.Arguments,
                IObjectCreationOperation creation => creation.Arguments,
                _ => ImmutableArray<IArgumentOperation>.Empty,
            };
            foreach (var argument in arguments)
            {
                if (argument.Parameter?.RefKind != RefKind.None)
                {
                    continue;
                }

                foreach (var descendant in argument.Value.DescendantsAndSelf())
                {
                    var symbol = descendant switch
                    {
                        ILocalReferenceOperation local => (ISymbol)local.Local,
                        IParameterReferenceOperation parameter => parameter.Parameter,
                        _ => null,
                    };
                    if (symbol != null && symbol.IsDeclaredInside(loop))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        private static bool IsInTryInside(IOperation operation, ILoopOperation loop)
        {
            for (var current = operation.Parent; current != null && current != loop; current = current.Parent)
            {
                if (current is ITryOperation)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The target the operation's value is assigned to (through conversions), if it is.</summary>
        private static IOperation? AssignedTo(IOperation operation)
        {
            var parent = operation.Parent;
            while (parent is IConversionOperation)
            {
                parent = parent.Parent;
            }

            return parent is ISimpleAssignmentOperation assignment ? assignment.Target : null;
        }

        private static bool IsCoalesceAssigned(IOperation operation)
        {
            var parent = operation.Parent;
            while (parent is IConversionOperation)
            {
                parent = parent.Parent;
            }

            return parent is ICoalesceAssignmentOperation;
        }

        /// <summary>True for a lambda that runs as part of the current request: handed to <c>Task.Run</c>.</summary>
        private static bool IsRunNow(IOperation function, INamedTypeSymbol? task)
        {
            var parent = function.Parent;
            while (parent is IDelegateCreationOperation || parent is IConversionOperation)
            {
                parent = parent.Parent;
            }

            return parent is IArgumentOperation { Parent: IInvocationOperation call }
                && call.TargetMethod.Name == "Run"
                && SymbolEqualityComparer.Default.Equals(call.TargetMethod.ContainingType, task);
        }
    }
}
