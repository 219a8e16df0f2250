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
    /// <summary>MLG4002: passes <c>fittedData.Schema</c>, the schema of the data view the model was fitted on, to <c>Model.Save</c>.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ModelSavedWithoutSchemaFixer)), Shared]
    public sealed class ModelSavedWithoutSchemaFixer : CodeFixProvider
    {
        internal const string Title = "Save the model with the schema of its training data";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.ModelSavedWithoutSchema);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            foreach (var diagnostic in context.Diagnostics)
            {
                // The analyzer names the fitted data only when it is certain and in scope; otherwise there is no single right edit.
                if (!diagnostic.Properties.TryGetValue(ModelSavedWithoutSchemaAnalyzer.FittedDataProperty, out var fittedData)
                    || string.IsNullOrEmpty(fittedData)
                    || root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not SyntaxNode node
                    || node.FirstAncestorOrSelf<ArgumentSyntax>() is not ArgumentSyntax argument)
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(Title, ct => PassSchemaAsync(context.Document, argument, fittedData!, ct), equivalenceKey: Title),
                    diagnostic);
            }
        }

        private static async Task<Document> PassSchemaAsync(Document document, ArgumentSyntax argument, string fittedData, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            var schema = SyntaxFactory.MemberAccessExpression(
                SyntaxKind.SimpleMemberAccessExpression,
                SyntaxFactory.ParseExpression(fittedData),
                SyntaxFactory.IdentifierName("Schema"));
            var fixedArgument = argument.WithExpression(schema.WithTriviaFrom(argument.Expression));
            return document.WithSyntaxRoot(root.ReplaceNode(argument, fixedArgument));
        }
    }
}
