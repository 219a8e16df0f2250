using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using MlopsGuard.Analyzers.Rules;

namespace MlopsGuard.CodeFixes
{
    /// <summary>MLG6004: bases a relative model path on <c>AppContext.BaseDirectory</c>, the folder the application runs from.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ModelPathRelativeToWorkingDirectoryFixer)), Shared]
    public sealed class ModelPathRelativeToWorkingDirectoryFixer : MlopsCodeFix<(ExpressionSyntax Path, string? Fix)>
    {
        internal const string Title = "Base the path on AppContext.BaseDirectory";

        public ModelPathRelativeToWorkingDirectoryFixer()
            : base(RuleIdentifiers.ModelPathRelativeToWorkingDirectory, Title)
        {
        }

        protected override bool TryFindTarget(SyntaxNode root, Diagnostic diagnostic, out (ExpressionSyntax Path, string? Fix) target)
        {
            target = default;
            if (!diagnostic.Properties.TryGetValue(ModelPathRelativeToWorkingDirectoryRule.FixProperty, out var fix)
                || NodeAt(root, diagnostic) is not ExpressionSyntax expression
                || (fix == ModelPathRelativeToWorkingDirectoryRule.PrependFix && expression is not InvocationExpressionSyntax))
            {
                return false;
            }

            target = (expression, fix);
            return true;
        }

        protected override Task<SyntaxNode> FixAsync(Document document, SyntaxNode root, (ExpressionSyntax Path, string? Fix) target, CancellationToken cancellationToken)
        {
            var (path, fix) = target;
            var baseDirectory = SyntaxFactory.ParseExpression("global::System.AppContext.BaseDirectory")
                .WithAdditionalAnnotations(Simplifier.Annotation);
            ExpressionSyntax replacement;
            if (fix == ModelPathRelativeToWorkingDirectoryRule.PrependFix && path is InvocationExpressionSyntax combine)
            {
                // Path.Combine("models", "m.zip") -> Path.Combine(AppContext.BaseDirectory, "models", "m.zip")
                replacement = combine.WithArgumentList(combine.ArgumentList.WithArguments(
                    combine.ArgumentList.Arguments.Insert(0, SyntaxFactory.Argument(baseDirectory))));
            }
            else
            {
                var pathCombine = (MemberAccessExpressionSyntax)SyntaxFactory.ParseExpression("global::System.IO.Path.Combine")
                    .WithAdditionalAnnotations(Simplifier.Annotation);
                replacement = SyntaxFactory.InvocationExpression(
                        pathCombine,
                        SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[]
                        {
                            SyntaxFactory.Argument(baseDirectory),
                            SyntaxFactory.Argument(path.WithoutTrivia()),
                        })))
                    .WithTriviaFrom(path);
            }

            var newRoot = root.ReplaceNode(path, replacement.WithAdditionalAnnotations(Formatter.Annotation));
            if (newRoot is CompilationUnitSyntax unit)
            {
                // The simplifier shortens System.IO.Path and System.AppContext once the namespaces are imported.
                newRoot = WithUsing(WithUsing(unit, "System"), "System.IO");
            }

            return Task.FromResult<SyntaxNode>(newRoot);
        }

        /// <summary>Adds <c>using <paramref name="name"/>;</c> unless present, before the first using that sorts after it (System first).</summary>
        private static CompilationUnitSyntax WithUsing(CompilationUnitSyntax unit, string name)
        {
            var usings = unit.Usings;
            var index = usings.Count;
            for (var i = 0; i < usings.Count; i++)
            {
                var existing = usings[i];
                if (existing.Alias != null || existing.StaticKeyword.IsKind(SyntaxKind.StaticKeyword) || existing.Name is null)
                {
                    continue;
                }

                var existingName = existing.Name.ToString();
                if (existingName == name)
                {
                    return unit;
                }

                if (index == usings.Count && SortsBefore(name, existingName))
                {
                    index = i;
                }
            }

            // The new line ends like the file's other usings do.
            var lineEnd = usings.Count > 0 ? usings[0].GetTrailingTrivia() : SyntaxFactory.TriviaList(SyntaxFactory.ElasticCarriageReturnLineFeed);
            var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(name)).WithAdditionalAnnotations(Formatter.Annotation);
            if (index < usings.Count)
            {
                // Keep a leading comment or header attached to the top of the file.
                var next = usings[index];
                directive = directive.WithLeadingTrivia(next.GetLeadingTrivia()).WithTrailingTrivia(lineEnd);
                unit = unit.ReplaceNode(next, next.WithLeadingTrivia());
                return unit.WithUsings(unit.Usings.Insert(index, directive));
            }

            return unit.WithUsings(usings.Add(directive.WithTrailingTrivia(lineEnd)));
        }

        private static bool SortsBefore(string name, string other)
        {
            var nameIsSystem = name == "System" || name.StartsWith("System.", System.StringComparison.Ordinal);
            var otherIsSystem = other == "System" || other.StartsWith("System.", System.StringComparison.Ordinal);
            if (nameIsSystem != otherIsSystem)
            {
                return nameIsSystem;
            }

            return string.CompareOrdinal(name, other) < 0;
        }
    }
}
