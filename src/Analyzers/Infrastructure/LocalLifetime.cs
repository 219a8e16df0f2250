using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MlopsGuard.Analyzers.Infrastructure
{
    /// <summary>What becomes of a disposable value held in a local: disposed, handed on to an owner, or neither.</summary>
    internal enum LocalFate
    {
        /// <summary>Only used: nobody disposes it.</summary>
        Leaked,

        /// <summary><c>Dispose()</c>, <c>?.Dispose()</c> or <c>using (local)</c> is called on it.</summary>
        Disposed,

        /// <summary>Returned, stored, passed to a method that may own it, or captured by a lambda: someone else's job.</summary>
        Escapes,
    }

    /// <summary>
    /// Follows a local through its operation block to tell whether the value it holds is disposed. Deliberately
    /// conservative: any use it does not understand counts as an escape, so a leak is reported only when every use is
    /// a plain read (member access, foreach, comparison) or an argument to a method that is known not to take ownership.
    /// </summary>
    internal static class LocalLifetime
    {
        /// <summary>The fate of <paramref name="local"/>, declared by <paramref name="declarator"/>.</summary>
        /// <param name="nonOwning">Types whose methods only borrow their arguments (an ONNX session running an OrtValue).</param>
        /// <param name="isReassigned">True when the local is written after its declaration (then <c>using</c> cannot be added).</param>
        public static LocalFate Follow(ILocalSymbol local, IOperation declarator, ICollection<INamedTypeSymbol> nonOwning, out bool isReassigned)
        {
            isReassigned = false;
            var declaringFunction = declarator.EnclosingFunction();
            var fate = LocalFate.Leaked;
            foreach (var operation in declarator.Root().Descendants())
            {
                if (operation is not ILocalReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Local, local))
                {
                    continue;
                }

                // Captured by a lambda or local function: it lives as long as that does.
                if (!ReferenceEquals(reference.EnclosingFunction(), declaringFunction))
                {
                    return LocalFate.Escapes;
                }

                switch (Classify(reference, nonOwning, ref isReassigned))
                {
                    case LocalFate.Escapes:
                        return LocalFate.Escapes;
                    case LocalFate.Disposed:
                        fate = LocalFate.Disposed;
                        break;
                }
            }

            return fate;
        }

        private static LocalFate Classify(ILocalReferenceOperation reference, ICollection<INamedTypeSymbol> nonOwning, ref bool isReassigned)
        {
            IOperation child = reference;
            var parent = reference.Parent;
            while (parent is IConversionOperation)
            {
                child = parent;
                parent = parent.Parent;
            }

            switch (parent)
            {
                case IInvocationOperation invocation when ReferenceEquals(invocation.Instance, child):
                    return IsDispose(invocation.TargetMethod) ? LocalFate.Disposed
                        : IsMovedOut(invocation.TargetMethod) ? LocalFate.Escapes
                        : LocalFate.Leaked;
                case IConditionalAccessOperation conditional when ReferenceEquals(conditional.Operation, child):
                    return conditional.WhenNotNull is IInvocationOperation call && IsDispose(call.TargetMethod) ? LocalFate.Disposed : LocalFate.Leaked;
                case IUsingOperation:
                    return LocalFate.Disposed;
                case IPropertyReferenceOperation:
                case IFieldReferenceOperation:
                case IForEachLoopOperation:
                case IBinaryOperation:
                case IIsPatternOperation:
                case IIsTypeOperation:
                case ICoalesceOperation:
                case IExpressionStatementOperation:
                    return LocalFate.Leaked;
                case ISimpleAssignmentOperation assignment when ReferenceEquals(assignment.Target, child):
                    isReassigned = true;
                    return LocalFate.Leaked;
                case IArgumentOperation argument:
                    return IsBorrowed(argument, nonOwning) ? LocalFate.Leaked : LocalFate.Escapes;
                case IArrayInitializerOperation initializer:
                    // new[] { value } handed straight to a borrowing method (session.Run(names, new[] { input })).
                    var array = initializer.Parent;
                    var arrayParent = array?.Parent;
                    while (arrayParent is IConversionOperation)
                    {
                        arrayParent = arrayParent.Parent;
                    }

                    return array is IArrayCreationOperation && arrayParent is IArgumentOperation arrayArgument && IsBorrowed(arrayArgument, nonOwning)
                        ? LocalFate.Leaked
                        : LocalFate.Escapes;
                default:
                    return LocalFate.Escapes;
            }
        }

        /// <summary>TorchSharp's way to keep a tensor beyond its dispose scope: the caller owns it from then on.</summary>
        internal static bool IsMovedOut(IMethodSymbol method) =>
            method.Name == "MoveToOuterDisposeScope" || method.Name == "DetachFromDisposeScope" || method.Name == "MoveToOtherDisposeScope";

        /// <summary>True when the method the argument goes to only reads it (a method of a non-owning type).</summary>
        internal static bool IsBorrowed(IArgumentOperation argument, ICollection<INamedTypeSymbol> nonOwning)
        {
            if (argument.Parameter?.RefKind != RefKind.None)
            {
                return false;
            }

            var method = argument.Parent switch
            {
                IInvocationOperation invocation => invocation.TargetMethod,
                IObjectCreationOperation creation => creation.Constructor,
                _ => null,
            };
            // The declaring type, its bases, and the types it is nested in (torch.nn.functional belongs to torch).
            for (var type = method?.ContainingType; type != null; type = type.BaseType)
            {
                for (var outer = type; outer != null; outer = outer.ContainingType)
                {
                    if (nonOwning.Contains(outer.OriginalDefinition))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool IsDispose(IMethodSymbol method) =>
            method.Name == nameof(System.IDisposable.Dispose) || method.Name == "DisposeAsync";
    }
}
