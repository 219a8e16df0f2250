using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using MlopsGuard.Analyzers.Infrastructure;
using Xunit;

namespace MlopsGuard.Analyzers.Tests.Infrastructure
{
    /// <summary>
    /// <see cref="OperationExtensions.StringConstant"/> reads a literal's text from its token instead of the constant: the two
    /// must agree on every kind of string, and anything that is no string constant gives null.
    /// </summary>
    public class StringConstantTests
    {
        [Theory]
        [InlineData("\"plain\"", "plain")]
        [InlineData("\"tab\\tand \\u0041\"", "tab\tand A")]
        [InlineData("@\"C:\\data\\\"\"q\"\"\"", "C:\\data\\\"q\"")]
        [InlineData("\"\"\"\n    raw \"quoted\"\n    \"\"\"", "raw \"quoted\"")]
        [InlineData("\"\"", "")]
        [InlineData("Const + \"/b\"", "a/b")]
        [InlineData("Const", "a")]
        [InlineData("nameof(Const)", "Const")]
        [InlineData("$\"x{Const}\"", "xa")]
        public void Agrees_with_the_compilers_constant(string expression, string expected)
        {
            var value = ValueOf(expression);
            Assert.Equal(value.ConstantValue.Value, value.StringConstant());
            Assert.Equal(expected, value.StringConstant());
        }

        [Theory]
        [InlineData("(string?)null")]
        [InlineData("Variable")]
        [InlineData("Variable + \"x\"")]
        [InlineData("42.ToString()")]
        public void Is_null_for_anything_else(string expression)
        {
            Assert.Null(ValueOf(expression).StringConstant());
        }

        [Fact]
        public void Is_null_for_a_constant_that_is_no_string()
        {
            Assert.Null(ValueOf("42", "int").StringConstant());
        }

        /// <summary>The operation of the initializer of a local declared with <paramref name="expression"/>.</summary>
        private static IOperation ValueOf(string expression, string type = "string?")
        {
            var code = "#nullable enable\nclass C\n{\n    const string Const = \"a\";\n    static string Variable = \"v\";\n    void M()\n    {\n        "
                + type + " value = " + expression + ";\n    }\n}\n";
            var tree = CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.Latest));
            var compilation = CSharpCompilation.Create("Test", new[] { tree }, new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location) });
            var declarator = tree.GetRoot().DescendantNodes().OfType<VariableDeclaratorSyntax>().Single(d => d.Identifier.Text == "value");
            var operation = (IVariableDeclaratorOperation)compilation.GetSemanticModel(tree).GetOperation(declarator)!;
            return operation.Initializer!.Value.WithoutConversions();
        }
    }
}
