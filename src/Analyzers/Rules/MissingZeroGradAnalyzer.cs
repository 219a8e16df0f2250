using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using MlopsGuard.Analyzers.Infrastructure;

namespace MlopsGuard.Analyzers.Rules
{
    /// <summary>
    /// MLG3301: TorchSharp <c>backward()</c> in a training loop (the loop that calls the optimizer's <c>step()</c>)
    /// whose body never calls <c>zero_grad()</c>: gradients pile up from step to step.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class MissingZeroGradAnalyzer : MlopsAnalyzer
    {
        internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(RuleIdentifiers.MissingZeroGrad);

        /// <summary>Diagnostic property: the optimizer expression the fix calls <c>zero_grad()</c> on (absent when no single edit is right).</summary>
        internal const string OptimizerProperty = "Optimizer";

        /// <summary>Diagnostic property: the start of the loop statement the fix inserts into.</summary>
        internal const string LoopStartProperty = "LoopStart";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        private protected override void OnCompilationStart(CompilationStartAnalysisContext context, MlTypes types)
        {
            if (types.TorchTensor is null || types.TorchOptimizer is null)
            {
                return;
            }

            context.RegisterOperationAction(
                operationContext =>
                {
                    var backward = (IInvocationOperation)operationContext.Operation;
                    if (!TorchSharpCalls.IsBackward(backward, types))
                    {
                        return;
                    }

                    // The training loop is the innermost loop around backward() that steps an optimizer; with no such
                    // loop (gradient accumulation, a step elsewhere) there is nothing to say.
                    ILoopOperation? trainingLoop = null;
                    IInvocationOperation? step = null;
                    for (var loop = backward.EnclosingLoop(); loop is not null && trainingLoop is null; loop = loop.EnclosingLoop())
                    {
                        var steps = loop.Body.InvocationsWhere(i => TorchSharpCalls.IsOptimizerStep(i, types));
                        if (steps.Count > 0)
                        {
                            trainingLoop = loop;
                            step = steps[0];
                        }
                    }

                    if (trainingLoop is null
                        || step is null
                        || trainingLoop.Body.InvocationsWhere(i => TorchSharpCalls.IsZeroGrad(i, types)).Count > 0
                        || trainingLoop.Body.InvocationsWhere(i => TorchSharpCalls.IsBackward(i, types))[0] != backward)
                    {
                        return;
                    }

                    var properties = ImmutableDictionary<string, string?>.Empty
                        .Add(LoopStartProperty, trainingLoop.Syntax.SpanStart.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    var optimizer = step.Instance!.WithoutConversions();
                    if (IsVisibleBefore(optimizer, trainingLoop))
                    {
                        properties = properties.Add(OptimizerProperty, optimizer.Syntax.ToString());
                    }

                    operationContext.ReportDiagnostic(Diagnostic.Create(
                        Rule, backward.Syntax.GetLocation(), properties, properties.TryGetValue(OptimizerProperty, out var name) ? name : "optimizer"));
                },
                OperationKind.Invocation);
        }

        /// <summary>True when the optimizer expression can be written at the start of the loop body: a field, property, parameter or a local declared before the loop.</summary>
        private static bool IsVisibleBefore(IOperation optimizer, ILoopOperation loop)
        {
            if (TorchSharpCalls.ReferencedSymbol(optimizer) is not ISymbol symbol)
            {
                return false;
            }

            if (symbol is ILocalSymbol local)
            {
                foreach (var reference in local.DeclaringSyntaxReferences)
                {
                    if (loop.Syntax.Span.Contains(reference.Span))
                    {
                        return false;
                    }
                }
            }

            return true;
        }
    }
}
