using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using MlopsGuard.Analyzers.Infrastructure;
using MlopsGuard.Analyzers.Tests.Verifiers;
using Xunit;

namespace MlopsGuard.Analyzers.Tests.Infrastructure
{
    /// <summary>
    /// The one walk of each method body that most rules share: its calls in the order of <c>Descendants()</c>, the locals
    /// written exactly once, and no recursion that a deep expression could overflow.
    /// </summary>
    public class LocalValuesTests
    {
        [Fact]
        public async Task Lists_every_call_in_the_order_of_Descendants_on_the_level0_sample()
        {
            var sample = File.ReadAllText(RepositoryPaths.Combine("samples", "level0-experiment", "Program.cs"));
            var bodies = await BodiesAsync(sample, OutputKind.ConsoleApplication);

            Assert.NotEmpty(bodies);
            foreach (var body in bodies)
            {
                // A constructor's root holds its initializer too (: base(…)), and the calls listed are the root's.
                var root = body;
                while (root.Parent is IOperation parent)
                {
                    root = parent;
                }

                var expected = root.DescendantsAndSelf().OfType<IInvocationOperation>().Select(c => c.Syntax.SpanStart + " " + c.TargetMethod.Name).ToList();
                Assert.Equal(expected, LocalValues.For(body).Calls.Select(c => c.Syntax.SpanStart + " " + c.TargetMethod.Name));
            }

            Assert.Contains(bodies, b => LocalValues.For(b).Calls.Length >= 5);
        }

        [Fact]
        public async Task Follows_a_local_written_once_and_no_other()
        {
            const string source = @"
public static class Locals
{
    public static void Run(int seed)
    {
        var once = ""data.csv"";
        var alias = once;
        var twice = 1;
        twice = 2;
        var compound = 1;
        compound += 1;
        var byRef = 1;
        Touch(ref byRef);
        int.TryParse(""3"", out var viaOut);
        int assignedLater;
        assignedLater = seed;
        System.Console.WriteLine(alias + twice + compound + byRef + viaOut + assignedLater);
    }

    private static void Touch(ref int value) => value++;
}";
            var bodies = await BodiesAsync(source);
            var body = bodies.Single(b => b.Syntax.Parent is MethodDeclarationSyntax { Identifier.ValueText: "Run" });
            var locals = LocalValues.For(body);
            ILocalSymbol Local(string name) => body.Descendants().OfType<IVariableDeclaratorOperation>().Select(d => d.Symbol).First(s => s.Name == name);

            Assert.True(locals.TryGetSingleValue(Local("once"), out var once));
            Assert.Equal("data.csv", once.ConstantValue.Value);
            Assert.True(locals.TryGetSingleValue(Local("alias"), out var alias));
            Assert.Equal("data.csv", locals.Resolve(alias).ConstantValue.Value);
            Assert.False(locals.IsAssignedOnce(Local("twice")));
            Assert.False(locals.IsAssignedOnce(Local("compound")));
            Assert.False(locals.IsAssignedOnce(Local("byRef")));
            Assert.True(locals.IsAssignedOnce(Local("assignedLater")));
            Assert.Equal(new[] { "Touch", "TryParse", "WriteLine" }, locals.Calls.Select(c => c.TargetMethod.Name).OrderBy(n => n, System.StringComparer.Ordinal));
        }

        [Fact]
        public async Task Walks_an_expression_nested_thousands_deep()
        {
            // A generated concatenation of 20,000 calls nests 20,000 binary operations: a recursive walk would overflow the stack.
            var terms = new StringBuilder("Part(0)");
            for (var i = 1; i < 20_000; i++)
            {
                terms.Append(" + Part(").Append(i).Append(')');
            }

            var source = "public static class Deep\n{\n    public static string Join() => " + terms + ";\n\n    private static string Part(int i) => i.ToString();\n}";
            var bodies = await BodiesAsync(source);
            var body = bodies.Single(b => b.Syntax is ArrowExpressionClauseSyntax { Parent: MethodDeclarationSyntax { Identifier.ValueText: "Join" } });

            var calls = LocalValues.For(body).Calls;

            Assert.Equal(20_000, calls.Length);
            Assert.All(calls, c => Assert.Equal("Part", c.TargetMethod.Name));
        }

        /// <summary>Every method body of the source (top-level code included), as the operation tree the analyzer driver hands to the rules.</summary>
        private static async Task<IOperation[]> BodiesAsync(string source, OutputKind kind = OutputKind.DynamicallyLinkedLibrary)
        {
            var compilation = await AnalyzerRunner.CompileAsync(
                new[] { ("Source.cs", source), ("Usings.cs", "global using System;\nglobal using System.Collections.Generic;\nglobal using System.IO;\nglobal using System.Linq;\nglobal using System.Threading;\nglobal using System.Threading.Tasks;\n") },
                kind);
            var tree = compilation.SyntaxTrees.First();
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

            var model = compilation.GetSemanticModel(tree);
            var bodies = tree.GetRoot().DescendantNodes()
                .Where(n => n is BlockSyntax { Parent: BaseMethodDeclarationSyntax } or ArrowExpressionClauseSyntax { Parent: BaseMethodDeclarationSyntax })
                .Prepend(tree.GetRoot())
                .Select(n => model.GetOperation(n))
                .OfType<IOperation>()
                .ToArray();
            return bodies;
        }
    }
}
