using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MlopsGuard.Analyzers.Infrastructure
{
    /// <summary>
    /// The value of each local of one operation tree (a method body, a lambda with its method, a field initializer)
    /// that is written exactly once: the simple data flow the rules follow. A local written twice, by <c>ref</c>/<c>out</c>,
    /// by a compound assignment or by a deconstruction has no single value and is not followed.
    /// The same walk lists the tree's calls (<see cref="Calls"/>), so that rules searching their method for a call do not
    /// walk it again.
    /// </summary>
    internal sealed class LocalValues
    {
        /// <summary>How many locals-of-locals are followed before giving up (guards against pathological chains).</summary>
        private const int MaxHops = 12;

        /// <summary>How many trees <see cref="Recent"/> remembers: more than the threads that analyze at once.</summary>
        private const int RecentCount = 8;

        /// <summary>The walk's stack, kept per thread between walks (a walk takes it, so a nested walk gets one of its own).</summary>
        [ThreadStatic]
        private static IOperation.OperationList.Enumerator[]? t_walkStack;

        private static readonly List<IOperation> NoWrites = new List<IOperation>();

        /// <summary>The tree's writes to locals, in walk order: declarators with an initializer, assignments, untracked writes.</summary>
        private readonly List<IOperation>? _writes;

        /// <summary>
        /// Each written local's one value, or null when it was written more than once or in a way that cannot be followed.
        /// Built from <see cref="_writes"/> on the first question about a local: most trees are only asked for their calls.
        /// </summary>
        private Dictionary<ILocalSymbol, IOperation?>? _values;

        private LocalValues(IOperation root)
        {
            Root = root;
            ImmutableArray<IInvocationOperation>.Builder? calls = null;
            List<IOperation>? writes = null;

            // Pre-order over ChildOperations with a stack of struct enumerators: the same order as Descendants(), without its
            // boxed enumerator and interface calls per operation, and no recursion for deep trees (a long a + b + c chain).
            var stack = t_walkStack ?? new IOperation.OperationList.Enumerator[16];
            t_walkStack = null;
            var depth = 0;
            Visit(root, ref calls, ref writes);
            stack[depth++] = root.ChildOperations.GetEnumerator();
            while (depth > 0)
            {
                if (!stack[depth - 1].MoveNext())
                {
                    // Cleared, so the kept stack holds no operation of this compilation alive.
                    stack[--depth] = default;
                    continue;
                }

                var child = stack[depth - 1].Current;
                Visit(child, ref calls, ref writes);
                if (depth == stack.Length)
                {
                    Array.Resize(ref stack, depth * 2);
                }

                stack[depth++] = child.ChildOperations.GetEnumerator();
            }

            t_walkStack = stack;
            Calls = calls is null ? ImmutableArray<IInvocationOperation>.Empty : calls.ToImmutable();
            _writes = writes;
        }

        /// <summary>The outermost operation of the tree: the body whose locals are known.</summary>
        public IOperation Root { get; }

        /// <summary>Every invocation of the tree, lambdas and local functions included, in the order of the walk (not source order).</summary>
        public ImmutableArray<IInvocationOperation> Calls { get; }

        /// <summary>The locals of the whole tree that contains <paramref name="operation"/>.</summary>
        /// <remarks>
        /// The analyzer driver runs every rule over one method body before it moves on, so the trees asked for last are
        /// nearly always the one asked for again: the compilation remembers the last few (<see cref="Recent"/>). A weak table
        /// keyed by tree, as before, cost more than the walk it saved (a GC handle for every method body of the compilation).
        /// A tree no longer remembered is simply walked again.
        /// </remarks>
        public static LocalValues For(IOperation operation)
        {
            var root = operation;
            while (root.Parent is IOperation parent)
            {
                root = parent;
            }

            if (operation.SemanticModel is not SemanticModel model)
            {
                return new LocalValues(root);
            }

            return MlTypes.For(model.Compilation).RecentLocalValues.GetOrAdd(root);
        }

        /// <summary>The one value ever assigned to <paramref name="local"/>.</summary>
        public bool TryGetSingleValue(ILocalSymbol local, out IOperation value)
        {
            var values = Volatile.Read(ref _values) ?? BuildValues();
            if (values.TryGetValue(local, out var single) && single is not null)
            {
                value = single;
                return true;
            }

            value = null!;
            return false;
        }

        /// <summary>True when <paramref name="local"/> is assigned once (so its value at any use is that value).</summary>
        public bool IsAssignedOnce(ILocalSymbol local) => TryGetSingleValue(local, out _);

        /// <summary>The expression under conversions and locals assigned once: where the value really comes from.</summary>
        public IOperation Resolve(IOperation operation)
        {
            for (var hop = 0; hop < MaxHops; hop++)
            {
                operation = operation.WithoutConversions();
                if (operation is ILocalReferenceOperation reference && TryGetSingleValue(reference.Local, out var value))
                {
                    operation = value;
                    continue;
                }

                break;
            }

            return operation.WithoutConversions();
        }

        /// <summary>Sorts one operation of the walk: a call, a write to a local, or (nearly always) neither.</summary>
        private static void Visit(IOperation operation, ref ImmutableArray<IInvocationOperation>.Builder? calls, ref List<IOperation>? writes)
        {
            // By kind first: a test against an interface costs more than reading the kind, and most operations are none of these.
            switch (operation.Kind)
            {
                case OperationKind.Invocation:
                    (calls ??= ImmutableArray.CreateBuilder<IInvocationOperation>()).Add((IInvocationOperation)operation);
                    break;
                case OperationKind.VariableDeclarator:
                    (writes ??= new List<IOperation>()).Add(operation);
                    break;
                case OperationKind.SimpleAssignment:
                    // Most assignments set a field or property (object initializers are full of them): only a local's are kept.
                    if (((ISimpleAssignmentOperation)operation).Target.Kind == OperationKind.LocalReference)
                    {
                        (writes ??= new List<IOperation>()).Add(operation);
                    }

                    break;
                case OperationKind.LocalReference:
                    if (IsUntrackedWrite((ILocalReferenceOperation)operation))
                    {
                        (writes ??= new List<IOperation>()).Add(operation);
                    }

                    break;
            }
        }

        /// <summary>The locals' values from the writes; threads that race build equal tables, and either one is kept.</summary>
        private Dictionary<ILocalSymbol, IOperation?> BuildValues()
        {
            var values = new Dictionary<ILocalSymbol, IOperation?>(SymbolEqualityComparer.Default);
            foreach (var write in _writes ?? NoWrites)
            {
                switch (write)
                {
                    case IVariableDeclaratorOperation declarator:
                        if (declarator.GetVariableInitializer() is IVariableInitializerOperation initializer)
                        {
                            Record(values, declarator.Symbol, initializer.Value);
                        }

                        break;
                    case ISimpleAssignmentOperation assignment:
                        if (assignment.Target is ILocalReferenceOperation target)
                        {
                            Record(values, target.Local, assignment.Value);
                        }

                        break;
                    case ILocalReferenceOperation reference:
                        values[reference.Local] = null;
                        break;
                }
            }

            return Interlocked.CompareExchange(ref _values, values, null) ?? values;
        }

        private static void Record(Dictionary<ILocalSymbol, IOperation?> values, ILocalSymbol local, IOperation value)
        {
            values[local] = values.ContainsKey(local) ? null : value;
        }

        /// <summary>A write that is not a plain <c>local = value</c>: out/ref, compound, increment, deconstruction, <c>out var</c>.</summary>
        private static bool IsUntrackedWrite(ILocalReferenceOperation reference)
        {
            if (reference.IsDeclaration)
            {
                return true;
            }

            switch (reference.Parent)
            {
                case IArgumentOperation argument:
                    return argument.Parameter is IParameterSymbol parameter && (parameter.RefKind == RefKind.Ref || parameter.RefKind == RefKind.Out);
                case ICompoundAssignmentOperation compound:
                    return compound.Target == reference;
                case ICoalesceAssignmentOperation coalesce:
                    return coalesce.Target == reference;
                case IIncrementOrDecrementOperation _:
                case ITupleOperation _:
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>
        /// The trees of one compilation whose locals were worked out last (see <see cref="For"/>). Threads may race: a slot
        /// holds a whole, finished instance or another one, so the worst a race does is walk a tree twice.
        /// </summary>
        internal sealed class Recent
        {
            private readonly LocalValues?[] _slots = new LocalValues?[RecentCount];
            private int _next;

            public LocalValues GetOrAdd(IOperation root)
            {
                foreach (var slot in _slots)
                {
                    if (slot is not null && slot.Root == root)
                    {
                        return slot;
                    }
                }

                var created = new LocalValues(root);
                Volatile.Write(ref _slots[(int)((uint)Interlocked.Increment(ref _next) % RecentCount)], created);
                return created;
            }
        }
    }
}
