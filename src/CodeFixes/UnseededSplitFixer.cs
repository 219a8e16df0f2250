using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using MlopsGuard.Analyzers.Infrastructure;
using MlopsGuard.Analyzers.Rules;

namespace MlopsGuard.CodeFixes
{
    /// <summary>MLG3002: passes <c>seed: 0</c> to the split, shuffle or cross-validation.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnseededSplitFixer)), Shared]
    public sealed class UnseededSplitFixer : CodeFixProvider
    {
        internal const string Title = "Pass seed: 0";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.UnseededSplit);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root?.FindNode(context.Span, getInnermostNodeForTie: true)?.FirstAncestorOrSelf<InvocationExpressionSyntax>() is not InvocationExpressionSyntax invocation)
            {
                return;
            }

            context.RegisterCodeFix(
                CodeAction.Create(Title, ct => AddSeedAsync(context.Document, invocation, ct), equivalenceKey: Title),
                context.Diagnostics);
        }

        private static async Task<Document> AddSeedAsync(Document document, InvocationExpressionSyntax invocation, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return document;
            }

            var seedArgument = SeedArgument.Create(UnseededSplitAnalyzer.SeedParameterName);

            // A seed written as null/default (named or by position) is replaced where it stands; otherwise it is added last.
            var written = (model.GetOperation(invocation, cancellationToken) as IInvocationOperation)?
                .Arguments.ArgumentFor(UnseededSplitAnalyzer.SeedParameterName);
            var newArguments = written is { ArgumentKind: ArgumentKind.Explicit, Syntax: ArgumentSyntax existing }
                ? invocation.ArgumentList.ReplaceNode(existing, seedArgument.WithTriviaFrom(existing))
                : invocation.ArgumentList.AddArguments(seedArgument);

            return document.WithSyntaxRoot(root.ReplaceNode(invocation.ArgumentList, newArguments));
        }
    }
}
