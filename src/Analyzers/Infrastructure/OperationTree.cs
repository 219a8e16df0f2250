using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MlopsGuard.Analyzers.Infrastructure
{
    /// <summary>Walks around an operation inside its operation block (method body, lambda, field initializer).</summary>
    internal static class OperationTree
    {
        /// <summary>The outermost operation of the block that holds <paramref name="operation"/>.</summary>
        public static IOperation Root(this IOperation operation)
        {
            while (operation.Parent != null)
            {
                operation = operation.Parent;
            }

            return operation;
        }

        /// <summary>The innermost lambda or local function around the operation, if any.</summary>
        public static IOperation? EnclosingFunction(this IOperation operation)
        {
            for (var current = operation.Parent; current != null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation || current is ILocalFunctionOperation)
                {
                    return current;
                }
            }

            return null;
        }

        /// <summary>The nearest loop around <paramref name="operation"/> in the same function (lambdas and local functions end the search).</summary>
        public static ILoopOperation? EnclosingLoop(this IOperation operation)
        {
            for (var current = operation.Parent; current != null; current = current.Parent)
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

        /// <summary>
        /// The loop whose body runs <paramref name="operation"/> on every iteration, stopping at a lambda or local function
        /// (code in a lambda runs when the lambda is called, not when the loop turns).
        /// </summary>
        public static ILoopOperation? EnclosingLoopBody(this IOperation operation)
        {
            var child = operation;
            for (var current = operation.Parent; current != null; child = current, current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation || current is ILocalFunctionOperation)
                {
                    return null;
                }

                if (current is ILoopOperation loop && ReferenceEquals(loop.Body, child))
                {
                    return loop;
                }
            }

            return null;
        }

        /// <summary>Every descendant of <paramref name="operation"/>, without entering lambdas or local functions.</summary>
        public static IEnumerable<IOperation> DescendantsInSameFunction(this IOperation operation)
        {
            var stack = new Stack<IOperation>();
            stack.Push(operation);
            while (stack.Count > 0)
            {
                var current = stack.Pop();
                foreach (var child in current.ChildOperations)
                {
                    if (child is IAnonymousFunctionOperation || child is ILocalFunctionOperation)
                    {
                        continue;
                    }

                    yield return child;
                    stack.Push(child);
                }
            }
        }

        /// <summary>True when the operation's syntax lies inside <paramref name="container"/>'s syntax.</summary>
        public static bool IsInside(this IOperation operation, IOperation container) =>
            operation.Syntax.SyntaxTree == container.Syntax.SyntaxTree && container.Syntax.Span.Contains(operation.Syntax.Span);

        /// <summary>True when the symbol (a local or parameter) is declared inside the syntax of <paramref name="container"/>.</summary>
        public static bool IsDeclaredInside(this ISymbol symbol, IOperation container)
        {
            foreach (var reference in symbol.DeclaringSyntaxReferences)
            {
                if (reference.SyntaxTree == container.Syntax.SyntaxTree && container.Syntax.Span.Contains(reference.Span))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
