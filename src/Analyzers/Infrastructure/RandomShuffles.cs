using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace MlopsGuard.Analyzers.Infrastructure
{
    /// <summary>
    /// Whether a <c>Random</c> shuffles or samples data: <c>rng.Shuffle(items)</c>, <c>items.OrderBy(_ =&gt; rng.Next())</c>,
    /// or <c>items[rng.Next(items.Count)]</c>. The uses are read where the generator is kept: the method of a local, the type of
    /// a private field (a data loader that keeps one <c>Random</c> for its batches), or the expression itself
    /// (<c>Random.Shared.Shuffle(items)</c>).
    /// </summary>
    internal static class RandomShuffles
    {
        private static readonly HashSet<string> OrderingMethods = new HashSet<string>(System.StringComparer.Ordinal)
        {
            "OrderBy", "OrderByDescending", "ThenBy", "ThenByDescending",
        };

        public static bool ShufflesOrSamples(IOperation random, CancellationToken cancellationToken)
        {
            var parent = random.Parent;
            while (parent is IConversionOperation)
            {
                parent = parent.Parent;
            }

            switch (parent)
            {
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    return UsesShuffle(new[] { random.Root().Syntax }, declarator.Symbol.Name, cancellationToken);
                case IFieldInitializerOperation { InitializedFields: { Length: 1 } fields } when fields[0].DeclaredAccessibility == Accessibility.Private:
                    return UsesShuffle(DeclaredValues.Declarations(fields[0].ContainingType, cancellationToken), fields[0].Name, cancellationToken);
                default:
                    // Random.Shared.Shuffle(items), new Random().Next(n) as an index: the expression is the use.
                    return IsShuffleOrSample(random.Syntax);
            }
        }

        /// <summary>True for a key selector whose result is <c>Guid.NewGuid()</c>.</summary>
        public static bool KeyIsNewGuid(IOperation selector, INamedTypeSymbol guid)
        {
            var value = selector.WithoutConversions();
            if (value is IDelegateCreationOperation creation)
            {
                value = creation.Target;
            }

            if (value is not IAnonymousFunctionOperation lambda || lambda.Body.Operations.Length != 1
                || lambda.Body.Operations[0] is not IReturnOperation { ReturnedValue: IOperation returned })
            {
                return false;
            }

            return returned.WithoutConversions() is IInvocationOperation { TargetMethod.Name: "NewGuid" } call
                && SymbolEqualityComparer.Default.Equals(call.TargetMethod.ContainingType, guid);
        }

        private static bool UsesShuffle(IEnumerable<SyntaxNode> scopes, string name, CancellationToken cancellationToken)
        {
            foreach (var scope in scopes)
            {
                foreach (var node in scope.DescendantNodes())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (node is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == name && IsShuffleOrSample(identifier))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>The generator at <paramref name="use"/> shuffles (<c>.Shuffle(…)</c>, a key of an ordering) or picks an element.</summary>
        private static bool IsShuffleOrSample(SyntaxNode use)
        {
            if (use.Parent is not MemberAccessExpressionSyntax { Name: var member } access || access.Expression != use || access.Parent is not InvocationExpressionSyntax call)
            {
                return false;
            }

            var method = member.Identifier.ValueText;
            if (method == "Shuffle")
            {
                return true;
            }

            if (method != "Next" && method != "NextDouble" && method != "NextSingle" && method != "NextInt64")
            {
                return false;
            }

            for (var current = call.Parent; current != null && current is not StatementSyntax; current = current.Parent)
            {
                // items[rng.Next(n)], items.ElementAt(rng.Next(n)): an element picked at random.
                if (current is BracketedArgumentListSyntax
                    || (current is ArgumentListSyntax { Parent: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax picked } }
                        && picked.Name.Identifier.ValueText is "ElementAt" or "ElementAtOrDefault"))
                {
                    return true;
                }

                // items.OrderBy(_ => rng.Next()): ordered by random keys.
                if (current is AnonymousFunctionExpressionSyntax
                    && current.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax ordering } }
                    && ordering.Expression is MemberAccessExpressionSyntax orderingAccess
                    && OrderingMethods.Contains(orderingAccess.Name.Identifier.ValueText))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
