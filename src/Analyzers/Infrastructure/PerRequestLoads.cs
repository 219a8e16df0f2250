using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MlopsGuard.Analyzers.Infrastructure
{
    /// <summary>
    /// Where a model load (or engine creation) runs again and again: in a request handler (<see cref="RequestHandlers"/>), in an
    /// event handler (a lambda subscribed with <c>+=</c>), in a public method of a serving type (see <see cref="ServingCode"/>),
    /// which runs once per call, or in a loop that reloads the same model. A load cached in a static member, assigned with
    /// <c>??=</c>, or made in a deferred factory (<c>Lazy</c>, a cache) runs once. Shared by MLG6002, which reports it, and the
    /// rules whose advice the same line would only repeat (MLG6003, MLG6005): loading once is the one fix there.
    /// </summary>
    internal sealed class PerRequestLoads
    {
        private readonly RequestHandlers _handlers;
        private readonly MlTypes _types;

        public PerRequestLoads(MlTypes types)
        {
            _types = types;
            _handlers = new RequestHandlers(types);
        }

        private INamedTypeSymbol? TaskType => _types.Get("System.Threading.Tasks.Task");

        /// <summary>How often the load runs, for the message ("in the controller action 'X' on every request"), or null.</summary>
        public string? WhereLoaded(IOperation operation, ISymbol containingSymbol)
        {
            // A model cached in a static field (lazy load once) is not loaded per request.
            if (AssignedTo(operation) is IMemberReferenceOperation { Member.IsStatic: true } || IsCoalesceAssigned(operation))
            {
                return null;
            }

            return PerRequestHandler(operation, containingSymbol) ?? PerEvent(operation) ?? PerServingCall(operation, containingSymbol) ?? PerIteration(operation);
        }

        private string? PerRequestHandler(IOperation operation, ISymbol containingSymbol)
        {
            // A load in a deferred lambda (a cache factory, Lazy<T>) inside a handler runs once, not per request.
            for (var function = operation.EnclosingFunction(); function != null; function = function.EnclosingFunction())
            {
                if (_handlers.MapCallOf(function) != null)
                {
                    break;
                }

                if (!IsRunNow(function, TaskType))
                {
                    return null;
                }
            }

            return _handlers.HandlerOf(operation, containingSymbol);
        }

        /// <summary>A lambda subscribed to an event (<c>processor.ProcessMessageAsync += async args =&gt; …</c>) runs per event.</summary>
        private static string? PerEvent(IOperation operation)
        {
            for (var function = operation.EnclosingFunction(); function != null; function = function.EnclosingFunction())
            {
                var parent = function.Parent;
                while (parent is IDelegateCreationOperation || parent is IConversionOperation)
                {
                    parent = parent.Parent;
                }

                if (parent is IEventAssignmentOperation { Adds: true } subscription && subscription.EventReference is IEventReferenceOperation handled)
                {
                    return $"in a handler of the event '{handled.Event.Name}', on every event";
                }
            }

            return null;
        }

        /// <summary>
        /// A public instance method of a serving type, loading into a local: every call loads the model again. Constructors,
        /// static members and assignments to a member (a reload) are left alone, and so are lambdas (deferred factories).
        /// </summary>
        private string? PerServingCall(IOperation operation, ISymbol containingSymbol)
        {
            if (containingSymbol is not IMethodSymbol { MethodKind: MethodKind.Ordinary, IsStatic: false, DeclaredAccessibility: Accessibility.Public } method
                || operation.EnclosingFunction() != null
                || AssignedTo(operation) is IMemberReferenceOperation
                || IsKeptInAMemberLater(operation)
                || !_types.Serving.Serves(method.ContainingType))
            {
                return null;
            }

            return $"in '{method.ContainingType.Name}.{method.Name}', on every call of the service";
        }

        /// <summary><c>var loaded = Load(…); … _model = loaded;</c>: a reload that swaps the served model, not a load per call.</summary>
        private static bool IsKeptInAMemberLater(IOperation operation)
        {
            var parent = operation.Parent;
            while (parent is IConversionOperation)
            {
                parent = parent.Parent;
            }

            if (parent is not IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
            {
                return false;
            }

            foreach (var descendant in operation.Root().Descendants())
            {
                if (descendant is ISimpleAssignmentOperation { Target: IMemberReferenceOperation, Value: var value }
                    && value.WithoutConversions() is ILocalReferenceOperation local
                    && SymbolEqualityComparer.Default.Equals(local.Local, declarator.Symbol))
                {
                    return true;
                }
            }

            return false;
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
