using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using MlopsGuard.Analyzers;
using MlopsGuard.Analyzers.Infrastructure;
using MlopsGuard.CodeFixes;

namespace MlopsGuard.Generator
{
    /// <summary>What the shipped assemblies really contain: the analyzer, its rules and their descriptors, and the fixable IDs.</summary>
    public static class RuleInventory
    {
        /// <summary>The one analyzer the package ships, with every rule.</summary>
        public static MlopsGuardAnalyzer Analyzer { get; } = new MlopsGuardAnalyzer();

        /// <summary>The analyzer as the compiler takes it, for <c>Compilation.WithAnalyzers</c>.</summary>
        public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } = ImmutableArray.Create<DiagnosticAnalyzer>(Analyzer);

        public static IReadOnlyList<MlopsRule> Rules => Analyzer.Rules;

        public static IReadOnlyList<CodeFixProvider> Fixers { get; } = Instantiate<CodeFixProvider>(typeof(UnseededMLContextFixer).Assembly);

        /// <summary>Every descriptor of every rule, by ID.</summary>
        public static IReadOnlyDictionary<string, DiagnosticDescriptor> Descriptors { get; } =
            Analyzer.SupportedDiagnostics
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
