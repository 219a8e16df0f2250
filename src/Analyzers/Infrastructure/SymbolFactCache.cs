using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace MlopsGuard.Analyzers.Infrastructure
{
    /// <summary>
    /// A yes/no fact about a symbol, computed once per symbol of one compilation: rules that ask it on every call meet the
    /// same few types and methods (StringBuilder, Enumerable, Console.WriteLine…) thousands of times, and a dictionary hit is
    /// cheaper than a walk of base types, interfaces, members or parameters. Create one per compilation (in the
    /// compilation-start action, or in <see cref="MlTypes"/>), never in a static field: the keys would keep old
    /// compilations alive.
    /// </summary>
    /// <remarks>
    /// Keyed by reference, which costs far less than symbol equality (that hashes type arguments): Roslyn hands out one object
    /// per symbol, and usually the same object for the same constructed type. Not for a type with a nullable annotation
    /// (<c>string?</c>, or any reference type in a nullable-enabled file): that is a new object at every use, so types are
    /// looked up without their annotation. Two objects for one symbol merely compute the fact twice.
    /// </remarks>
    internal sealed class SymbolFactCache<TSymbol>
        where TSymbol : class, ISymbol
    {
        private readonly ConcurrentDictionary<TSymbol, bool> _facts = new ConcurrentDictionary<TSymbol, bool>(ByReference.Instance);
        private readonly Func<TSymbol, bool> _compute;

        public SymbolFactCache(Func<TSymbol, bool> compute)
        {
            _compute = compute;
        }

        public bool Holds(TSymbol? symbol) => symbol is not null && _facts.GetOrAdd(Unannotated(symbol), _compute);

        private static TSymbol Unannotated(TSymbol symbol) =>
            symbol is ITypeSymbol type && type.NullableAnnotation != NullableAnnotation.None
                ? (TSymbol)type.WithNullableAnnotation(NullableAnnotation.None)
                : symbol;

        private sealed class ByReference : IEqualityComparer<TSymbol>
        {
            public static readonly ByReference Instance = new ByReference();

            public bool Equals(TSymbol? x, TSymbol? y) => ReferenceEquals(x, y);

            public int GetHashCode(TSymbol obj) => RuntimeHelpers.GetHashCode(obj);
        }
    }
}
