using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using MlopsGuard.Analyzers.Infrastructure;

namespace MlopsGuard.Analyzers.Tests.Verifiers
{
    /// <summary>Runs one rule over test code written with diagnostic markup (<c>{|MLG3001:new MLContext()|}</c>).</summary>
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
            return test.RunAsync();
        }
    }
}
