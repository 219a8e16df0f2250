using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace MlopsGuard.Analyzers.Infrastructure
{
    /// <summary>
    /// A yes/no fact about a symbol's definition, computed once per definition in one compilation: rules that ask it on every
    /// call meet the same few types and methods (StringBuilder, Enumerable, Console.WriteLine…) thousands of times, and a
    /// dictionary hit is cheaper than a walk of base types, interfaces, members or parameters. Create one per compilation (in
    /// the compilation-start action, or in <see cref="MlTypes"/>), never in a static field: the keys would keep old
    /// compilations alive.
    /// </summary>
    /// <remarks>
    /// Looked up by <see cref="ISymbol.OriginalDefinition"/>, so the fact must hold for every construction of a generic type or
    /// method alike (as "is or derives from, whatever the type arguments" does). Roslyn builds a new object for a constructed
    /// type or method (<c>PredictionEngine&lt;In, Out&gt;</c>, <c>List&lt;Order&gt;</c>) at nearly every use, and one for a type
    /// with a nullable annotation; the definition is one object, without annotation. Keyed by those objects, the cache missed
    /// on most generic calls, walked all interfaces again and only grew.
    /// Keyed by reference, which costs far less than symbol equality (that hashes type arguments). Two objects for one
    /// definition would merely compute the fact twice.
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

        public bool Holds(TSymbol? symbol) =>
            symbol is not null
            && (symbol is IArrayTypeSymbol || symbol is IPointerTypeSymbol
                ? _compute(symbol) // a new object at each use, with no definition to share: kept, they would only pile up
                : _facts.GetOrAdd((TSymbol)symbol.OriginalDefinition, _compute));

        private sealed class ByReference : IEqualityComparer<TSymbol>
        {
            public static readonly ByReference Instance = new ByReference();

            public bool Equals(TSymbol? x, TSymbol? y) => ReferenceEquals(x, y);

            public int GetHashCode(TSymbol obj) => RuntimeHelpers.GetHashCode(obj);
        }
    }
}
