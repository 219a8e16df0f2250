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
        public static TheoryData<string> AnalyzerNames() => Data(RuleInventory.Analyzers.Select(a => a.GetType().Name));

        public static TheoryData<string> FixerNames() => Data(RuleInventory.Fixers.Select(f => f.GetType().Name));

        public static TheoryData<string> RuleIds() => Data(RuleCatalog.All.Select(r => r.Id));

        [Theory]
        [MemberData(nameof(AnalyzerNames))]
        public void Analyzer_is_a_sealed_CSharp_MlopsAnalyzer(string name)
        {
            var type = RuleInventory.Analyzers.Single(a => a.GetType().Name == name).GetType();
            Assert.True(type.IsSealed, $"{name} should be sealed");
            Assert.True(typeof(MlopsAnalyzer).IsAssignableFrom(type), $"{name} should derive from MlopsAnalyzer");
            var attribute = type.GetCustomAttribute<DiagnosticAnalyzerAttribute>();
            Assert.NotNull(attribute);
            Assert.Equal(new[] { LanguageNames.CSharp }, attribute!.Languages);
            Assert.EndsWith("Analyzer", name, StringComparison.Ordinal);
        }

        [Theory]
        [MemberData(nameof(AnalyzerNames))]
        public void Descriptors_come_from_the_catalog(string name)
        {
            foreach (var descriptor in RuleInventory.Analyzers.Single(a => a.GetType().Name == name).SupportedDiagnostics)
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
        public void Every_analyzer_rule_of_the_catalog_has_an_analyzer()
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
