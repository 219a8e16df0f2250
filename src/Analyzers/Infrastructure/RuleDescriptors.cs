using Microsoft.CodeAnalysis;

namespace MlopsGuard.Analyzers.Infrastructure
{
    /// <summary>The one place that makes <see cref="DiagnosticDescriptor"/>s: everything comes from the <see cref="RuleCatalog"/>.</summary>
    internal static class RuleDescriptors
    {
        /// <summary>Custom tag carried by every MlopsGuard descriptor.</summary>
        public const string MlopsGuardTag = "MlopsGuard";

        /// <summary>Custom tag prefix that records the level from which a rule is required (<c>MlopsLevel1</c>, <c>MlopsLevel2</c>).</summary>
        public const string LevelTagPrefix = "MlopsLevel";

        public static DiagnosticDescriptor Create(string id)
        {
            var rule = RuleCatalog.Get(id);
            var tags = rule.RequiredLevel is int level
                ? new[] { MlopsGuardTag, LevelTagPrefix + level }
                : new[] { MlopsGuardTag };

            // A warning by default; each diagnostic is reported with the severity the level gives it (LevelSeverities), so the
            // compiler's usual settings (ID, category, all analyzers) override the level as they override any default.
#pragma warning disable RS0030 // The factory is the one allowed caller of the constructor.
            return new DiagnosticDescriptor(
                rule.Id,
                rule.Title,
                rule.MessageFormat,
                rule.Category,
                DiagnosticSeverity.Warning,
                isEnabledByDefault: true,
                description: rule.Description,
                helpLinkUri: rule.HelpLink,
                customTags: tags);
#pragma warning restore RS0030
        }

        /// <summary>
        /// Whether <paramref name="descriptor"/> is an MlopsGuard rule, and the level from which it is required (from its tags; null
        /// when no level requires it).
        /// </summary>
        public static bool TryGetRequiredLevel(DiagnosticDescriptor descriptor, out int? requiredLevel)
        {
            requiredLevel = null;
            var isMlopsGuard = false;
            foreach (var tag in descriptor.CustomTags)
            {
                if (tag == MlopsGuardTag)
                {
                    isMlopsGuard = true;
                }
                else if (tag.Length == LevelTagPrefix.Length + 1 && tag.StartsWith(LevelTagPrefix, System.StringComparison.Ordinal)
                    && RuleLevels.TryParseLevel(tag.Substring(LevelTagPrefix.Length), out var level))
                {
                    requiredLevel = level;
                }
            }

            return isMlopsGuard;
        }
    }
}
