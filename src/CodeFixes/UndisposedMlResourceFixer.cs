using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using MlopsGuard.Analyzers.Rules;

namespace MlopsGuard.CodeFixes
{
    /// <summary>MLG6003: turns <c>var session = new InferenceSession(...);</c> into a <c>using</c> declaration.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UndisposedMlResourceFixer)), Shared]
    public sealed class UndisposedMlResourceFixer : MlopsCodeFix<LocalDeclarationStatementSyntax>
    {
        internal const string Title = "Declare with 'using'";

        public UndisposedMlResourceFixer()
            : base(RuleIdentifiers.UndisposedMlResource, Title)
        {
        }

        protected override bool TryFindTarget(SyntaxNode root, Diagnostic diagnostic, out LocalDeclarationStatementSyntax target)
        {
            // The analyzer marks the diagnostics where one 'using' is right: a single local, never reassigned.
            target = NodeAt(root, diagnostic).FirstAncestorOrSelf<LocalDeclarationStatementSyntax>()!;
            return diagnostic.Properties.TryGetValue(UndisposedMlResourceRule.FixProperty, out var fix) && fix == UndisposedMlResourceRule.UsingFix
                && target is not null && !target.UsingKeyword.IsKind(SyntaxKind.UsingKeyword);
        }

        protected override Task<SyntaxNode> FixAsync(Document document, SyntaxNode root, LocalDeclarationStatementSyntax statement, CancellationToken cancellationToken)
        {
            // The statement's indentation and comments stay in front of the new keyword.
            var usingKeyword = SyntaxFactory.Token(SyntaxKind.UsingKeyword)
                .WithLeadingTrivia(statement.GetLeadingTrivia())
                .WithTrailingTrivia(SyntaxFactory.Space);
            var withUsing = statement.WithoutLeadingTrivia().WithUsingKeyword(usingKeyword);
            return Task.FromResult<SyntaxNode>(root.ReplaceNode(statement, withUsing));
        }
    }
}
