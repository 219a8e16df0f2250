using System;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using MlopsGuard.Analyzers.Infrastructure;
using MlopsGuard.Analyzers.Tests.Verifiers;
using MlopsGuard.Generator;
using Xunit;

namespace MlopsGuard.Analyzers.Tests.Meta
{
    /// <summary>Conventions every rule, descriptor and fixer keeps.</summary>
    public class AnalyzerConventionTests
    {
        public static TheoryData<string> RuleNames() => Data(RuleInventory.Rules.Select(r => r.GetType().Name));

        public static TheoryData<string> FixerNames() => Data(RuleInventory.Fixers.Select(f => f.GetType().Name));

        public static TheoryData<string> RuleIds() => Data(RuleCatalog.All.Select(r => r.Id));

        [Fact]
        public void The_package_ships_one_CSharp_analyzer_that_runs_every_rule()
        {
            var analyzers = typeof(MlopsGuardAnalyzer).Assembly.GetTypes()
                .Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !t.IsAbstract)
                .ToList();
            Assert.Equal(new[] { typeof(MlopsGuardAnalyzer) }, analyzers);
            Assert.Equal(new[] { LanguageNames.CSharp }, typeof(MlopsGuardAnalyzer).GetCustomAttribute<DiagnosticAnalyzerAttribute>()!.Languages);

            var ruleTypes = typeof(MlopsGuardAnalyzer).Assembly.GetTypes()
                .Where(t => typeof(MlopsRule).IsAssignableFrom(t) && !t.IsAbstract)
                .OrderBy(t => t.Name, StringComparer.Ordinal);
            Assert.Equal(ruleTypes, RuleInventory.Rules.Select(r => r.GetType()).OrderBy(t => t.Name, StringComparer.Ordinal));
            Assert.InRange(RuleInventory.Rules.Count, 1, MlopsGuardAnalyzer.MaxRules);

            var ids = RuleInventory.Rules.Select(r => r.SupportedDiagnostics.Single().Id).ToList();
            Assert.Equal(ids.OrderBy(id => id, StringComparer.Ordinal), ids);
        }

        [Theory]
        [MemberData(nameof(RuleNames))]
        public void Rule_is_a_sealed_MlopsRule_in_the_Rules_namespace(string name)
        {
            var type = RuleInventory.Rules.Single(r => r.GetType().Name == name).GetType();
            Assert.True(type.IsSealed, $"{name} should be sealed");
            Assert.Equal("MlopsGuard.Analyzers.Rules", type.Namespace);
            Assert.EndsWith("Rule", name, StringComparison.Ordinal);
        }

        [Theory]
        [MemberData(nameof(RuleNames))]
        public void Descriptors_come_from_the_catalog(string name)
        {
            foreach (var descriptor in RuleInventory.Rules.Single(r => r.GetType().Name == name).SupportedDiagnostics)
            {
                var rule = RuleCatalog.Get(descriptor.Id);
                Assert.Equal(RuleKind.Analyzer, rule.Kind);
                Assert.Equal(rule.Category, descriptor.Category);
                Assert.Equal(rule.Title, descriptor.Title.ToString());
                Assert.Equal(RuleCatalog.HelpLinkBase + descriptor.Id + ".md", descriptor.HelpLinkUri);
                Assert.Equal(DiagnosticSeverity.Warning, descriptor.DefaultSeverity);
                Assert.True(descriptor.IsEnabledByDefault);
                Assert.Contains(RuleDescriptors.LevelTagPrefix + rule.RequiredLevel, descriptor.CustomTags);
                Assert.DoesNotContain(WellKnownDiagnosticTags.CompilationEnd, descriptor.CustomTags);
            }
        }

        [Fact]
        public void Every_analyzer_rule_of_the_catalog_has_a_rule()
        {
            var missing = RuleCatalog.All.Where(r => r.Kind == RuleKind.Analyzer && !RuleInventory.Descriptors.ContainsKey(r.Id)).Select(r => r.Id);
            Assert.Empty(missing);
        }

        [Theory]
        [MemberData(nameof(RuleIds))]
        public void Every_rule_has_a_docs_page_with_a_bad_and_a_good_example(string id)
        {
            var path = RepositoryPaths.Combine("docs", "rules", id + ".md");
            Assert.True(File.Exists(path), $"docs/rules/{id}.md is missing");
            var text = File.ReadAllText(path);
            Assert.StartsWith("# " + id + ": ", text, StringComparison.Ordinal);
            Assert.Contains(RuleCatalog.Get(id).Title, text, StringComparison.Ordinal);
            if (RuleCatalog.Get(id).Kind == RuleKind.Analyzer)
            {
                Assert.Contains("## Bad", text, StringComparison.Ordinal);
                Assert.Contains("## Good", text, StringComparison.Ordinal);
            }
        }

        [Theory]
        [MemberData(nameof(FixerNames))]
        public void Fixer_is_exported_with_a_name_and_fixes_catalog_rules(string name)
        {
            var fixer = RuleInventory.Fixers.Single(f => f.GetType().Name == name);
            var export = fixer.GetType().GetCustomAttribute<ExportCodeFixProviderAttribute>();
            Assert.NotNull(export);
            Assert.Equal(name, export!.Name);
            Assert.Contains(LanguageNames.CSharp, export.Languages);
            Assert.NotNull(fixer.GetFixAllProvider());
            Assert.All(fixer.FixableDiagnosticIds, id => Assert.True(RuleInventory.Descriptors.ContainsKey(id), $"{name} fixes {id}, which no analyzer reports"));
            Assert.EndsWith("Fixer", name, StringComparison.Ordinal);
        }

        [Fact]
        public void Release_tracking_lists_exactly_the_shipped_analyzer_rules()
        {
            var lines = File.ReadAllLines(RepositoryPaths.Combine("src", "Analyzers", "AnalyzerReleases.Unshipped.md"))
                .Concat(File.ReadAllLines(RepositoryPaths.Combine("src", "Analyzers", "AnalyzerReleases.Shipped.md")))
                .Where(l => l.StartsWith("MLG", StringComparison.Ordinal))
                .Select(l => l.Split('|').Select(c => c.Trim()).ToArray())
                .ToDictionary(c => c[0], c => c);
            Assert.Equal(RuleInventory.Descriptors.Keys.OrderBy(k => k), lines.Keys.OrderBy(k => k));
            foreach (var descriptor in RuleInventory.Descriptors.Values)
            {
                Assert.Equal(descriptor.Category, lines[descriptor.Id][1]);
                Assert.Equal(descriptor.DefaultSeverity.ToString(), lines[descriptor.Id][2]);
            }
        }

        [Fact]
        public void Every_level_property_reaches_the_analyzers_and_the_tasks_and_is_documented()
        {
            var props = File.ReadAllText(RepositoryPaths.Combine("src", "Sdk", "build", "MlopsGuard.props"));
            var targets = File.ReadAllText(RepositoryPaths.Combine("src", "Sdk", "build", "MlopsGuard.targets"));
            var readme = File.ReadAllText(RepositoryPaths.Combine("README.md"));
            for (var parameter = 1; parameter <= RuleCategories.ParameterNames.Length; parameter++)
            {
                var property = RuleLevels.LevelPropertyOf(parameter);
                Assert.Contains(property, props, StringComparison.Ordinal);                                   // CompilerVisibleProperty
                Assert.Contains(property + "=$(" + property + ")", targets, StringComparison.Ordinal);         // MlopsParameterLevels of the tasks
                Assert.Contains("Include=\"" + property + "\" Value=\"$(" + property + ")\"", targets, StringComparison.Ordinal); // MLG5005
                Assert.Contains("`" + property + "`", readme, StringComparison.Ordinal);
            }

            Assert.Contains("`dotnet_analyzer_diagnostic.category-<category>.severity`", readme, StringComparison.Ordinal);
            Assert.Contains("`dotnet_analyzer_diagnostic.severity`", readme, StringComparison.Ordinal);
        }

        private static TheoryData<string> Data(System.Collections.Generic.IEnumerable<string> values)
        {
            var data = new TheoryData<string>();
            foreach (var value in values)
            {
                data.Add(value);
            }

            return data;
        }
    }
}
