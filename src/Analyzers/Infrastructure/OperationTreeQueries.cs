using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MlopsGuard.Analyzers.Infrastructure
{
    /// <summary>Walks inside one method body: enclosing loops and the body's root.</summary>
    internal static class OperationTreeQueries
    {
        /// <summary>The nearest loop around <paramref name="operation"/> in the same function (lambdas and local functions end the search).</summary>
        public static ILoopOperation? EnclosingLoop(this IOperation operation)
        {
            for (var current = operation.Parent; current is not null; current = current.Parent)
            {
                switch (current)
                {
                    case ILoopOperation loop:
                        return loop;
                    case IAnonymousFunctionOperation:
                    case ILocalFunctionOperation:
                        return null;
                }
            }

            return null;
        }

        /// <summary>The outermost operation of the body that contains <paramref name="operation"/>.</summary>
        public static IOperation Root(this IOperation operation)
        {
            var current = operation;
            while (current.Parent is not null)
            {
                current = current.Parent;
            }

            return current;
        }
    }
}
