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

            // Warning by default; the level's generated .globalconfig turns it into a suggestion, a warning or an error.
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
    }
}
