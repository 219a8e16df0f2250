using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using MlopsGuard.Analyzers.Infrastructure;
using MlopsGuard.Analyzers.Rules;

namespace MlopsGuard.CodeFixes
{
    /// <summary>MLG3002: passes <c>seed: 0</c> to the split, shuffle or cross-validation.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnseededSplitFixer)), Shared]
    public sealed class UnseededSplitFixer : MlopsCodeFix<InvocationExpressionSyntax>
    {
        internal const string Title = "Pass seed: 0";

        public UnseededSplitFixer()
            : base(RuleIdentifiers.UnseededSplit, Title)
        {
        }

        protected override bool TryFindTarget(SyntaxNode root, Diagnostic diagnostic, out InvocationExpressionSyntax target)
        {
            target = NodeAt(root, diagnostic).FirstAncestorOrSelf<InvocationExpressionSyntax>()!;
            return target is not null;
        }

        protected override async Task<SyntaxNode> FixAsync(Document document, SyntaxNode root, InvocationExpressionSyntax invocation, CancellationToken cancellationToken)
        {
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (model is null)
            {
                return root;
            }

            var seedArgument = SeedArgument.Create(UnseededSplitRule.SeedParameterName);

            // A seed written as null/default (named or by position) is replaced where it stands; otherwise it is added last.
            var written = (model.GetOperation(invocation, cancellationToken) as IInvocationOperation)?
                .Arguments.ArgumentFor(UnseededSplitRule.SeedParameterName);
            var newArguments = written is { ArgumentKind: ArgumentKind.Explicit, Syntax: ArgumentSyntax existing }
                ? invocation.ArgumentList.ReplaceNode(existing, seedArgument.WithTriviaFrom(existing))
                : invocation.ArgumentList.AddArguments(seedArgument);

            return root.ReplaceNode(invocation.ArgumentList, newArguments);
        }
    }
}
