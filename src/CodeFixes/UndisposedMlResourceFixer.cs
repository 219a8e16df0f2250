using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using MlopsGuard.Analyzers.Rules;

namespace MlopsGuard.CodeFixes
{
    /// <summary>MLG6003: turns <c>var session = new InferenceSession(...);</c> into a <c>using</c> declaration.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UndisposedMlResourceFixer)), Shared]
    public sealed class UndisposedMlResourceFixer : CodeFixProvider
    {
        internal const string Title = "Declare with 'using'";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.UndisposedMlResource);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            foreach (var diagnostic in context.Diagnostics)
            {
                // The analyzer marks the diagnostics where one 'using' is right: a single local, never reassigned.
                if (!diagnostic.Properties.TryGetValue(UndisposedMlResourceAnalyzer.FixProperty, out var fix) || fix != UndisposedMlResourceAnalyzer.UsingFix
                    || root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)?.FirstAncestorOrSelf<LocalDeclarationStatementSyntax>() is not LocalDeclarationStatementSyntax statement
                    || statement.UsingKeyword.IsKind(SyntaxKind.UsingKeyword))
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(Title, ct => AddUsingAsync(context.Document, statement, ct), equivalenceKey: Title),
                    diagnostic);
            }
        }

        private static async Task<Document> AddUsingAsync(Document document, LocalDeclarationStatementSyntax statement, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            // The statement's indentation and comments stay in front of the new keyword.
            var usingKeyword = SyntaxFactory.Token(SyntaxKind.UsingKeyword)
                .WithLeadingTrivia(statement.GetLeadingTrivia())
                .WithTrailingTrivia(SyntaxFactory.Space);
            var withUsing = statement.WithoutLeadingTrivia().WithUsingKeyword(usingKeyword);
            return document.WithSyntaxRoot(root.ReplaceNode(statement, withUsing));
        }
    }
}
