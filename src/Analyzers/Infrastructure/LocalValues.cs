using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
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

        /// <summary>
        /// One instance per operation tree, shared by every rule and call that asks (it is read-only once built); weak keys,
        /// so it goes with the tree.
        /// </summary>
        private static readonly ConditionalWeakTable<IOperation, LocalValues> Cache = new ConditionalWeakTable<IOperation, LocalValues>();

        private static readonly ConditionalWeakTable<IOperation, LocalValues>.CreateValueCallback Create = root => new LocalValues(root);

        /// <summary>A local mapped to null was written more than once or in a way that cannot be followed.</summary>
        private readonly Dictionary<ILocalSymbol, IOperation?> _values = new Dictionary<ILocalSymbol, IOperation?>(SymbolEqualityComparer.Default);

        private LocalValues(IOperation root)
        {
            Root = root;
            var calls = ImmutableArray.CreateBuilder<IInvocationOperation>();
            foreach (var operation in root.DescendantsAndSelf())
            {
                switch (operation)
                {
                    case IInvocationOperation invocation:
                        calls.Add(invocation);
                        break;
                    case IVariableDeclaratorOperation declarator when declarator.GetVariableInitializer() is IVariableInitializerOperation initializer:
                        Record(declarator.Symbol, initializer.Value);
                        break;
                    case ISimpleAssignmentOperation assignment when assignment.Target is ILocalReferenceOperation target:
                        Record(target.Local, assignment.Value);
                        break;
                    case ILocalReferenceOperation reference when IsUntrackedWrite(reference):
                        _values[reference.Local] = null;
                        break;
                }
            }

            Calls = calls.ToImmutable();
        }

        /// <summary>The outermost operation of the tree: the body whose locals are known.</summary>
        public IOperation Root { get; }

        /// <summary>Every invocation of the tree, lambdas and local functions included, in the order of the walk (not source order).</summary>
        public ImmutableArray<IInvocationOperation> Calls { get; }

        /// <summary>The locals of the whole tree that contains <paramref name="operation"/>.</summary>
        public static LocalValues For(IOperation operation)
        {
            var root = operation;
            while (root.Parent is IOperation parent)
            {
                root = parent;
            }

            return Cache.GetValue(root, Create);
        }

        /// <summary>The one value ever assigned to <paramref name="local"/>.</summary>
        public bool TryGetSingleValue(ILocalSymbol local, out IOperation value)
        {
            if (_values.TryGetValue(local, out var single) && single is not null)
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

        private void Record(ILocalSymbol local, IOperation value)
        {
            _values[local] = _values.ContainsKey(local) ? null : value;
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
    }
}
