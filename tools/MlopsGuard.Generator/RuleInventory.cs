using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using MlopsGuard.Analyzers.Infrastructure;
using MlopsGuard.CodeFixes;

namespace MlopsGuard.Generator
{
    /// <summary>What the shipped assemblies really contain: analyzers with their descriptors, and the fixable IDs.</summary>
    public static class RuleInventory
    {
        public static IReadOnlyList<DiagnosticAnalyzer> Analyzers { get; } = Instantiate<DiagnosticAnalyzer>(typeof(MlopsAnalyzer).Assembly);

        public static IReadOnlyList<CodeFixProvider> Fixers { get; } = Instantiate<CodeFixProvider>(typeof(UnseededMLContextFixer).Assembly);

        /// <summary>Every descriptor of every analyzer, by ID.</summary>
        public static IReadOnlyDictionary<string, DiagnosticDescriptor> Descriptors { get; } =
            Analyzers.SelectMany(a => a.SupportedDiagnostics)
                .GroupBy(d => d.Id, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        public static ISet<string> FixableIds { get; } =
            new HashSet<string>(Fixers.SelectMany(f => f.FixableDiagnosticIds), StringComparer.Ordinal);

        private static IReadOnlyList<T> Instantiate<T>(System.Reflection.Assembly assembly) =>
            assembly.GetTypes()
                .Where(t => typeof(T).IsAssignableFrom(t) && !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) != null)
                .OrderBy(t => t.FullName, StringComparer.Ordinal)
                .Select(t => (T)Activator.CreateInstance(t)!)
                .ToList();
    }
}
