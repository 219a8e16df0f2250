using System;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using MlopsGuard.Analyzers.Infrastructure;

namespace MlopsGuard.Analyzers.Rules
{
    /// <summary>
    /// MLG3302: a TorchSharp model run for evaluation or inference (inside <c>torch.no_grad()</c>/<c>inference_mode()</c>,
    /// or in a method named for evaluation or prediction) in a method that never calls <c>eval()</c> on it.
    /// Conservative: only models (user-defined modules, <c>Sequential</c>, or the abstract module types) held in a
    /// variable, parameter, field or property; a field switched with <c>eval()</c> anywhere in its type counts as switched.
    /// </summary>
    public sealed class MissingEvalModeRule : MlopsRule
    {
        internal static readonly DiagnosticDescriptor Descriptor = RuleDescriptors.Create(RuleIdentifiers.MissingEvalMode);

        /// <summary>Diagnostic property: the module expression the fix calls <c>eval()</c> on (absent when the method also trains).</summary>
        internal const string ModuleProperty = "Module";

        /// <summary>Words that name an evaluation or inference method (matched as whole words of a PascalCase name).</summary>
        private static readonly string[] EvaluationWords = { "Evaluate", "Evaluation", "Eval", "Predict", "Prediction", "Infer", "Inference", "Validate", "Validation" };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        internal override void OnCompilationStart(MlopsCompilationStart context, MlTypes types)
        {
            var diagnostics = context.DiagnosticFor(Descriptor);
            if (types.Torch is null || types.TorchModule is null)
            {
                return;
            }

            var models = new SymbolFactCache<ITypeSymbol>(type => IsModelType(type, types));
            context.RegisterOperationAction(
                operationContext =>
                {
                    var invocation = (IInvocationOperation)operationContext.Operation;
                    if (!IsModelRun(invocation, types, models)
                        || TorchSharpCalls.ReferencedSymbol(invocation.Instance) is not ISymbol module
                        || !IsEvaluationContext(invocation, operationContext.ContainingSymbol, types))
                    {
                        return;
                    }

                    // One pass over the method: the module's first evaluation use (reported once, there), whether the
                    // method switches the module's mode, and whether it also trains.
                    IInvocationOperation? firstUse = null;
                    var switched = false;
                    var trains = false;
                    foreach (var candidate in LocalValues.For(invocation).Calls)
                    {
                        if (TorchSharpCalls.IsTrainingStep(candidate, types))
                        {
                            trains = true;
                        }
                        else if ((TorchSharpCalls.IsModuleCall(candidate, "eval", types) || TorchSharpCalls.IsModuleCall(candidate, "train", types))
                            && SymbolEqualityComparer.Default.Equals(TorchSharpCalls.ReferencedSymbol(candidate.Instance), module))
                        {
                            switched = true;
                        }
                        else if ((firstUse is null || candidate.Syntax.SpanStart < firstUse.Syntax.SpanStart)
                            && IsModelRun(candidate, types, models)
                            && SymbolEqualityComparer.Default.Equals(TorchSharpCalls.ReferencedSymbol(candidate.Instance), module)
                            && IsEvaluationContext(candidate, operationContext.ContainingSymbol, types))
                        {
                            firstUse = candidate;
                        }
                    }

                    if (switched
                        || firstUse != invocation
                        || ((module is IFieldSymbol || module is IPropertySymbol) && TypeSwitchesMode(module, operationContext.CancellationToken)))
                    {
                        return;
                    }

                    // Inserting eval() into a method that also trains would leave the next training step in eval mode.
                    var properties = trains
                        ? ImmutableDictionary<string, string?>.Empty
                        : ImmutableDictionary<string, string?>.Empty.Add(ModuleProperty, invocation.Instance!.WithoutConversions().Syntax.ToString());

                    operationContext.ReportDiagnostic(diagnostics.Create(invocation.Syntax.GetLocation(), properties, module.Name));
                },
                OperationKind.Invocation);
        }

        /// <summary><c>model.forward(x)</c> or <c>model.call(x)</c> on a model: not a loss, not a single library layer.</summary>
        private static bool IsModelRun(IInvocationOperation invocation, MlTypes types, SymbolFactCache<ITypeSymbol> models)
        {
            if (!(TorchSharpCalls.IsModuleCall(invocation, "forward", types) || TorchSharpCalls.IsModuleCall(invocation, "call", types)))
            {
                return false;
            }

            return models.Holds(invocation.Instance!.WithoutConversions().Type);
        }

        /// <summary>
        /// A model is the user's own module, a Sequential, or a module known only by an abstract type (torch.nn.Module&lt;T, TResult&gt;);
        /// never a loss. TorchSharp's module types are deep generic hierarchies, so this is asked once per type.
        /// </summary>
        private static bool IsModelType(ITypeSymbol type, MlTypes types) =>
            !type.IsOrDerivesFrom(types.TorchLoss)
            && (!type.DeclaringSyntaxReferences.IsEmpty
                || type.IsOrDerivesFrom(types.TorchSequential)
                || SymbolEqualityComparer.Default.Equals(type.OriginalDefinition.ContainingType, types.TorchNn));

        private static bool IsEvaluationContext(IOperation operation, ISymbol? containingSymbol, MlTypes types) =>
            IsInNoGradScope(operation, types) || (containingSymbol is IMethodSymbol method && IsEvaluationName(method.Name));

        /// <summary>Inside <c>using (torch.no_grad())</c>, or after <c>using var _ = torch.no_grad();</c> in an enclosing block.</summary>
        private static bool IsInNoGradScope(IOperation operation, MlTypes types)
        {
            for (IOperation? child = operation, parent = operation.Parent; parent is not null; child = parent, parent = parent.Parent)
            {
                if (parent is IUsingOperation usingOperation && child == usingOperation.Body && IsNoGradResource(usingOperation.Resources, types))
                {
                    return true;
                }

                if (parent is IBlockOperation block)
                {
                    foreach (var statement in block.Operations)
                    {
                        if (statement == child)
                        {
                            break;
                        }

                        if (statement is IUsingDeclarationOperation declaration && IsNoGradResource(declaration.DeclarationGroup, types))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        private static bool IsNoGradResource(IOperation resource, MlTypes types)
        {
            if (TorchSharpCalls.IsNoGradScope(resource, types))
            {
                return true;
            }

            foreach (var descendant in resource.Descendants())
            {
                if (descendant is IVariableInitializerOperation initializer && TorchSharpCalls.IsNoGradScope(initializer.Value, types))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsEvaluationName(string name)
        {
            foreach (var word in EvaluationWords)
            {
                for (var index = name.IndexOf(word, StringComparison.Ordinal); index >= 0; index = name.IndexOf(word, index + 1, StringComparison.Ordinal))
                {
                    var end = index + word.Length;
                    if (end == name.Length || !char.IsLower(name[end]))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// A model kept in a field is typically switched once, where it is loaded (a constructor): any <c>name.eval()</c>
        /// or <c>name.train(…)</c> in the declaring type counts. Syntax only, so it errs on the side of silence.
        /// </summary>
        private static bool TypeSwitchesMode(ISymbol member, CancellationToken cancellationToken)
        {
            foreach (var reference in member.ContainingType.DeclaringSyntaxReferences)
            {
                foreach (var node in reference.GetSyntax(cancellationToken).DescendantNodes())
                {
                    if (node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access }
                        && (access.Name.Identifier.ValueText == "eval" || access.Name.Identifier.ValueText == "train")
                        && NameOf(access.Expression) == member.Name)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static string? NameOf(ExpressionSyntax expression) => expression switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } access => access.Name.Identifier.ValueText,
            _ => null,
        };
    }
}
