using System.Collections.Immutable;
using System.Composition;
using System.Linq;
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
    /// <summary>MLG3001: passes <c>seed: 0</c> to the MLContext constructor.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnseededMLContextFixer)), Shared]
    public sealed class UnseededMLContextFixer : CodeFixProvider
    {
        internal const string Title = "Create MLContext with seed: 0";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.UnseededMLContext);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root?.FindNode(context.Span, getInnermostNodeForTie: true) is not SyntaxNode node
                || node.FirstAncestorOrSelf<BaseObjectCreationExpressionSyntax>() is not BaseObjectCreationExpressionSyntax creation)
            {
                return;
            }

            context.RegisterCodeFix(
                CodeAction.Create(Title, ct => AddSeedAsync(context.Document, creation, ct), equivalenceKey: Title),
                context.Diagnostics);
        }

        private static async Task<Document> AddSeedAsync(Document document, BaseObjectCreationExpressionSyntax creation, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            var seedArgument = SeedArgument.Create();
            var arguments = creation.ArgumentList ?? SyntaxFactory.ArgumentList();

            // A written 'null'/'default' seed is replaced in place; otherwise the seed is added.
            var existing = arguments.Arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == UnseededMLContextAnalyzer.SeedParameterName)
                ?? arguments.Arguments.FirstOrDefault(a => a.NameColon is null);
            var newArguments = existing is null
                ? arguments.AddArguments(seedArgument)
                : arguments.ReplaceNode(existing, seedArgument.WithTriviaFrom(existing));

            BaseObjectCreationExpressionSyntax newCreation;
            if (creation.ArgumentList is null && creation is ObjectCreationExpressionSyntax withInitializer)
            {
                // 'new MLContext { ... }': the space after the type moves behind the new argument list.
                newCreation = withInitializer
                    .WithType(withInitializer.Type.WithoutTrailingTrivia())
                    .WithArgumentList(newArguments.WithTrailingTrivia(withInitializer.Type.GetTrailingTrivia()));
            }
            else
            {
                newCreation = creation.WithArgumentList(newArguments.WithTriviaFrom(arguments));
            }

            return document.WithSyntaxRoot(root.ReplaceNode(creation, newCreation));
        }
    }
}
