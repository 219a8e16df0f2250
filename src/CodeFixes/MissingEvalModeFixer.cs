using System.Collections.Immutable;
using System.Composition;
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
    /// <summary>MLG3302: calls <c>model.eval()</c> just before the statement of the model's first evaluation use.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MissingEvalModeFixer)), Shared]
    public sealed class MissingEvalModeFixer : CodeFixProvider
    {
        internal const string Title = "Call eval() before evaluating the model";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.MissingEvalMode);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            foreach (var diagnostic in context.Diagnostics)
            {
                if (root is null
                    || !diagnostic.Properties.TryGetValue(MissingEvalModeAnalyzer.ModuleProperty, out var module)
                    || module is null
                    || StatementInBlock(root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)) is not StatementSyntax statement)
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(Title, ct => InsertEvalAsync(context.Document, statement, module, ct), equivalenceKey: Title),
                    diagnostic);
            }
        }

        /// <summary>The statement around the use that sits directly in a block (or is a top-level statement): where a new statement can go.</summary>
        private static StatementSyntax? StatementInBlock(SyntaxNode? node)
        {
            for (var current = node; current is not null; current = current.Parent)
            {
                if (current is StatementSyntax statement && (statement.Parent is BlockSyntax || statement.Parent is GlobalStatementSyntax))
                {
                    return statement;
                }

                if (current is MemberDeclarationSyntax && current is not GlobalStatementSyntax)
                {
                    return null;
                }
            }

            return null;
        }

        private static async Task<Document> InsertEvalAsync(Document document, StatementSyntax statement, string module, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            var eval = SyntaxFactory.ParseStatement(module + ".eval();")
                .WithLeadingTrivia(statement.GetLeadingTrivia())
                .WithTrailingTrivia(DocumentNewLine.Near(statement))
                .WithAdditionalAnnotations(Formatter.Annotation);

            if (statement.Parent is GlobalStatementSyntax global)
            {
                return document.WithSyntaxRoot(root.InsertNodesBefore(global, new[] { SyntaxFactory.GlobalStatement(eval) }));
            }

            return document.WithSyntaxRoot(root.InsertNodesBefore(statement, new[] { eval }));
        }
    }
}
