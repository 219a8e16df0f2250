using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using MlopsGuard.Analyzers.Infrastructure;

namespace MlopsGuard.Analyzers.Tests.Verifiers
{
    /// <summary>The level the rule tests run at.</summary>
    public static class TestLevel
    {
        /// <summary>
        /// MlopsLevel 2 without enforcement, as MSBuild passes it (a global config of <c>build_property.*</c>): every rule is a
        /// warning there, its descriptor's default, so markup needs no severity. LevelSeverityTests covers the other levels.
        /// </summary>
        public static readonly (string Path, string Content) LevelTwo = ("/MlopsGuard.TestLevel.globalconfig", "is_global = true\nbuild_property.MlopsLevel = 2\nbuild_property.MlopsEnforce = false\n");
    }

    /// <summary>Runs one rule over test code written with diagnostic markup (<c>{|MLG3001:new MLContext()|}</c>), at <see cref="TestLevel.LevelTwo"/>.</summary>
    public static class AnalyzerVerifier<TRule>
        where TRule : MlopsRule, new()
    {
        public static Task VerifyAsync(string source, ReferenceAssemblies? references = null, params DiagnosticResult[] expected)
        {
            var test = new CSharpAnalyzerTest<RuleAnalyzer<TRule>, DefaultVerifier>
            {
                TestCode = source,
                ReferenceAssemblies = references ?? MlReferences.MlNet,
            };
            test.TestState.AnalyzerConfigFiles.Add(TestLevel.LevelTwo);
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync();
        }

        /// <summary>As above, with one additional file passed to the compiler (e.g. MlopsGuard.Artifacts.txt with the declared items).</summary>
        public static Task VerifyAsync(string source, (string Path, string Content) additionalFile, ReferenceAssemblies? references = null, params DiagnosticResult[] expected)
        {
            var test = new CSharpAnalyzerTest<RuleAnalyzer<TRule>, DefaultVerifier>
            {
                TestCode = source,
                ReferenceAssemblies = references ?? MlReferences.MlNet,
            };
            test.TestState.AdditionalFiles.Add((additionalFile.Path, additionalFile.Content));
            test.TestState.AnalyzerConfigFiles.Add(TestLevel.LevelTwo);
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync();
        }
    }

    /// <summary>Runs a rule and its fixer: the markup marks the diagnostics, <c>fixedSource</c> is the code after the fix.</summary>
    public static class CodeFixVerifier<TRule, TFixer>
        where TRule : MlopsRule, new()
        where TFixer : Microsoft.CodeAnalysis.CodeFixes.CodeFixProvider, new()
    {
        public static Task VerifyAsync(string source, string fixedSource, ReferenceAssemblies? references = null)
        {
            var test = new CSharpCodeFixTest<RuleAnalyzer<TRule>, TFixer, DefaultVerifier>
            {
                TestCode = source,
                FixedCode = fixedSource,
                ReferenceAssemblies = references ?? MlReferences.MlNet,
            };
            test.TestState.AnalyzerConfigFiles.Add(TestLevel.LevelTwo);
            return test.RunAsync();
        }
    }
}
