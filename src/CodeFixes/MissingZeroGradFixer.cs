using System.Composition;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using MlopsGuard.Analyzers.Rules;

namespace MlopsGuard.CodeFixes
{
    /// <summary>MLG3301: calls <c>optimizer.zero_grad()</c> first in the training loop's body.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MissingZeroGradFixer)), Shared]
    public sealed class MissingZeroGradFixer : MlopsCodeFix<(StatementSyntax Loop, string Optimizer)>
    {
        internal const string Title = "Call zero_grad() at the start of the loop";

        public MissingZeroGradFixer()
            : base(RuleIdentifiers.MissingZeroGrad, Title)
        {
        }

        protected override bool TryFindTarget(SyntaxNode root, Diagnostic diagnostic, out (StatementSyntax Loop, string Optimizer) target)
        {
            target = default;
            if (!diagnostic.Properties.TryGetValue(MissingZeroGradRule.OptimizerProperty, out var optimizer)
                || optimizer is null
                || !diagnostic.Properties.TryGetValue(MissingZeroGradRule.LoopStartProperty, out var start)
                || !int.TryParse(start, NumberStyles.Integer, CultureInfo.InvariantCulture, out var position)
                || position < 0
                || position >= root.FullSpan.End
                || LoopAt(root, position) is not StatementSyntax loop)
            {
                return false;
            }

            target = (loop, optimizer);
            return true;
        }

        private static StatementSyntax? LoopAt(SyntaxNode root, int position)
        {
            var node = root.FindToken(position).Parent;
            return node is ForStatementSyntax || node is CommonForEachStatementSyntax || node is WhileStatementSyntax || node is DoStatementSyntax
                ? (StatementSyntax)node
                : null;
        }

        protected override Task<SyntaxNode> FixAsync(Document document, SyntaxNode root, (StatementSyntax Loop, string Optimizer) target, CancellationToken cancellationToken)
        {
            var (loop, optimizer) = target;
            var body = loop switch
            {
                ForStatementSyntax f => f.Statement,
                CommonForEachStatementSyntax f => f.Statement,
                WhileStatementSyntax w => w.Statement,
                DoStatementSyntax d => d.Statement,
                _ => null,
            };
            if (body is null)
            {
                return Task.FromResult<SyntaxNode>(root);
            }

            var zeroGrad = SyntaxFactory.ParseStatement(optimizer + ".zero_grad();").WithAdditionalAnnotations(Formatter.Annotation);
            var newBody = body is BlockSyntax block
                ? block.WithStatements(block.Statements.Insert(0, block.Statements.Count == 0 ? zeroGrad : zeroGrad
                    .WithLeadingTrivia(block.Statements[0].GetLeadingTrivia())
                    .WithTrailingTrivia(DocumentNewLine.Near(block))))
                : SyntaxFactory.Block(zeroGrad, body.WithoutLeadingTrivia()).WithAdditionalAnnotations(Formatter.Annotation);

            return Task.FromResult<SyntaxNode>(root.ReplaceNode(body, newBody));
        }
    }
}
