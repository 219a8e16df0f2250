using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace MlopsGuard.CodeFixes
{
    /// <summary>The line break a fix appends to an inserted statement: the one the surrounding code already uses.</summary>
    internal static class DocumentNewLine
    {
        public static SyntaxTrivia Near(SyntaxNode node)
        {
            foreach (var ancestor in node.AncestorsAndSelf())
            {
                var endOfLine = ancestor.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
                if (endOfLine.IsKind(SyntaxKind.EndOfLineTrivia))
                {
                    return endOfLine;
                }
            }

            return SyntaxFactory.ElasticCarriageReturnLineFeed;
        }
    }
}
