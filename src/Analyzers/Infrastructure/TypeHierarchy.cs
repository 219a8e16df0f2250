using Microsoft.CodeAnalysis;

namespace MlopsGuard.Analyzers.Infrastructure
{
    /// <summary>Inheritance checks by symbol (generic types compared by their original definition).</summary>
    internal static class TypeHierarchy
    {
        /// <summary>True when <paramref name="type"/> is <paramref name="baseType"/> or derives from it.</summary>
        public static bool IsOrDerivesFrom(this ITypeSymbol? type, INamedTypeSymbol? baseType)
        {
            if (baseType is null)
            {
                return false;
            }

            for (var current = type; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when <paramref name="type"/> is, or implements, the generic interface <paramref name="genericInterface"/> (any type arguments).</summary>
        public static bool IsOrImplements(this ITypeSymbol? type, INamedTypeSymbol? genericInterface)
        {
            if (type is null || genericInterface is null)
            {
                return false;
            }

            if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, genericInterface))
            {
                return true;
            }

            // An array implements only the collection interfaces, which no rule asks about; listing them is costly.
            if (type is IArrayTypeSymbol)
            {
                return false;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, genericInterface))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// True when the symbol is declared directly in the namespace <paramref name="dottedName"/> (<c>"Microsoft.ML.Data"</c>),
        /// compared part by part from the innermost, without building the namespace's name.
        /// </summary>
        public static bool IsInNamespace(this ISymbol symbol, string dottedName)
        {
            var end = dottedName.Length;
            for (var ns = symbol.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
            {
                var start = dottedName.LastIndexOf('.', end - 1) + 1;
                var name = ns.Name;
                if (end - start != name.Length || string.CompareOrdinal(dottedName, start, name, 0, name.Length) != 0)
                {
                    return false;
                }

                if (start == 0)
                {
                    return ns.ContainingNamespace is { IsGlobalNamespace: true };
                }

                end = start - 1;
            }

            return false;
        }
    }
}
