using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace MlopsGuard.Analyzers.Infrastructure
{
    /// <summary>What the source says where a symbol is declared: the value it is given there, and the syntax of its declarations.</summary>
    internal static class DeclaredValues
    {
        /// <summary>
        /// The value a local, field or auto-property declared once is initialized with (<c>= value</c>), when it is declared in
        /// the tree of <paramref name="model"/>: the only tree whose operations an analyzer may ask for.
        /// </summary>
        public static IOperation? Initializer(ISymbol symbol, SemanticModel? model, CancellationToken cancellationToken = default)
        {
            if (DeclarationIn(symbol, model, cancellationToken) is not SyntaxNode declaration)
            {
                return null;
            }

            EqualsValueClauseSyntax? initializer = declaration switch
            {
                VariableDeclaratorSyntax declarator => declarator.Initializer,
                PropertyDeclarationSyntax property => property.Initializer,
                _ => null,
            };

            // Field and property initializers, and a local's '= value' (IVariableInitializerOperation).
            return initializer is not null && model!.GetOperation(initializer, cancellationToken) is ISymbolInitializerOperation value ? value.Value : null;
        }

        /// <summary>The same, and for a get-only property the expression of its body (<c>string Path =&gt; Combine(…)</c>).</summary>
        public static IOperation? ValueWhereDeclared(ISymbol symbol, SemanticModel? model, CancellationToken cancellationToken = default)
        {
            if (Initializer(symbol, model, cancellationToken) is IOperation initialized)
            {
                return initialized;
            }

            return DeclarationIn(symbol, model, cancellationToken) is PropertyDeclarationSyntax { ExpressionBody.Expression: var body }
                ? model!.GetOperation(body, cancellationToken)
                : null;
        }

        /// <summary>The syntax of every declaration of the symbol (the parts of a partial type, in all files).</summary>
        public static List<SyntaxNode> Declarations(ISymbol symbol, CancellationToken cancellationToken = default)
        {
            var declarations = new List<SyntaxNode>(symbol.DeclaringSyntaxReferences.Length);
            foreach (var reference in symbol.DeclaringSyntaxReferences)
            {
                declarations.Add(reference.GetSyntax(cancellationToken));
            }

            return declarations;
        }

        /// <summary>The name a call is made by: <c>Save</c> in <c>ml.Model.Save(…)</c> and in <c>Save(…)</c>; null for anything else.</summary>
        public static string? CalledName(InvocationExpressionSyntax call) => call.Expression switch
        {
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => null,
        };

        private static SyntaxNode? DeclarationIn(ISymbol symbol, SemanticModel? model, CancellationToken cancellationToken) =>
            model is not null && symbol.DeclaringSyntaxReferences.Length == 1 && symbol.DeclaringSyntaxReferences[0].SyntaxTree == model.SyntaxTree
                ? symbol.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken)
                : null;
    }
}
