using System;

namespace MlopsGuard
{
    /// <summary>What the level switch makes of a rule (CONTRACT §3).</summary>
    internal enum LevelSeverity
    {
        /// <summary>Shown in the IDE only.</summary>
        Suggestion,

        Warning,

        /// <summary>Fails the build.</summary>
        Error,
    }

    /// <summary>
    /// The level switch in one place, for the analyzers and the build tasks alike: <c>MlopsLevel</c> (or, for one parameter's rules,
    /// its own <c>MlopsLevel&lt;Parameter&gt;</c>) and <c>MlopsEnforce</c> give each rule the severity it is reported with.
    /// </summary>
    /// <remarks>
    /// That severity is a default: the analyzers report with it, so the compiler's usual settings (an ID or category severity in
    /// .editorconfig or .globalconfig, <c>dotnet_analyzer_diagnostic.severity</c>, NoWarn, WarningsAsErrors, TreatWarningsAsErrors,
    /// #pragma) all override it, as they override any analyzer's default.
    /// </remarks>
    internal static class RuleLevels
    {
        /// <summary>The level a project commits to when it does not say (CONTRACT §3).</summary>
        public const int DefaultLevel = 1;

        public const int HighestLevel = 2;

        public const string LevelProperty = "MlopsLevel";

        public const string EnforceProperty = "MlopsEnforce";

        /// <summary>The category prefix the per-parameter property names leave out: <c>MLOps.Data</c> gives <c>MlopsLevelData</c>.</summary>
        private const string CategoryPrefix = "MLOps.";

        private static readonly string[] ParameterLevelProperties = CreateParameterLevelProperties();

        /// <summary>
        /// The property that sets the level of one parameter's rules, overriding <c>MlopsLevel</c> for them:
        /// <c>MlopsLevelGovernance</c>, <c>MlopsLevelData</c>, <c>MlopsLevelDevelopment</c>, <c>MlopsLevelModelRelease</c>,
        /// <c>MlopsLevelCI</c>, <c>MlopsLevelCD</c>, <c>MlopsLevelTesting</c>, <c>MlopsLevelMonitoring</c>.
        /// </summary>
        public static string LevelPropertyOf(int parameter) => ParameterLevelProperties[parameter - 1];

        /// <summary>
        /// A rule required from <paramref name="requiredLevel"/> at <paramref name="level"/>: a suggestion at Level 0 and above the
        /// level, else a warning, an error when enforced. A rule no level requires (null) is always required.
        /// </summary>
        public static LevelSeverity SeverityOf(int? requiredLevel, int level, bool enforce)
        {
            if (requiredLevel is int required && (level == 0 || required > level))
            {
                return LevelSeverity.Suggestion;
            }

            return enforce ? LevelSeverity.Error : LevelSeverity.Warning;
        }

        /// <summary>A level as MSBuild validates it: <c>0</c>, <c>1</c> or <c>2</c>, surrounding white space allowed.</summary>
        public static bool TryParseLevel(string? value, out int level)
        {
            var text = value?.Trim();
            if (text is { Length: 1 } && text[0] >= '0' && text[0] <= '0' + HighestLevel)
            {
                level = text[0] - '0';
                return true;
            }

            level = 0;
            return false;
        }

        /// <summary><c>MlopsEnforce</c> as MSBuild compares it (<c>'$(MlopsEnforce)' == 'true'</c> ignores case).</summary>
        public static bool IsTrue(string? value) => string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

        private static string[] CreateParameterLevelProperties()
        {
            var properties = new string[RuleCategories.ParameterNames.Length];
            for (var parameter = 1; parameter <= properties.Length; parameter++)
            {
                properties[parameter - 1] = LevelProperty + RuleCategories.CategoryOfParameter(parameter).Substring(CategoryPrefix.Length);
            }

            return properties;
        }
    }
}
