using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using MlopsGuard.Analyzers.Infrastructure;

namespace MlopsGuard.Analyzers.Rules
{
    /// <summary>
    /// MLG6003: ONNX Runtime sessions, OrtValues and run results held in a local that nobody disposes, and TorchSharp
    /// tensors created in a loop with no dispose scope. They hold native memory the garbage collector does not see. Tensors the
    /// loop keeps (returned, yielded, added to a collection, stored beyond the iteration, moved out of a scope) are not leaks,
    /// and a session created per request is left to MLG6002, whose fix (load once) is the one that line needs.
    /// </summary>
    public sealed class UndisposedMlResourceRule : MlopsRule
    {
        internal static readonly DiagnosticDescriptor Descriptor = RuleDescriptors.Create(RuleIdentifiers.UndisposedMlResource);

        /// <summary>Diagnostic property set when adding <c>using</c> to the local declaration is the fix.</summary>
        internal const string FixProperty = "Fix";

        internal const string UsingFix = "Using";

        private static readonly ImmutableDictionary<string, string?> UsingFixProperties =
            ImmutableDictionary<string, string?>.Empty.Add(FixProperty, UsingFix);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        internal override void OnCompilationStart(MlopsCompilationStart context, MlTypes types)
        {
            var diagnostics = context.DiagnosticFor(Descriptor);
            var session = types.InferenceSession;
            var ortValue = types.OrtValue;
            var torch = types.Torch;
            var tensor = types.TorchTensor;
            var disposable = context.Compilation.GetSpecialType(SpecialType.System_IDisposable);

            var borrowers = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
            // Methods of these types read their arguments without taking ownership of them.
            foreach (var type in new[] { session, ortValue, types.Get("System.Linq.Enumerable"), torch, tensor, types.Get("TorchSharp.torch+nn+Module") })
            {
                if (type != null)
                {
                    borrowers.Add(type);
                }
            }

            var perRequest = new PerRequestLoads(types);
            if (session != null || ortValue != null)
            {
                context.RegisterOperationAction(
                    operationContext =>
                    {
                        var operation = operationContext.Operation;
                        var what = ResourceCreated(operation);
                        if (what is null)
                        {
                            return;
                        }

                        // A session created per request is MLG6002's: loading it once is the fix, and disposing it here is not.
                        if (operation is IObjectCreationOperation && perRequest.WhereLoaded(operation, operationContext.ContainingSymbol) != null)
                        {
                            return;
                        }

                        var parent = SkipConversions(operation.Parent);
                        if (parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
                        {
                            if (IsUsingDeclaration(declarator))
                            {
                                return;
                            }

                            var fate = LocalLifetime.Follow(declarator.Symbol, declarator, borrowers, out var reassigned);
                            if (fate == LocalFate.Leaked)
                            {
                                // A value read from it is returned (return results.First().Value): it may live in the native
                                // buffer a 'using' would free, so the advice is to copy it first, and no fix adds 'using'.
                                if (IsReadIntoReturnedValue(declarator.Symbol, declarator))
                                {
                                    operationContext.ReportDiagnostic(diagnostics.Create(
                                        operation.Syntax.GetLocation(), what, "copy the values you return out of it (ToArray(), Clone()), then dispose it"));
                                    return;
                                }

                                var properties = !reassigned && IsSingleDeclaratorStatement(declarator) ? UsingFixProperties : null;
                                operationContext.ReportDiagnostic(diagnostics.Create(
                                    operation.Syntax.GetLocation(), properties, what, "declare it with 'using' or dispose it when done"));
                            }
                        }
                        else if (IsDiscardedTemporary(operation, parent))
                        {
                            operationContext.ReportDiagnostic(diagnostics.Create(
                                operation.Syntax.GetLocation(), what, "keep it in a 'using' local and read it from there"));
                        }
                    },
                    OperationKind.ObjectCreation,
                    OperationKind.Invocation);
            }

            if (torch != null && tensor != null)
            {
                context.RegisterOperationAction(
                    operationContext =>
                    {
                        var loop = (ILoopOperation)operationContext.Operation;
                        IOperation? first = null;
                        var keepsTensors = false;
                        foreach (var operation in loop.Body.DescendantsInSameFunction())
                        {
                            if (!CreatesTensor(operation) || !ReferenceEquals(operation.EnclosingLoopBody(), loop) || IsInDisposeScope(operation))
                            {
                                continue;
                            }

                            if (IsOwnedElsewhere(operation, loop))
                            {
                                keepsTensors = true;
                            }
                            else if (first is null || IsBefore(operation.Syntax.Span, first.Syntax.Span))
                            {
                                first = operation;
                            }
                        }

                        if (first != null)
                        {
                            // A scope over the body would also dispose the tensors the loop keeps: say how to keep them.
                            var fix = keepsTensors
                                ? "open 'using var scope = torch.NewDisposeScope();' at the start of the loop body and call MoveToOuterDisposeScope() on the tensors it keeps"
                                : "open 'using var scope = torch.NewDisposeScope();' at the start of the loop body";
                            operationContext.ReportDiagnostic(diagnostics.Create(first.Syntax.GetLocation(), "A tensor created in this loop", fix));
                        }
                    },
                    OperationKind.Loop);
            }

            string? ResourceCreated(IOperation operation)
            {
                switch (operation)
                {
                    case IObjectCreationOperation creation when session != null && SymbolEqualityComparer.Default.Equals(creation.Type, session):
                        return "This InferenceSession";
                    case IInvocationOperation invocation when ortValue != null
                        && invocation.TargetMethod.IsStatic
                        && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, ortValue)
                        && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ReturnType, ortValue):
                        return "This OrtValue";
                    case IInvocationOperation invocation when session != null
                        && !invocation.TargetMethod.IsStatic
                        && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, session)
                        && IsDisposable(invocation.TargetMethod.ReturnType):
                        return $"The result of '{invocation.TargetMethod.Name}'";
                    default:
                        return null;
                }
            }

            bool IsDisposable(ITypeSymbol type) =>
                SymbolEqualityComparer.Default.Equals(type, disposable) || type.AllInterfaces.Contains(disposable, SymbolEqualityComparer.Default);

            bool IsDiscardedTemporary(IOperation operation, IOperation? parent)
            {
                switch (parent)
                {
                    case IExpressionStatementOperation:
                    case IForEachLoopOperation:
                        return true;
                    case IInvocationOperation invocation when ReferenceEquals(SkipConversionsDown(invocation.Instance), operation):
                        return !LocalLifetimeIsDispose(invocation.TargetMethod);
                    case IPropertyReferenceOperation property when ReferenceEquals(SkipConversionsDown(property.Instance), operation):
                        return true;
                    case IArrayInitializerOperation { Parent: IArrayCreationOperation array }:
                        // session.Run(options, names, new[] { OrtValue.Create…(…) }, outputs): nobody holds the input to dispose it.
                        return SkipConversions(array.Parent) is IArgumentOperation { Parent: IInvocationOperation runCall }
                            && SymbolEqualityComparer.Default.Equals(runCall.TargetMethod.ContainingType, session);
                    case IArgumentOperation { Parent: IInvocationOperation call } argument:
                        // session.Run(inputs).First(): the results are the source of a LINQ query and are lost.
                        return call.TargetMethod.IsExtensionMethod
                            && call.Arguments.Length > 0
                            && ReferenceEquals(call.Arguments[0], argument)
                            && borrowers.Contains(call.TargetMethod.ContainingType);
                    default:
                        return false;
                }
            }

            bool CreatesTensor(IOperation operation)
            {
                var (method, type) = operation switch
                {
                    IInvocationOperation invocation => (invocation.TargetMethod, invocation.Type),
                    IBinaryOperation binary => (binary.OperatorMethod, binary.Type),
                    IUnaryOperation unary => (unary.OperatorMethod, unary.Type),
                    _ => (null, null),
                };

                // In-place operations (add_, zero_) and scope moves return the tensor they were called on.
                if (method is null || method.Name.EndsWith("_", System.StringComparison.Ordinal) || LocalLifetime.IsMovedOut(method))
                {
                    return false;
                }

                return types.IsTorchTensor(type);
            }

            bool IsDisposeScope(IOperation? operation) =>
                SkipConversionsDown(operation) is IInvocationOperation invocation
                && invocation.TargetMethod.Name == "NewDisposeScope"
                && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, torch);

            bool DeclaresDisposeScope(IOperation? resources)
            {
                if (IsDisposeScope(resources))
                {
                    return true;
                }

                if (resources is IVariableDeclarationGroupOperation group)
                {
                    foreach (var declaration in group.Declarations)
                    {
                        foreach (var declarator in declaration.Declarators)
                        {
                            if (IsDisposeScope(declarator.Initializer?.Value ?? declaration.Initializer?.Value))
                            {
                                return true;
                            }
                        }
                    }
                }

                return false;
            }

            bool IsInDisposeScope(IOperation operation)
            {
                var child = operation;
                for (var current = operation.Parent; current != null; child = current, current = current.Parent)
                {
                    if (current is IUsingOperation usingStatement && ReferenceEquals(usingStatement.Body, child) && DeclaresDisposeScope(usingStatement.Resources))
                    {
                        return true;
                    }

                    if (current is IBlockOperation block)
                    {
                        foreach (var statement in block.Operations)
                        {
                            if (ReferenceEquals(statement, child))
                            {
                                break;
                            }

                            if (statement is IUsingDeclarationOperation usingDeclaration && DeclaresDisposeScope(usingDeclaration.DeclarationGroup))
                            {
                                return true;
                            }
                        }
                    }
                }

                return false;
            }

            // A tensor in a 'using' local or disposed is no leak; one the loop keeps — returned or yielded, added to a collection,
            // stored in a member, an array or a variable that outlives the iteration, moved out of its dispose scope — is not a
            // temporary of the loop at all.
            bool IsKeptLocal(ILocalSymbol local, ILoopOperation loop)
            {
                foreach (var descendant in loop.Body.Descendants())
                {
                    if (descendant is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local))
                    {
                        return LocalLifetime.Follow(local, declarator, borrowers, out _) == LocalFate.Escapes;
                    }
                }

                return false;
            }

            bool IsOwnedElsewhere(IOperation operation, ILoopOperation loop)
            {
                // (tensor, label): a tuple, or an anonymous object, carries the tensor wherever it goes.
                var parent = SkipConversions(operation.Parent);
                while (parent is ITupleOperation || parent is IAnonymousObjectCreationOperation || parent is IPropertyInitializerOperation)
                {
                    operation = parent;
                    parent = SkipConversions(parent.Parent);
                }

                switch (parent)
                {
                    case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                        return IsUsingDeclaration(declarator)
                            || LocalLifetime.Follow(declarator.Symbol, declarator, borrowers, out _) != LocalFate.Leaked;
                    case IReturnOperation:
                    case ISimpleAssignmentOperation { Target: IMemberReferenceOperation }:
                    case ISimpleAssignmentOperation { Target: IArrayElementReferenceOperation }:
                        return true;
                    case ISimpleAssignmentOperation { Target: ILocalReferenceOperation outer }:
                        // A variable of the loop body, reassigned (batch = transform.call(batch)): kept when the variable is.
                        return !outer.Local.IsDeclaredInside(loop.Body) || IsKeptLocal(outer.Local, loop);
                    case IArgumentOperation argument:
                        return !LocalLifetime.IsBorrowed(argument, borrowers);
                    case IInvocationOperation invocation when ReferenceEquals(SkipConversionsDown(invocation.Instance), operation):
                        return LocalLifetimeIsDispose(invocation.TargetMethod) || LocalLifetime.IsMovedOut(invocation.TargetMethod);
                    default:
                        return false;
                }
            }
        }

        /// <summary>True when a return of the method gives out an object read from the local (<c>return results.First().AsTensor&lt;float&gt;();</c>).</summary>
        private static bool IsReadIntoReturnedValue(ILocalSymbol local, IOperation declarator)
        {
            foreach (var operation in declarator.Root().Descendants())
            {
                // A number or a string read from it is a copy; an object may still point into its native memory.
                if (operation is IReturnOperation { ReturnedValue: IOperation returned }
                    && returned.WithoutConversions().Type is { IsValueType: false, SpecialType: not SpecialType.System_String })
                {
                    foreach (var part in returned.DescendantsAndSelf())
                    {
                        if (part is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        /// <summary>Source order; of two calls that start together (a chain), the inner one comes first.</summary>
        private static bool IsBefore(Microsoft.CodeAnalysis.Text.TextSpan span, Microsoft.CodeAnalysis.Text.TextSpan other) =>
            span.Start < other.Start || (span.Start == other.Start && span.Length < other.Length);

        private static bool LocalLifetimeIsDispose(IMethodSymbol method) => method.Name == nameof(System.IDisposable.Dispose);

        private static IOperation? SkipConversions(IOperation? operation)
        {
            while (operation is IConversionOperation)
            {
                operation = operation.Parent;
            }

            return operation;
        }

        private static IOperation? SkipConversionsDown(IOperation? operation) => operation?.WithoutConversions();

        private static bool IsUsingDeclaration(IVariableDeclaratorOperation declarator) =>
            declarator.Parent is IVariableDeclarationOperation { Parent: IVariableDeclarationGroupOperation group }
            && (group.Parent is IUsingDeclarationOperation || group.Parent is IUsingOperation);

        /// <summary>True when the declaration is a plain statement of one variable, where <c>using</c> can be added.</summary>
        private static bool IsSingleDeclaratorStatement(IVariableDeclaratorOperation declarator) =>
            declarator.Parent is IVariableDeclarationOperation { Declarators.Length: 1, Parent: IVariableDeclarationGroupOperation { Declarations.Length: 1 } group }
            && (group.Parent is IBlockOperation || group.Parent is null);
    }
}
