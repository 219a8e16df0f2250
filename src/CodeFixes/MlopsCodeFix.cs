using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace MlopsGuard.CodeFixes
{
    /// <summary>
    /// Base of the MlopsGuard code fixes: one rule, one title (also the equivalence key, so Fix All batches them),
    /// one edit per diagnostic. A fixer says what a diagnostic points at (or that no single right edit exists) and how
    /// the syntax tree changes; registering, Fix All and the document round trip are here.
    /// </summary>
    /// <typeparam name="TTarget">What the edit needs: the node to change, and any value the analyzer passed along.</typeparam>
    public abstract class MlopsCodeFix<TTarget> : CodeFixProvider
    {
        private readonly string title;

        protected MlopsCodeFix(string diagnosticId, string title)
        {
            this.title = title;
            FixableDiagnosticIds = ImmutableArray.Create(diagnosticId);
        }

        public sealed override ImmutableArray<string> FixableDiagnosticIds { get; }

        public sealed override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (TryFindTarget(root, diagnostic, out var target))
                {
                    context.RegisterCodeFix(CodeAction.Create(title, ct => ApplyAsync(context.Document, target, ct), equivalenceKey: title), diagnostic);
                }
            }
        }

        /// <summary>What the diagnostic asks to change; false when the code is not in a shape with one right edit.</summary>
        protected abstract bool TryFindTarget(SyntaxNode root, Diagnostic diagnostic, out TTarget target);

        /// <summary>The new syntax root (the given one when, after all, nothing can be done).</summary>
        protected abstract Task<SyntaxNode> FixAsync(Document document, SyntaxNode root, TTarget target, CancellationToken cancellationToken);

        /// <summary>The node a diagnostic's location covers.</summary>
        protected static SyntaxNode NodeAt(SyntaxNode root, Diagnostic diagnostic) =>
            root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);

        private async Task<Document> ApplyAsync(Document document, TTarget target, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            var newRoot = await FixAsync(document, root, target, cancellationToken).ConfigureAwait(false);
            return ReferenceEquals(newRoot, root) ? document : document.WithSyntaxRoot(newRoot);
        }
    }
}
