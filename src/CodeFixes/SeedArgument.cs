using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MlopsGuard.CodeFixes
{
    /// <summary>The named seed argument the fixes insert: a fixed constant makes runs repeatable.</summary>
    internal static class SeedArgument
    {
        public const int DefaultSeed = 0;

        public static ArgumentSyntax Create(string parameterName = "seed") =>
            SyntaxFactory.Argument(
                SyntaxFactory.NameColon(SyntaxFactory.IdentifierName(parameterName)),
                default,
                SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(DefaultSeed)));
    }
}
