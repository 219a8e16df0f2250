using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using MlopsGuard.Analyzers.Rules;

namespace MlopsGuard.CodeFixes
{
    /// <summary>MLG3001: passes <c>seed: 0</c> to the MLContext constructor.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnseededMLContextFixer)), Shared]
    public sealed class UnseededMLContextFixer : MlopsCodeFix<BaseObjectCreationExpressionSyntax>
    {
        internal const string Title = "Create MLContext with seed: 0";

        public UnseededMLContextFixer()
            : base(RuleIdentifiers.UnseededMLContext, Title)
        {
        }

        protected override bool TryFindTarget(SyntaxNode root, Diagnostic diagnostic, out BaseObjectCreationExpressionSyntax target)
        {
            target = NodeAt(root, diagnostic).FirstAncestorOrSelf<BaseObjectCreationExpressionSyntax>()!;
            return target is not null;
        }

        protected override Task<SyntaxNode> FixAsync(Document document, SyntaxNode root, BaseObjectCreationExpressionSyntax creation, CancellationToken cancellationToken)
        {
            var seedArgument = SeedArgument.Create();
            var arguments = creation.ArgumentList ?? SyntaxFactory.ArgumentList();

            // A written 'null'/'default' seed is replaced in place; otherwise the seed is added.
            var existing = arguments.Arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == UnseededMLContextRule.SeedParameterName)
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

            return Task.FromResult<SyntaxNode>(root.ReplaceNode(creation, newCreation));
        }
    }
}
