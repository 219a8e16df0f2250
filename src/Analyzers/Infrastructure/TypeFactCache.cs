using System;
using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;

namespace MlopsGuard.Analyzers.Infrastructure
{
    /// <summary>
    /// A yes/no fact about a type, computed once per type of one compilation: rules that ask it on every call meet the
    /// same few types (StringBuilder, Enumerable, Console…) thousands of times, and a dictionary hit is cheaper than a walk of
    /// base types, interfaces or members. Create one per compilation (in the compilation-start action).
    /// </summary>
    internal sealed class TypeFactCache
    {
        private readonly ConcurrentDictionary<ITypeSymbol, bool> _facts = new ConcurrentDictionary<ITypeSymbol, bool>(SymbolEqualityComparer.Default);
        private readonly Func<ITypeSymbol, bool> _compute;

        public TypeFactCache(Func<ITypeSymbol, bool> compute)
        {
            _compute = compute;
        }

        public bool Holds(ITypeSymbol? type) => type is not null && _facts.GetOrAdd(type, _compute);
    }
}
