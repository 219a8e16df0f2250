using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MlopsGuard.Analyzers.Infrastructure
{
    /// <summary>
    /// The severity each MlopsGuard rule reports with in one compilation: what the level switch (<c>MlopsLevel</c>, the parameters'
    /// <c>MlopsLevel&lt;Parameter&gt;</c>, <c>MlopsEnforce</c>, read as <c>build_property.*</c>) makes of the rule.
    /// </summary>
    /// <remarks>
    /// <para>
    /// The level used to be a generated .globalconfig that set every rule by ID; an ID setting beats a category or all-analyzers
    /// setting from any file, so a user's <c>dotnet_analyzer_diagnostic.category-MLOps.Data.severity = none</c> had no effect. Now
    /// nothing configures the rules: each diagnostic is created with the level's severity (its descriptor stays a warning), and the
    /// compiler applies its usual settings on top, as to any analyzer's default. In Roslyn's order: an ID setting
    /// (command line, then the file's .editorconfig, then a .globalconfig) replaces the severity; without one, a category and
    /// then an all-analyzers setting does (AnalyzerDriver, after <c>Compilation.FilterDiagnostic</c>); TreatWarningsAsErrors
    /// promotes what is still a warning; #pragma suppresses.
    /// </para>
    /// <para>
    /// The level never switches a rule off (Level 0 and rules above the level are suggestions), so <see cref="RuleSwitches"/> has
    /// nothing to ask of it. An unset or invalid property falls back to its default (MSBuild stops the build on an invalid one
    /// with MLG5005): <c>MlopsLevel</c> to Level 1, a parameter's level to <c>MlopsLevel</c>, <c>MlopsEnforce</c> to false.
    /// </para>
    /// </remarks>
    internal sealed class LevelSeverities
    {
        private static readonly string LevelKey = BuildProperty(RuleLevels.LevelProperty);
        private static readonly string EnforceKey = BuildProperty(RuleLevels.EnforceProperty);
        private static readonly string[] ParameterLevelKeys = CreateParameterLevelKeys();

        private readonly int _level;
        private readonly int[] _levels;
        private readonly bool _enforce;
        private readonly ImmutableDictionary<string, ReportDiagnostic> _commandLine;

        private LevelSeverities(int level, int[] levels, bool enforce, ImmutableDictionary<string, ReportDiagnostic> commandLine)
        {
            _level = level;
            _levels = levels;
            _enforce = enforce;
            _commandLine = commandLine;
        }

        /// <summary>The levels of the compilation's MSBuild properties (project-wide, so read once from the global options).</summary>
        public static LevelSeverities For(Compilation compilation, AnalyzerOptions options)
        {
            var global = options.AnalyzerConfigOptionsProvider.GlobalOptions;
            var level = global.TryGetValue(LevelKey, out var text) && RuleLevels.TryParseLevel(text, out var parsed) ? parsed : RuleLevels.DefaultLevel;
            var levels = new int[ParameterLevelKeys.Length];
            for (var i = 0; i < levels.Length; i++)
            {
                levels[i] = global.TryGetValue(ParameterLevelKeys[i], out text) && RuleLevels.TryParseLevel(text, out parsed) ? parsed : level;
            }

            var enforce = global.TryGetValue(EnforceKey, out text) && RuleLevels.IsTrue(text);
            return new LevelSeverities(level, levels, enforce, compilation.Options.SpecificDiagnosticOptions);
        }

        /// <summary>The level that applies to the rules of <paramref name="parameter"/> (1–8).</summary>
        public int LevelOf(int parameter) => _levels[parameter - 1];

        /// <summary>
        /// The severity <paramref name="descriptor"/> is reported with. A descriptor that is not MlopsGuard's keeps its default.
        /// </summary>
        public DiagnosticSeverity Of(DiagnosticDescriptor descriptor)
        {
            if (!RuleDescriptors.TryGetRequiredLevel(descriptor, out var requiredLevel))
            {
                return descriptor.DefaultSeverity;
            }

            var parameter = RuleCategories.ParameterOfCategory(descriptor.Category);
            var level = parameter > 0 ? LevelOf(parameter) : _level;
            switch (RuleLevels.SeverityOf(requiredLevel, level, _enforce))
            {
                case LevelSeverity.Suggestion:
                    return DiagnosticSeverity.Info;
                case LevelSeverity.Error:
                    // Enforcement is the level's own warnings-as-errors, so WarningsNotAsErrors (/warnaserror-:ID, kept as Default on
                    // the command line) exempts a rule from it, as it exempts any warning from TreatWarningsAsErrors.
                    return _commandLine.TryGetValue(descriptor.Id, out var setting) && setting == ReportDiagnostic.Default
                        ? DiagnosticSeverity.Warning
                        : DiagnosticSeverity.Error;
                default:
                    return DiagnosticSeverity.Warning;
            }
        }

        /// <summary>Makes diagnostics of <paramref name="descriptor"/> at the severity this compilation's level gives it.</summary>
        public RuleDiagnostic DiagnosticFor(DiagnosticDescriptor descriptor) => new RuleDiagnostic(descriptor, Of(descriptor));

        private static string BuildProperty(string name) => "build_property." + name;

        private static string[] CreateParameterLevelKeys()
        {
            var keys = new List<string>();
            for (var parameter = 1; parameter <= RuleCategories.ParameterNames.Length; parameter++)
            {
                keys.Add(BuildProperty(RuleLevels.LevelPropertyOf(parameter)));
            }

            return keys.ToArray();
        }
    }
}
