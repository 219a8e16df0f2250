using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MlopsGuard.Analyzers.Infrastructure
{
    /// <summary>
    /// Which rules are switched on, in the whole compilation and in each file, as one bit per rule (a rule's index in
    /// <see cref="MlopsGuardAnalyzer"/>'s list).
    /// </summary>
    /// <remarks>
    /// The compiler skips an analyzer whose diagnostics are all switched off (<c>&lt;NoWarn&gt;</c>, or <c>severity = none</c> in an
    /// .editorconfig for a file). With all rules in one analyzer, it can no longer do that per rule, so this class does: a rule is
    /// off where its effective severity is <see cref="ReportDiagnostic.Suppress"/>, worked out as the compiler does — a command-line
    /// setting (<c>/nowarn</c>, a rule set) wins, then the file's .editorconfig, then a .globalconfig; where no setting names the
    /// ID anywhere, the file's category severity (<c>dotnet_analyzer_diagnostic.category-MLOps.Data.severity</c>), else its
    /// all-analyzers severity (<c>dotnet_analyzer_diagnostic.severity</c>), as the driver's bulk configuration applies them
    /// (AnalyzerOptionsExtensions.TryGetSeverityFromBulkConfiguration in Roslyn); then the descriptor's default. The level switch
    /// never makes a rule "off" (<see cref="LevelSeverities"/>), so it plays no part here.
    /// A wrong "on" only costs time (the compiler drops the diagnostic); a wrong "off" would lose a warning, so every doubt is "on".
    /// </remarks>
    internal sealed class RuleSwitches
    {
        private const string AllAnalyzersKey = "dotnet_analyzer_diagnostic.severity";

        /// <summary>The category keys of the eight parameters, made once (a rule's category is one of them).</summary>
        private static readonly ImmutableDictionary<string, string> MlopsCategoryKeys = CreateCategoryKeys();

        private readonly ImmutableArray<MlopsRule> _rules;
        private readonly CompilationOptions _options;
        private readonly SyntaxTreeOptionsProvider? _treeOptions;
        private readonly AnalyzerConfigOptionsProvider? _configOptions;
        private readonly CancellationToken _cancellationToken;
        private readonly ConcurrentDictionary<SyntaxTree, ulong>? _byTree;
        private readonly Func<SyntaxTree, ulong>? _compute;

        // The last file each thread asked about: the driver runs all the actions of one method body on one thread, so nearly every
        // call is answered here, without a dictionary lookup. It lives and dies with this compilation's switches.
        private readonly ThreadLocal<TreeSwitches?>? _lastTree;

        private RuleSwitches(ImmutableArray<MlopsRule> rules, Compilation compilation, AnalyzerOptions? analyzerOptions, CancellationToken cancellationToken)
        {
            _rules = rules;
            _options = compilation.Options;
            _treeOptions = compilation.Options.SyntaxTreeOptionsProvider;
            _configOptions = analyzerOptions?.AnalyzerConfigOptionsProvider;
            _cancellationToken = cancellationToken;
            for (var i = 0; i < rules.Length; i++)
            {
                if (IsOn(rules[i], tree: null, config: null, anywhere: true))
                {
                    Anywhere |= 1UL << i;
                }
            }

            if ((_treeOptions is not null || _configOptions is not null) && Anywhere != 0)
            {
                _byTree = new ConcurrentDictionary<SyntaxTree, ulong>();
                _compute = InTree;
                _lastTree = new ThreadLocal<TreeSwitches?>();
            }
        }

        /// <summary>The rules that may report somewhere in the compilation: only these are started.</summary>
        public ulong Anywhere { get; }

        public static RuleSwitches For(Compilation compilation, AnalyzerOptions? analyzerOptions, ImmutableArray<MlopsRule> rules, CancellationToken cancellationToken) =>
            new RuleSwitches(rules, compilation, analyzerOptions, cancellationToken);

        public bool IsOnAnywhere(int rule) => (Anywhere & (1UL << rule)) != 0;

        /// <summary>The rules switched on in <paramref name="tree"/>.</summary>
        public ulong In(SyntaxTree tree)
        {
            if (_byTree is null)
            {
                return Anywhere;
            }

            var last = _lastTree!.Value;
            if (last is not null && ReferenceEquals(last.Tree, tree))
            {
                return last.Switches;
            }

            var switches = _byTree.GetOrAdd(tree, _compute!);
            _lastTree.Value = new TreeSwitches(tree, switches);
            return switches;
        }

        private ulong InTree(SyntaxTree tree)
        {
            var switches = 0UL;
            var config = _configOptions?.GetOptions(tree);
            for (var i = 0; i < _rules.Length; i++)
            {
                if ((Anywhere & (1UL << i)) != 0 && IsOn(_rules[i], tree, config, anywhere: false))
                {
                    switches |= 1UL << i;
                }
            }

            return switches;
        }

        /// <summary>A rule is on where any of its diagnostics is; <paramref name="anywhere"/> asks whether some file might switch it on.</summary>
        private bool IsOn(MlopsRule rule, SyntaxTree? tree, AnalyzerConfigOptions? config, bool anywhere)
        {
            foreach (var descriptor in rule.SupportedDiagnostics)
            {
                if (IsOn(descriptor, tree, config, anywhere))
                {
                    return true;
                }
            }

            return false;
        }

        private bool IsOn(DiagnosticDescriptor descriptor, SyntaxTree? tree, AnalyzerConfigOptions? config, bool anywhere)
        {
            // The command line wins over every configuration file, except "/warnaserror-:ID", which is stored as Default.
            var onCommandLine = _options.SpecificDiagnosticOptions.TryGetValue(descriptor.Id, out var severity);
            if (onCommandLine && severity != ReportDiagnostic.Default)
            {
                return severity != ReportDiagnostic.Suppress;
            }

            if (_treeOptions is null && _configOptions is null)
            {
                return descriptor.IsEnabledByDefault;
            }

            if (anywhere)
            {
                // Any file's .editorconfig may switch a rule on again, so the compilation as a whole turns it off only from the command line.
                return true;
            }

            if (_treeOptions is not null
                && ((tree is not null && _treeOptions.TryGetDiagnosticValue(tree, descriptor.Id, _cancellationToken, out severity))
                    || _treeOptions.TryGetGlobalDiagnosticValue(descriptor.Id, _cancellationToken, out severity)))
            {
                return severity != ReportDiagnostic.Suppress;
            }

            // No setting names the ID: the driver applies the file's category, else all-analyzers, severity to enabled rules. Not to
            // a rule named on the command line, even by "/warnaserror-:ID".
            if (!onCommandLine && tree is not null && descriptor.IsEnabledByDefault && config is not null
                && BulkSeverityIsNone(config, descriptor.Category) is bool none)
            {
                return !none;
            }

            return descriptor.IsEnabledByDefault;
        }

        /// <summary>Whether the bulk severity that applies is <c>none</c>; null when neither key holds a severity.</summary>
        private static bool? BulkSeverityIsNone(AnalyzerConfigOptions options, string category)
        {
            // As the driver reads them: an invalid category value falls through to the all-analyzers value.
            var categoryKey = MlopsCategoryKeys.TryGetValue(category, out var key) ? key : CategoryKey(category);
            if (options.TryGetValue(categoryKey, out var value) && IsSeverity(value, out var none))
            {
                return none;
            }

            if (options.TryGetValue(AllAnalyzersKey, out value) && IsSeverity(value, out none))
            {
                return none;
            }

            return null;
        }

        /// <summary>Roslyn's severity names in configuration files (AnalyzerConfigSet.TryParseSeverity), in any case.</summary>
        private static bool IsSeverity(string value, out bool none)
        {
            none = string.Equals(value, "none", StringComparison.OrdinalIgnoreCase);
            return none
                || string.Equals(value, "default", StringComparison.OrdinalIgnoreCase)
                || string.Equals(value, "error", StringComparison.OrdinalIgnoreCase)
                || string.Equals(value, "warning", StringComparison.OrdinalIgnoreCase)
                || string.Equals(value, "suggestion", StringComparison.OrdinalIgnoreCase)
                || string.Equals(value, "silent", StringComparison.OrdinalIgnoreCase)
                || string.Equals(value, "refactoring", StringComparison.OrdinalIgnoreCase);
        }

        private static string CategoryKey(string category) => "dotnet_analyzer_diagnostic.category-" + category + ".severity";

        private static ImmutableDictionary<string, string> CreateCategoryKeys()
        {
            var keys = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
            for (var parameter = 1; parameter <= RuleCategories.ParameterNames.Length; parameter++)
            {
                var category = RuleCategories.CategoryOfParameter(parameter);
                keys.Add(category, CategoryKey(category));
            }

            return keys.ToImmutable();
        }

        private sealed class TreeSwitches
        {
            public TreeSwitches(SyntaxTree tree, ulong switches)
            {
                Tree = tree;
                Switches = switches;
            }

            public SyntaxTree Tree { get; }

            public ulong Switches { get; }
        }
    }
}
