using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace MlopsGuard.Analyzers.Infrastructure
{
    /// <summary>
    /// Whether a new MLContext reaches randomness: a trainer or forecaster, a random split, shuffle, sample or
    /// cross-validation, AutoML, or any call that takes a <c>seed</c>. Its uses are read where it is kept — the method of a
    /// local, the type of a private field or property, the body of a method of the compilation it is passed to — and a use the
    /// analyzer cannot see (returned, kept in a member other types may read, passed to code it cannot read, or a call the
    /// compilation cannot bind) counts as randomness. A context that only loads, transforms and predicts is deterministic
    /// with or without a seed.
    /// </summary>
    internal static class MLContextRandomness
    {
        private const int MaxDepth = 3;

        /// <summary>Catalogs and calls on a context whose results draw random numbers.</summary>
        private static readonly HashSet<string> RandomMembers = new HashSet<string>(StringComparer.Ordinal)
        {
            "Trainers", "Forecasting", "TrainTestSplit", "CrossValidationSplit", "ShuffleRows", "BootstrapSample", "Auto",
        };

        public static bool MayDrawRandomness(IObjectCreationOperation creation, CancellationToken cancellationToken)
        {
            var model = creation.SemanticModel;
            var parent = creation.Parent;
            while (parent is IConversionOperation)
            {
                parent = parent.Parent;
            }

            switch (parent)
            {
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    return UsesDrawRandomness(new[] { creation.Root().Syntax }, declarator.Symbol.Name, model, MaxDepth, cancellationToken);
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation local }:
                    return UsesDrawRandomness(new[] { creation.Root().Syntax }, local.Local.Name, model, MaxDepth, cancellationToken);
                case ISimpleAssignmentOperation { Target: IMemberReferenceOperation member }:
                    return MemberMayDrawRandomness(member.Member, model, cancellationToken);
                case IFieldInitializerOperation { InitializedFields.Length: 1 } field:
                    return MemberMayDrawRandomness(field.InitializedFields[0], model, cancellationToken);
                case IPropertyInitializerOperation { InitializedProperties.Length: 1 } property:
                    return MemberMayDrawRandomness(property.InitializedProperties[0], model, cancellationToken);
                case IArgumentOperation argument:
                    return PassedMayDrawRandomness(argument.Syntax as ArgumentSyntax, model, MaxDepth, cancellationToken);
                case IExpressionStatementOperation:
                    return false; // created and dropped
                default:
                    return true;
            }
        }

        /// <summary>A context kept in a member: every use of it in its type, when no other type can reach it.</summary>
        private static bool MemberMayDrawRandomness(ISymbol member, SemanticModel? model, CancellationToken cancellationToken)
        {
            if (member.DeclaredAccessibility != Accessibility.Private || member.ContainingType is not INamedTypeSymbol type)
            {
                return true;
            }

            return UsesDrawRandomness(DeclaredValues.Declarations(type, cancellationToken), member.Name, model, MaxDepth, cancellationToken);
        }

        private static bool UsesDrawRandomness(IEnumerable<SyntaxNode> scopes, string name, SemanticModel? model, int depth, CancellationToken cancellationToken)
        {
            var uses = new List<IdentifierNameSyntax>();
            foreach (var scope in scopes)
            {
                foreach (var node in scope.DescendantNodes())
                {
                    if (node is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == name)
                    {
                        uses.Add(identifier);
                    }
                }
            }

            // The names first (a trainer, a split): most contexts that train say so in a name, before anything is bound or followed.
            foreach (var use in uses)
            {
                if (NamesRandomness(use))
                {
                    return true;
                }
            }

            foreach (var use in uses)
            {
                if (UseDrawsRandomness(use, model, depth, cancellationToken))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// <c>ctx.Data.ShuffleRows(data, seed: 42)</c>: a split, shuffle or sample given its own seed repeats whatever the
        /// context's seed. Not so a catalog (<c>Trainers</c>) or cross-validation, which trains.
        /// </summary>
        private static bool PassesItsOwnSeed(MemberAccessExpressionSyntax access)
        {
            // Cross-validation trains the pipeline on each fold, and training draws from the context whatever seeds the folds.
            if (access.Parent is not InvocationExpressionSyntax call || call.Expression != access
                || access.Name.Identifier.ValueText.StartsWith("CrossValidate", StringComparison.Ordinal))
            {
                return false;
            }

            foreach (var argument in call.ArgumentList.Arguments)
            {
                if (argument.NameColon?.Name.Identifier.ValueText == "seed" && !argument.Expression.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.NullLiteralExpression))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A chain of names on the context that names a random operation: <c>ctx.BinaryClassification.Trainers</c>, <c>ctx.Data.TrainTestSplit</c>.</summary>
        private static bool NamesRandomness(SyntaxNode use)
        {
            if (use.Parent is MemberAccessExpressionSyntax qualified && qualified.Name == use)
            {
                use = qualified;
            }

            for (var current = use; ; )
            {
                if (current.Parent is MemberAccessExpressionSyntax access && access.Expression == current)
                {
                    var member = access.Name.Identifier.ValueText;
                    if ((RandomMembers.Contains(member) || member.StartsWith("CrossValidate", StringComparison.Ordinal)) && !PassesItsOwnSeed(access))
                    {
                        return true;
                    }

                    current = access;
                }
                else if (current.Parent is InvocationExpressionSyntax invocation && invocation.Expression == current)
                {
                    current = invocation;
                }
                else
                {
                    return false;
                }
            }
        }

        private static bool UseDrawsRandomness(IdentifierNameSyntax identifier, SemanticModel? model, int depth, CancellationToken cancellationToken)
        {
            SyntaxNode use = identifier;

            // other.name is another object's member; this.name is ours.
            if (use.Parent is MemberAccessExpressionSyntax qualified && qualified.Name == use)
            {
                if (qualified.Expression is not ThisExpressionSyntax)
                {
                    return false;
                }

                use = qualified;
            }

            // ctx.Data.TrainTestSplit(…), ctx.BinaryClassification.Trainers.Sdca(…), ctx.Recommendation().Trainers.…: read the
            // chain of names; only its first call is made on the context itself, and asked for a seed parameter.
            string? catalog = null;
            InvocationExpressionSyntax? firstCall = null;
            while (true)
            {
                if (use.Parent is MemberAccessExpressionSyntax access && access.Expression == use)
                {
                    var member = access.Name.Identifier.ValueText;
                    if ((RandomMembers.Contains(member) || member.StartsWith("CrossValidate", StringComparison.Ordinal)) && !PassesItsOwnSeed(access))
                    {
                        return true;
                    }

                    catalog ??= member;
                    use = access;
                }
                else if (use.Parent is InvocationExpressionSyntax invocation && invocation.Expression == use)
                {
                    firstCall ??= invocation;
                    use = invocation;
                }
                else
                {
                    break;
                }
            }

            if (catalog != null)
            {
                // The model and data catalogs draw randomness only in the calls named above; elsewhere (transforms, other
                // catalogs) the first call on the context is asked whether it takes a seed.
                return catalog != "Model" && catalog != "Data" && firstCall != null && CallTakesSeed(firstCall, model, cancellationToken);
            }

            // The context itself goes somewhere.
            switch (use.Parent)
            {
                case ArgumentSyntax argument:
                    return PassedMayDrawRandomness(argument, model, depth, cancellationToken);
                case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax alias }:
                    return depth == 0 || UsesDrawRandomness(new[] { EnclosingBody(alias) }, alias.Identifier.ValueText, model, depth - 1, cancellationToken);
                case AssignmentExpressionSyntax assignment when assignment.Right == use:
                    // At the end of the depth, a member kept again (this.context = context in its own type) adds nothing new.
                    return depth > 0 && KeptMemberMayDrawRandomness(assignment, model, depth, cancellationToken);
                case EqualsValueClauseSyntax:
                case ReturnStatementSyntax:
                case ArrowExpressionClauseSyntax:
                case InitializerExpressionSyntax:
                case ConditionalAccessExpressionSyntax:
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>
        /// A call on the context that takes a seed draws random numbers. A call the compilation cannot bind (an ML package the
        /// project lacks) says nothing, and neither does one in a file whose semantic model this analysis does not have.
        /// </summary>
        private static bool CallTakesSeed(InvocationExpressionSyntax invocation, SemanticModel? model, CancellationToken cancellationToken)
        {
            if (model is null || invocation.SyntaxTree != model.SyntaxTree || model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method)
            {
                return false;
            }

            foreach (var parameter in (method.ReducedFrom ?? method).Parameters)
            {
                if (parameter.Name == "seed")
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A context passed to a method: what that method's body does with the parameter, when the compilation has it.</summary>
        private static bool PassedMayDrawRandomness(ArgumentSyntax? argument, SemanticModel? model, int depth, CancellationToken cancellationToken)
        {
            if (argument?.Parent?.Parent is not SyntaxNode call || depth == 0)
            {
                return true;
            }

            // In a file whose semantic model this analysis does not have, the call is judged by its name: one that trains or
            // draws (Train…, Fit, a random operation) counts, any other is left alone rather than guessed at.
            if (model is null || call.SyntaxTree != model.SyntaxTree)
            {
                var name = call is InvocationExpressionSyntax invocation ? DeclaredValues.CalledName(invocation) ?? "" : "";
                return RandomMembers.Contains(name) || name.StartsWith("CrossValidate", StringComparison.Ordinal)
                    || name.StartsWith("Train", StringComparison.Ordinal) || name == "Fit";
            }

            if (model.GetSymbolInfo(call, cancellationToken).Symbol is not IMethodSymbol method)
            {
                return false; // unbound or inaccessible: nothing to read, and the compilation fails there anyway
            }

            // The definition: a constructed generic method or constructor (new Policy<TIn, TOut>(ctx)) has no syntax of its own.
            method = (method.ReducedFrom ?? method).OriginalDefinition;
            var parameter = ParameterFor(argument, method);
            if (parameter is null)
            {
                return true;
            }

            if (method.DeclaringSyntaxReferences.IsEmpty)
            {
                // A library method: an ML.NET API that takes the context (CreateTimeSeriesEngine, …) draws randomness only with a seed.
                return !MlTypes.IsMlNetMember(method) || HasSeedParameter(method);
            }

            var bodies = DeclaredValues.Declarations(method, cancellationToken);

            // In another file the analyzer reads syntax only; in this one it can still bind.
            var bodyModel = bodies.Count > 0 && bodies[0].SyntaxTree == model.SyntaxTree ? model : null;
            if (UsesDrawRandomness(bodies, parameter.Name, bodyModel, depth - 1, cancellationToken))
            {
                return true;
            }

            return false;
        }

        /// <summary><c>_context = context</c>: the uses of that member in its type, when it is a private field or property of it.</summary>
        private static bool KeptMemberMayDrawRandomness(AssignmentExpressionSyntax assignment, SemanticModel? model, int depth, CancellationToken cancellationToken)
        {
            if (MemberName(assignment.Left) is not string member)
            {
                return true;
            }

            TypeDeclarationSyntax? type = null;
            for (var current = assignment.Parent; current != null && type is null; current = current.Parent)
            {
                type = current as TypeDeclarationSyntax;
            }

            if (type is null || !IsPrivateMember(type, member))
            {
                return true;
            }

            return UsesDrawRandomness(new[] { type }, member, model, depth - 1, cancellationToken);
        }

        /// <summary>True when the type declares a field or property of that name with no accessibility other than private.</summary>
        private static bool IsPrivateMember(TypeDeclarationSyntax type, string name)
        {
            foreach (var member in type.Members)
            {
                var declares = member switch
                {
                    FieldDeclarationSyntax field => field.Declaration.Variables.Any(v => v.Identifier.ValueText == name),
                    PropertyDeclarationSyntax property => property.Identifier.ValueText == name,
                    _ => false,
                };
                if (declares)
                {
                    return !member.Modifiers.Any(m => m.ValueText == "public" || m.ValueText == "internal" || m.ValueText == "protected");
                }
            }

            return false;
        }

        private static bool HasSeedParameter(IMethodSymbol method)
        {
            foreach (var parameter in method.Parameters)
            {
                if (parameter.Name == "seed")
                {
                    return true;
                }
            }

            return false;
        }

        private static string? MemberName(ExpressionSyntax target) => target switch
        {
            IdentifierNameSyntax name => name.Identifier.ValueText,
            MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } access => access.Name.Identifier.ValueText,
            _ => null,
        };

        private static IParameterSymbol? ParameterFor(ArgumentSyntax argument, IMethodSymbol method)
        {
            if (argument.NameColon is { } named)
            {
                foreach (var parameter in method.Parameters)
                {
                    if (parameter.Name == named.Name.Identifier.ValueText)
                    {
                        return parameter;
                    }
                }

                return null;
            }

            if (argument.Parent is not BaseArgumentListSyntax list)
            {
                return null;
            }

            var index = list.Arguments.IndexOf(argument);
            return index >= 0 && index < method.Parameters.Length ? method.Parameters[index] : null;
        }

        private static SyntaxNode EnclosingBody(SyntaxNode node)
        {
            for (var current = node.Parent; current != null; current = current.Parent)
            {
                if (current is BaseMethodDeclarationSyntax || current is AccessorDeclarationSyntax || current is LocalFunctionStatementSyntax
                    || current is AnonymousFunctionExpressionSyntax || current is CompilationUnitSyntax)
                {
                    return current;
                }
            }

            return node;
        }
    }
}
