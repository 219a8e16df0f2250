using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using MlopsGuard.Analyzers.Rules;

namespace MlopsGuard.CodeFixes
{
    /// <summary>MLG3302: calls <c>model.eval()</c> just before the statement of the model's first evaluation use.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MissingEvalModeFixer)), Shared]
    public sealed class MissingEvalModeFixer : MlopsCodeFix<(StatementSyntax Statement, string Module)>
    {
        internal const string Title = "Call eval() before evaluating the model";

        public MissingEvalModeFixer()
            : base(RuleIdentifiers.MissingEvalMode, Title)
        {
        }

        protected override bool TryFindTarget(SyntaxNode root, Diagnostic diagnostic, out (StatementSyntax Statement, string Module) target)
        {
            target = default;
            if (!diagnostic.Properties.TryGetValue(MissingEvalModeRule.ModuleProperty, out var module)
                || module is null
                || StatementInBlock(NodeAt(root, diagnostic)) is not StatementSyntax statement)
            {
                return false;
            }

            target = (statement, module);
            return true;
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

        protected override Task<SyntaxNode> FixAsync(Document document, SyntaxNode root, (StatementSyntax Statement, string Module) target, CancellationToken cancellationToken)
        {
            var (statement, module) = target;
            var eval = SyntaxFactory.ParseStatement(module + ".eval();")
                .WithLeadingTrivia(statement.GetLeadingTrivia())
                .WithTrailingTrivia(DocumentNewLine.Near(statement))
                .WithAdditionalAnnotations(Formatter.Annotation);

            if (statement.Parent is GlobalStatementSyntax global)
            {
                return Task.FromResult<SyntaxNode>(root.InsertNodesBefore(global, new[] { SyntaxFactory.GlobalStatement(eval) }));
            }

            return Task.FromResult<SyntaxNode>(root.InsertNodesBefore(statement, new[] { eval }));
        }
    }
}
