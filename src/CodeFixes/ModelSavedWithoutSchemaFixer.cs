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
    /// <summary>MLG4002: passes <c>fittedData.Schema</c>, the schema of the data view the model was fitted on, to <c>Model.Save</c>.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ModelSavedWithoutSchemaFixer)), Shared]
    public sealed class ModelSavedWithoutSchemaFixer : MlopsCodeFix<(ArgumentSyntax Argument, string FittedData)>
    {
        internal const string Title = "Save the model with the schema of its training data";

        public ModelSavedWithoutSchemaFixer()
            : base(RuleIdentifiers.ModelSavedWithoutSchema, Title)
        {
        }

        protected override bool TryFindTarget(SyntaxNode root, Diagnostic diagnostic, out (ArgumentSyntax Argument, string FittedData) target)
        {
            // The analyzer names the fitted data only when it is certain and in scope; otherwise there is no single right edit.
            target = default;
            if (!diagnostic.Properties.TryGetValue(ModelSavedWithoutSchemaRule.FittedDataProperty, out var fittedData)
                || string.IsNullOrEmpty(fittedData)
                || NodeAt(root, diagnostic).FirstAncestorOrSelf<ArgumentSyntax>() is not ArgumentSyntax argument)
            {
                return false;
            }

            target = (argument, fittedData!);
            return true;
        }

        protected override Task<SyntaxNode> FixAsync(Document document, SyntaxNode root, (ArgumentSyntax Argument, string FittedData) target, CancellationToken cancellationToken)
        {
            var (argument, fittedData) = target;
            var schema = SyntaxFactory.MemberAccessExpression(
                SyntaxKind.SimpleMemberAccessExpression,
                SyntaxFactory.ParseExpression(fittedData),
                SyntaxFactory.IdentifierName("Schema"));
            var fixedArgument = argument.WithExpression(schema.WithTriviaFrom(argument.Expression));
            return Task.FromResult<SyntaxNode>(root.ReplaceNode(argument, fixedArgument));
        }
    }
}
