using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using MlopsGuard.Analyzers.Infrastructure;
using MlopsGuard.Analyzers.Tests.Verifiers;
using Xunit;

namespace MlopsGuard.Analyzers.Tests.Infrastructure
{
    /// <summary>
    /// The one shipped analyzer runs all rules through one registration per kind: together they report exactly what each reports
    /// alone, rules switched off are not run, and a rule that throws neither hides the others nor goes unnamed.
    /// </summary>
    public class MlopsGuardAnalyzerTests
    {
        private const string Training = @"
using Microsoft.ML;

public static class Training
{
    public static void Train(MLContext ml, IDataView data)
    {
        var split = ml.Data.TrainTestSplit(data, testFraction: 0.2);
        var model = ml.Transforms.Concatenate(""Features"", ""A"").Fit(split.TrainSet);
    }
}";

        [Fact]
        public async Task All_rules_together_report_what_each_rule_reports_alone()
        {
            var sample = File.ReadAllText(RepositoryPaths.Combine("samples", "level0-experiment", "Program.cs"));
            var compilation = await CompileAsync(("Program.cs", sample), ("Usings.cs", "global using System;\nglobal using System.IO;\n"));

            var together = await DiagnosticsAsync(compilation, new MlopsGuardAnalyzer());
            var alone = new List<string>();
            foreach (var rule in MlopsGuardAnalyzer.AllRules())
            {
                alone.AddRange(await DiagnosticsAsync(compilation, new MlopsGuardAnalyzer(rule)));
            }

            Assert.Equal(alone.OrderBy(d => d, StringComparer.Ordinal), together.OrderBy(d => d, StringComparer.Ordinal));
            var ids = together.Select(d => System.Text.RegularExpressions.Regex.Match(d, "MLG[0-9]{4}").Value).Distinct();
            Assert.True(ids.Count() >= 8, string.Join("\n", together));
        }

        [Fact]
        public async Task A_rule_switched_off_on_the_command_line_is_not_started()
        {
            var rule = new CountingRule();
            var compilation = await CompileAsync(("Training.cs", Training));
            compilation = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(
                ImmutableDictionary<string, ReportDiagnostic>.Empty.Add(CountingRule.Id, ReportDiagnostic.Suppress)));

            Assert.Empty(await DiagnosticsAsync(compilation, new MlopsGuardAnalyzer(rule, new MlopsGuard.Analyzers.Rules.UnseededMLContextRule())));
            Assert.Equal(0, rule.Starts);
            Assert.Equal(0, rule.Calls);
        }

        [Fact]
        public async Task A_rule_switched_off_for_a_file_does_not_run_in_that_file()
        {
            var rule = new CountingRule();
            var compilation = await CompileAsync(("Off/Training.cs", Training), ("On/Training.cs", Training.Replace("class Training", "class Training2")));
            var offTree = compilation.SyntaxTrees.Single(t => t.FilePath.StartsWith("Off/", StringComparison.Ordinal));
            compilation = compilation.WithOptions(compilation.Options.WithSyntaxTreeOptionsProvider(new SeverityPerTree(offTree, CountingRule.Id, ReportDiagnostic.Suppress)));

            var diagnostics = await DiagnosticsAsync(compilation, new MlopsGuardAnalyzer(rule));

            Assert.Equal(1, rule.Starts);
            Assert.Equal(3, rule.Calls); // TrainTestSplit, Concatenate and Fit of the "On" file
            Assert.All(diagnostics, d => Assert.Contains("On/Training.cs", d, StringComparison.Ordinal));
        }

        [Fact]
        public async Task A_globalconfig_switches_a_rule_off_where_no_editorconfig_switches_it_on()
        {
            var rule = new CountingRule();
            var compilation = await CompileAsync(("Off/Training.cs", Training), ("On/Training.cs", Training.Replace("class Training", "class Training2")));
            var onTree = compilation.SyntaxTrees.Single(t => t.FilePath.StartsWith("On/", StringComparison.Ordinal));
            compilation = compilation.WithOptions(compilation.Options.WithSyntaxTreeOptionsProvider(
                new SeverityPerTree(onTree, CountingRule.Id, ReportDiagnostic.Warn, global: ReportDiagnostic.Suppress)));

            var diagnostics = await DiagnosticsAsync(compilation, new MlopsGuardAnalyzer(rule));

            Assert.Equal(3, rule.Calls);
            Assert.All(diagnostics, d => Assert.Contains("On/Training.cs", d, StringComparison.Ordinal));
        }

        [Fact]
        public async Task The_command_line_wins_over_an_editorconfig_in_the_switches()
        {
            // The driver makes its own call about skipping the whole analyzer in a file; the switches only must never say "off"
            // where the compiler would report, and the command line is what the compiler obeys first.
            var compilation = await CompileAsync(("Training.cs", Training));
            var tree = compilation.SyntaxTrees.Single();
            compilation = compilation.WithOptions(compilation.Options
                .WithSpecificDiagnosticOptions(ImmutableDictionary<string, ReportDiagnostic>.Empty.Add(CountingRule.Id, ReportDiagnostic.Error))
                .WithSyntaxTreeOptionsProvider(new SeverityPerTree(tree, CountingRule.Id, ReportDiagnostic.Suppress)));

            var switches = RuleSwitches.For(compilation, analyzerOptions: null, ImmutableArray.Create<MlopsRule>(new CountingRule()), CancellationToken.None);

            Assert.Equal(1UL, switches.Anywhere);
            Assert.Equal(1UL, switches.In(tree));
        }

        [Fact]
        public async Task A_category_severity_of_none_switches_a_rule_off_in_the_files_it_covers()
        {
            var rule = new CountingRule();
            var compilation = await CompileAsync(("Off/Training.cs", Training), ("On/Training.cs", Training.Replace("class Training", "class Training2")));
            var offTree = compilation.SyntaxTrees.Single(t => t.FilePath.StartsWith("Off/", StringComparison.Ordinal));
            var options = BulkOptions.For(offTree, ("dotnet_analyzer_diagnostic.category-Probe.severity", "none"));

            var diagnostics = await DiagnosticsAsync(compilation, new MlopsGuardAnalyzer(rule), options);

            Assert.Equal(3, rule.Calls);
            Assert.Equal(3, diagnostics.Count);
            Assert.All(diagnostics, d => Assert.Contains("On/Training.cs", d, StringComparison.Ordinal));
        }

        [Fact]
        public async Task An_all_analyzers_severity_of_none_does_not_switch_off_a_rule_an_id_setting_names()
        {
            var rule = new CountingRule();
            var compilation = await CompileAsync(("Off/Training.cs", Training), ("On/Training.cs", Training.Replace("class Training", "class Training2")));
            var offTree = compilation.SyntaxTrees.Single(t => t.FilePath.StartsWith("Off/", StringComparison.Ordinal));
            var onTree = compilation.SyntaxTrees.Single(t => t.FilePath.StartsWith("On/", StringComparison.Ordinal));
            compilation = compilation.WithOptions(compilation.Options.WithSyntaxTreeOptionsProvider(new SeverityPerTree(onTree, CountingRule.Id, ReportDiagnostic.Warn, global: ReportDiagnostic.Warn)));
            var options = BulkOptions.For(offTree, ("dotnet_analyzer_diagnostic.severity", "none"));

            var diagnostics = await DiagnosticsAsync(compilation, new MlopsGuardAnalyzer(rule), options);

            // The ID set in a .globalconfig wins over the bulk setting of the "Off" file: the driver reports there, so the rule runs.
            Assert.Equal(6, rule.Calls);
            Assert.Equal(6, diagnostics.Count);
        }

        [Theory]
        [InlineData("none", null, false)]
        [InlineData("None", null, false)]
        [InlineData("warning", "none", true)]
        [InlineData("default", "none", true)]
        [InlineData("nonsense", "none", false)]
        [InlineData(null, "none", false)]
        [InlineData(null, "suggestion", true)]
        [InlineData(null, null, true)]
        public async Task The_switches_read_bulk_severities_as_the_driver_does(string? category, string? all, bool on)
        {
            var compilation = await CompileAsync(("Training.cs", Training));
            var tree = compilation.SyntaxTrees.Single();
            var settings = new List<(string, string)>();
            if (category is not null)
            {
                settings.Add(("dotnet_analyzer_diagnostic.category-Probe.severity", category));
            }

            if (all is not null)
            {
                settings.Add(("dotnet_analyzer_diagnostic.severity", all));
            }

            var options = BulkOptions.For(tree, settings.ToArray());
            var switches = RuleSwitches.For(compilation, options, ImmutableArray.Create<MlopsRule>(new CountingRule()), CancellationToken.None);
            Assert.Equal(on ? 1UL : 0UL, switches.In(tree));

            // The driver agrees: the rule reports in the file exactly when it is on there.
            Assert.Equal(on ? 3 : 0, (await DiagnosticsAsync(compilation, new MlopsGuardAnalyzer(new CountingRule()), options)).Count);

            // A rule named on the command line takes no bulk setting, even as "/warnaserror-:ID" (Default).
            var named = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(
                ImmutableDictionary<string, ReportDiagnostic>.Empty.Add(CountingRule.Id, ReportDiagnostic.Default)));
            Assert.Equal(1UL, RuleSwitches.For(named, options, ImmutableArray.Create<MlopsRule>(new CountingRule()), CancellationToken.None).In(tree));
            Assert.Equal(3, (await DiagnosticsAsync(named, new MlopsGuardAnalyzer(new CountingRule()), options)).Count);
        }

        [Fact]
        public async Task A_rule_that_throws_is_named_and_the_other_rules_still_report()
        {
            var compilation = await CompileAsync(("Training.cs", Training));
            var exceptions = new List<Exception>();
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                (exception, analyzer, diagnostic) => exceptions.Add(exception),
                concurrentAnalysis: false,
                logAnalyzerExecutionTime: false);
            var analyzer = new MlopsGuardAnalyzer(new ThrowingRule(), new CountingRule());

            var diagnostics = await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(analyzer), options).GetAnalyzerDiagnosticsAsync();

            Assert.Contains(diagnostics, d => d.Id == CountingRule.Id);
            var failure = Assert.Single(exceptions.Select(e => e.Message).Distinct());
            Assert.Contains(ThrowingRule.Id + " (ThrowingRule) threw NotSupportedException: broken on purpose", failure, StringComparison.Ordinal);
        }

        private static async Task<Compilation> CompileAsync(params (string Path, string Text)[] sources) =>
            await AnalyzerRunner.CompileAsync(sources);

        private static async Task<IReadOnlyList<string>> DiagnosticsAsync(Compilation compilation, DiagnosticAnalyzer analyzer, AnalyzerOptions? options = null)
        {
            var diagnostics = await compilation.WithAnalyzers(ImmutableArray.Create(analyzer), options).GetAnalyzerDiagnosticsAsync();
            Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
            return diagnostics.Select(d => d.ToString()).ToList();
        }

#pragma warning disable RS2008 // the probe rules of these tests are never shipped
        private static DiagnosticDescriptor Descriptor(string id) =>
            new DiagnosticDescriptor(id, "Probe", "Probe {0}", "Probe", DiagnosticSeverity.Warning, isEnabledByDefault: true);

        /// <summary>Counts its starts and the invocations it is shown, and reports each of them.</summary>
        private sealed class CountingRule : MlopsRule
        {
            public const string Id = "PROBE01";

            private static readonly DiagnosticDescriptor Rule = Descriptor(Id);
            private int _starts;
            private int _calls;

            public int Starts => _starts;

            public int Calls => _calls;

            public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

            internal override void OnCompilationStart(MlopsCompilationStart context, MlTypes types)
            {
                Interlocked.Increment(ref _starts);
                context.RegisterOperationAction(
                    c =>
                    {
                        Interlocked.Increment(ref _calls);
                        c.ReportDiagnostic(Diagnostic.Create(Rule, c.Operation.Syntax.GetLocation(), ((IInvocationOperation)c.Operation).TargetMethod.Name));
                    },
                    OperationKind.Invocation);
            }
        }

        /// <summary>Throws on every invocation, registered before the counting rule so it runs first.</summary>
        private sealed class ThrowingRule : MlopsRule
        {
            public const string Id = "PROBE02";

            public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor(Id));

            internal override void OnCompilationStart(MlopsCompilationStart context, MlTypes types) =>
                context.RegisterOperationAction(_ => throw new NotSupportedException("broken on purpose"), OperationKind.Invocation);
        }

#pragma warning restore RS2008

        /// <summary>An .editorconfig with bulk severities (<c>dotnet_analyzer_diagnostic.*</c>) for one file.</summary>
        private sealed class BulkOptions : AnalyzerConfigOptionsProvider
        {
            private readonly SyntaxTree _tree;
            private readonly AnalyzerConfigOptions _options;

            private BulkOptions(SyntaxTree tree, AnalyzerConfigOptions options)
            {
                _tree = tree;
                _options = options;
            }

            public override AnalyzerConfigOptions GlobalOptions => Settings.Empty;

            public static AnalyzerOptions For(SyntaxTree tree, params (string Key, string Value)[] settings) =>
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new BulkOptions(tree, new Settings(settings)));

            public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => tree == _tree ? _options : Settings.Empty;

            public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Settings.Empty;

            private sealed class Settings : AnalyzerConfigOptions
            {
                public static readonly Settings Empty = new Settings(Array.Empty<(string, string)>());

                private readonly ImmutableDictionary<string, string> _values;

                public Settings((string Key, string Value)[] values) =>
                    _values = values.ToImmutableDictionary(v => v.Key, v => v.Value, KeyComparer);

                public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => _values.TryGetValue(key, out value);
            }
        }

        /// <summary>An .editorconfig that sets one rule's severity in one file, and optionally a .globalconfig that sets it everywhere else.</summary>
        private sealed class SeverityPerTree : SyntaxTreeOptionsProvider
        {
            private readonly SyntaxTree _tree;
            private readonly string _id;
            private readonly ReportDiagnostic _severity;
            private readonly ReportDiagnostic? _global;

            public SeverityPerTree(SyntaxTree tree, string id, ReportDiagnostic severity, ReportDiagnostic? global = null)
            {
                _tree = tree;
                _id = id;
                _severity = severity;
                _global = global;
            }

            public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken) => GeneratedKind.NotGenerated;

            public override bool TryGetDiagnosticValue(SyntaxTree tree, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
            {
                severity = _severity;
                return tree == _tree && diagnosticId == _id;
            }

            public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
            {
                severity = _global ?? ReportDiagnostic.Default;
                return _global is not null && diagnosticId == _id;
            }
        }
    }
}
