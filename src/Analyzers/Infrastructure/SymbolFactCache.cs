using System;
using System.Collections.Concurrent;
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
    internal sealed class SymbolFactCache<TSymbol>
        where TSymbol : class, ISymbol
    {
        private readonly ConcurrentDictionary<TSymbol, bool> _facts = new ConcurrentDictionary<TSymbol, bool>(SymbolEqualityComparer.Default);
        private readonly Func<TSymbol, bool> _compute;

        public SymbolFactCache(Func<TSymbol, bool> compute)
        {
            _compute = compute;
        }

        public bool Holds(TSymbol? symbol) => symbol is not null && _facts.GetOrAdd(symbol, _compute);
    }
}
