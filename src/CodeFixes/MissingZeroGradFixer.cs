using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using MlopsGuard.Analyzers.Rules;

namespace MlopsGuard.CodeFixes
{
    /// <summary>MLG3301: calls <c>optimizer.zero_grad()</c> first in the training loop's body.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MissingZeroGradFixer)), Shared]
    public sealed class MissingZeroGradFixer : CodeFixProvider
    {
        internal const string Title = "Call zero_grad() at the start of the loop";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.MissingZeroGrad);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            foreach (var diagnostic in context.Diagnostics)
            {
                if (root is null
                    || !diagnostic.Properties.TryGetValue(MissingZeroGradAnalyzer.OptimizerProperty, out var optimizer)
                    || optimizer is null
                    || !diagnostic.Properties.TryGetValue(MissingZeroGradAnalyzer.LoopStartProperty, out var start)
                    || !int.TryParse(start, NumberStyles.Integer, CultureInfo.InvariantCulture, out var position)
                    || position < 0
                    || position >= root.FullSpan.End
                    || LoopAt(root, position) is not StatementSyntax loop)
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(Title, ct => InsertZeroGradAsync(context.Document, loop, optimizer, ct), equivalenceKey: Title),
                    diagnostic);
            }
        }

        private static StatementSyntax? LoopAt(SyntaxNode root, int position)
        {
            var node = root.FindToken(position).Parent;
            return node is ForStatementSyntax || node is CommonForEachStatementSyntax || node is WhileStatementSyntax || node is DoStatementSyntax
                ? (StatementSyntax)node
                : null;
        }

        private static async Task<Document> InsertZeroGradAsync(Document document, StatementSyntax loop, string optimizer, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var body = loop switch
            {
                ForStatementSyntax f => f.Statement,
                CommonForEachStatementSyntax f => f.Statement,
                WhileStatementSyntax w => w.Statement,
                DoStatementSyntax d => d.Statement,
                _ => null,
            };
            if (root is null || body is null)
            {
                return document;
            }

            var zeroGrad = SyntaxFactory.ParseStatement(optimizer + ".zero_grad();").WithAdditionalAnnotations(Formatter.Annotation);
            var newBody = body is BlockSyntax block
                ? block.WithStatements(block.Statements.Insert(0, block.Statements.Count == 0 ? zeroGrad : zeroGrad
                    .WithLeadingTrivia(block.Statements[0].GetLeadingTrivia())
                    .WithTrailingTrivia(DocumentNewLine.Near(block))))
                : SyntaxFactory.Block(zeroGrad, body.WithoutLeadingTrivia()).WithAdditionalAnnotations(Formatter.Annotation);

            return document.WithSyntaxRoot(root.ReplaceNode(body, newBody));
        }
    }
}
