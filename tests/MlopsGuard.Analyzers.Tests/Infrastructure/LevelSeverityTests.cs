using System;
using System.Collections.Immutable;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using MlopsGuard.Analyzers.Rules;
using MlopsGuard.Analyzers.Tests.Verifiers;
using Xunit;

namespace MlopsGuard.Analyzers.Tests.Infrastructure
{
    /// <summary>
    /// The level switch gives each rule a default severity, and the compiler's usual settings override it, as they override any
    /// analyzer's default. These run on Roslyn 4.8 (the test project's compiler) through real .editorconfig and .globalconfig files,
    /// so they check how that compiler applies an ID, category and all-analyzers severity to a diagnostic reported with a severity
    /// other than its descriptor's.
    /// </summary>
    public class LevelSeverityTests
    {
        /// <summary>MLG3001 (Development, Level 1) at #0, MLG2004 (Data, Level 1) at #1, MLG3201 (Development, Level 2) at #2.</summary>
        private const string Training = @"
using Microsoft.ML;

public static class Training
{
    public static IEstimator<ITransformer> Pipeline()
    {
        var ml = {|#0:new MLContext()|};
        return ml.Transforms.Concatenate(""Features"", ""Age"", {|#1:""Label""|})
            .Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression({|#2:l2Regularization: 0.1f|}));
    }
}
";

        private const DiagnosticSeverity Suggestion = DiagnosticSeverity.Info;
        private const DiagnosticSeverity Warning = DiagnosticSeverity.Warning;
        private const DiagnosticSeverity Error = DiagnosticSeverity.Error;

        [Theory]
        [InlineData(0, false, "suggestion", "suggestion")]
        [InlineData(1, false, "warning", "suggestion")]
        [InlineData(1, true, "error", "suggestion")]
        [InlineData(2, false, "warning", "warning")]
        [InlineData(2, true, "error", "error")]
        public void Levels_map_to_the_contract_severities(int level, bool enforce, string levelOneRule, string levelTwoRule)
        {
            Assert.Equal(levelOneRule, Name(RuleLevels.SeverityOf(1, level, enforce)));
            Assert.Equal(levelTwoRule, Name(RuleLevels.SeverityOf(2, level, enforce)));
            Assert.Equal(enforce ? "error" : "warning", Name(RuleLevels.SeverityOf(null, level, enforce)));

            static string Name(LevelSeverity severity) => severity.ToString().ToLowerInvariant();
        }

        [Fact]
        public void Each_parameter_has_a_level_property_named_after_its_category()
        {
            for (var parameter = 1; parameter <= 8; parameter++)
            {
                Assert.Equal("MlopsLevel" + RuleCategories.CategoryOfParameter(parameter).Substring("MLOps.".Length), RuleLevels.LevelPropertyOf(parameter));
            }

            Assert.Equal("MlopsLevelModelRelease", RuleLevels.LevelPropertyOf(4));
            Assert.Equal("MlopsLevelCI", RuleLevels.LevelPropertyOf(5));
        }

        [Theory]
        [InlineData(null, null, Warning, Warning, Suggestion)]
        [InlineData("0", "false", Suggestion, Suggestion, Suggestion)]
        [InlineData("0", "true", Suggestion, Suggestion, Suggestion)]
        [InlineData("1", "false", Warning, Warning, Suggestion)]
        [InlineData("1", "true", Error, Error, Suggestion)]
        [InlineData("2", "false", Warning, Warning, Warning)]
        [InlineData("2", "True", Error, Error, Error)]
        [InlineData(" 2 ", "true", Error, Error, Error)]
        [InlineData("3", "yes", Warning, Warning, Suggestion)]
        public async Task The_level_gives_each_rule_its_severity(string? level, string? enforce, DiagnosticSeverity mlContext, DiagnosticSeverity label, DiagnosticSeverity hyperparameter)
        {
            var test = Test(Properties(("MlopsLevel", level), ("MlopsEnforce", enforce)));
            await Expect(test, mlContext, label, hyperparameter).RunAsync();
        }

        [Theory]
        [InlineData("1", "MlopsLevelDevelopment", "2", Error, Error, Error)]
        [InlineData("1", "MlopsLevelData", "0", Error, Suggestion, Suggestion)]
        [InlineData("2", "MlopsLevelDevelopment", "0", Suggestion, Error, Suggestion)]
        [InlineData("2", "MlopsLevelData", "", Error, Error, Error)]
        [InlineData("0", "MlopsLevelDevelopment", "invalid", Suggestion, Suggestion, Suggestion)]
        [InlineData("2", "MlopsLevelGovernance", "0", Error, Error, Error)]
        public async Task A_parameter_level_overrides_MlopsLevel_for_its_rules(string level, string property, string value, DiagnosticSeverity mlContext, DiagnosticSeverity label, DiagnosticSeverity hyperparameter)
        {
            var test = Test(Properties(("MlopsLevel", level), ("MlopsEnforce", "true"), (property, value)));
            await Expect(test, mlContext, label, hyperparameter).RunAsync();
        }

        [Fact]
        public async Task A_category_severity_in_editorconfig_wins_over_the_level()
        {
            var test = Test(Enforced(), "dotnet_analyzer_diagnostic.category-MLOps.Development.severity = none");
            await Expect(test, null, Error, null).RunAsync();

            test = Test(Enforced(), "dotnet_analyzer_diagnostic.category-MLOps.Development.severity = warning");
            await Expect(test, Warning, Error, Warning).RunAsync();

            // 'default' keeps the severity the diagnostic was reported with: the level's.
            test = Test(Enforced(), "dotnet_analyzer_diagnostic.category-MLOps.Development.severity = default");
            await Expect(test, Error, Error, Error).RunAsync();
        }

        [Fact]
        public async Task An_all_analyzers_severity_wins_over_the_level_and_a_category_over_it()
        {
            var test = Test(Enforced(), "dotnet_analyzer_diagnostic.severity = suggestion");
            await Expect(test, Suggestion, Suggestion, Suggestion).RunAsync();

            test = Test(Enforced(), "dotnet_analyzer_diagnostic.severity = none\ndotnet_analyzer_diagnostic.category-MLOps.Data.severity = warning");
            await Expect(test, null, Warning, null).RunAsync();
        }

        [Fact]
        public async Task An_id_severity_wins_over_a_category_and_the_level()
        {
            var test = Test(Enforced(), "dotnet_analyzer_diagnostic.category-MLOps.Development.severity = none\ndotnet_diagnostic.MLG3001.severity = warning");
            await Expect(test, Warning, Error, null).RunAsync();

            // An ID set in any file wins over a category set in any other: here the user's .globalconfig over the file's .editorconfig.
            test = Test(Enforced() + "dotnet_diagnostic.MLG3201.severity = suggestion\n", "dotnet_analyzer_diagnostic.category-MLOps.Development.severity = none");
            await Expect(test, null, Error, Suggestion).RunAsync();

            test = Test(Enforced(), "dotnet_diagnostic.MLG2004.severity = none");
            await Expect(test, Error, null, Error).RunAsync();
        }

        [Fact]
        public async Task A_category_severity_in_a_globalconfig_wins_over_the_level()
        {
            var test = Test(Enforced() + "dotnet_analyzer_diagnostic.category-MLOps.Data.severity = suggestion\n");
            await Expect(test, Error, Suggestion, Error).RunAsync();
        }

        [Fact]
        public async Task NoWarn_and_WarningsAsErrors_win_over_the_level()
        {
            var test = Test(Enforced(), options: o => o.WithSpecificDiagnosticOptions(Options(("MLG3001", ReportDiagnostic.Suppress))));
            await Expect(test, null, Error, Error).RunAsync();

            // WarningsAsErrors makes even a Level 0 suggestion an error, and a category setting does not undo it.
            test = Test(Properties(("MlopsLevel", "0")), "dotnet_analyzer_diagnostic.category-MLOps.Development.severity = none", o => o.WithSpecificDiagnosticOptions(Options(("MLG3001", ReportDiagnostic.Error))));
            await Expect(test, Error, Suggestion, null).RunAsync();
        }

        [Fact]
        public async Task TreatWarningsAsErrors_promotes_the_level_warnings_and_not_its_suggestions()
        {
            var test = Test(Properties(("MlopsLevel", "1")), options: o => o.WithGeneralDiagnosticOption(ReportDiagnostic.Error));
            await Expect(test, Error, Error, Suggestion).RunAsync();

            // A warning set by category is promoted too.
            test = Test(Properties(("MlopsLevel", "0")), "dotnet_analyzer_diagnostic.category-MLOps.Data.severity = warning", o => o.WithGeneralDiagnosticOption(ReportDiagnostic.Error));
            await Expect(test, Suggestion, Error, Suggestion).RunAsync();
        }

        [Fact]
        public async Task WarningsNotAsErrors_exempts_a_rule_from_enforcement_as_from_TreatWarningsAsErrors()
        {
            // <WarningsNotAsErrors>MLG3001</WarningsNotAsErrors> is /warnaserror-:MLG3001, kept as Default on the command line.
            var test = Test(Enforced(), options: o => o.WithGeneralDiagnosticOption(ReportDiagnostic.Error).WithSpecificDiagnosticOptions(Options(("MLG3001", ReportDiagnostic.Default))));
            await Expect(test, Warning, Error, Error).RunAsync();
        }

        [Fact]
        public async Task A_pragma_suppresses_an_enforced_rule()
        {
            var code = Training.Replace("        var ml = {|#0:new MLContext()|};", "#pragma warning disable MLG3001\n        var ml = new MLContext();\n#pragma warning restore MLG3001");
            await Expect(Test(Enforced(), code: code), null, Error, Error).RunAsync();
        }

        private static string Enforced() => Properties(("MlopsLevel", "2"), ("MlopsEnforce", "true"));

        /// <summary>A global config as MSBuild's GenerateMSBuildEditorConfigFile writes the CompilerVisibleProperty values; null leaves one out.</summary>
        private static string Properties(params (string Name, string? Value)[] properties)
        {
            var text = "is_global = true\n";
            foreach (var (name, value) in properties)
            {
                if (value is not null)
                {
                    text += "build_property." + name + " = " + value + "\n";
                }
            }

            return text;
        }

        private static ImmutableDictionary<string, ReportDiagnostic> Options(params (string Id, ReportDiagnostic Value)[] options)
        {
            var builder = ImmutableDictionary.CreateBuilder<string, ReportDiagnostic>();
            foreach (var (id, value) in options)
            {
                builder.Add(id, value);
            }

            return builder.ToImmutable();
        }

        private static BuildLikeTest Test(string globalConfig, string? editorConfig = null, Func<CompilationOptions, CompilationOptions>? options = null, string code = Training)
        {
            var test = new BuildLikeTest
            {
                TestCode = code,
                ReferenceAssemblies = MlReferences.MlNet,

                // TreatWarningsAsErrors would make the compiler's own warnings about the test code part of the expectations.
                CompilerDiagnostics = CompilerDiagnostics.None,
            };
            test.TestState.AnalyzerConfigFiles.Add(("/MlopsGuard.Properties.globalconfig", globalConfig));
            if (editorConfig is not null)
            {
                test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\n" + editorConfig + "\n"));
            }

            if (options is not null)
            {
                test.SolutionTransforms.Add((solution, projectId) =>
                    solution.WithProjectCompilationOptions(projectId, options(solution.GetProject(projectId)!.CompilationOptions!)));
            }

            return test;
        }

        /// <summary>The three diagnostics at their markup locations with these severities; null: not reported.</summary>
        private static BuildLikeTest Expect(
            BuildLikeTest test, DiagnosticSeverity? mlContext, DiagnosticSeverity? label, DiagnosticSeverity? hyperparameter)
        {
            Add(RuleIdentifiers.UnseededMLContext, 0, mlContext);
            Add(RuleIdentifiers.LabelInFeatures, 1, label);
            Add(RuleIdentifiers.InlinedHyperparameter, 2, hyperparameter);
            return test;

            void Add(string id, int location, DiagnosticSeverity? severity)
            {
                if (severity is DiagnosticSeverity reported)
                {
                    test.ExpectedDiagnostics.Add(new DiagnosticResult(id, reported).WithLocation(location));
                }
            }
        }

        /// <summary>
        /// The test framework names every ID under test on the command line (as Default) to make sure it is enabled. A real build names
        /// none, and a named ID takes neither a category nor an all-analyzers severity, nor TreatWarningsAsErrors: the compilation
        /// here keeps only what the test itself sets (and AD0001 as an error).
        /// </summary>
        public sealed class BuildLikeTest : CSharpAnalyzerTest<ThreeRules, DefaultVerifier>
        {
            protected override Project ApplyCompilationOptions(Project project)
            {
                var own = project.CompilationOptions!.SpecificDiagnosticOptions;
                var applied = base.ApplyCompilationOptions(project);
                return applied.WithCompilationOptions(applied.CompilationOptions!.WithSpecificDiagnosticOptions(own.SetItem("AD0001", ReportDiagnostic.Error)));
            }
        }

        /// <summary>MlopsGuard's analyzer with three rules of two parameters and two levels, as a type the test framework can create.</summary>
#pragma warning disable RS1001 // created by the tests, never loaded by a compiler
        public sealed class ThreeRules : DiagnosticAnalyzer
#pragma warning restore RS1001
        {
            private readonly MlopsGuardAnalyzer _analyzer = new MlopsGuardAnalyzer(new LabelInFeaturesRule(), new UnseededMLContextRule(), new InlinedHyperparameterRule());

            public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => _analyzer.SupportedDiagnostics;

#pragma warning disable RS1025, RS1026 // MlopsGuardAnalyzer.Initialize configures both
            public override void Initialize(AnalysisContext context) => _analyzer.Initialize(context);
#pragma warning restore RS1025, RS1026
        }
    }
}
