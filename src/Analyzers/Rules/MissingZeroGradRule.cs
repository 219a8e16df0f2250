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
    public sealed class MissingZeroGradRule : MlopsRule
    {
        internal static readonly DiagnosticDescriptor Descriptor = RuleDescriptors.Create(RuleIdentifiers.MissingZeroGrad);

        /// <summary>Diagnostic property: the optimizer expression the fix calls <c>zero_grad()</c> on (absent when no single edit is right).</summary>
        internal const string OptimizerProperty = "Optimizer";

        /// <summary>Diagnostic property: the start of the loop statement the fix inserts into.</summary>
        internal const string LoopStartProperty = "LoopStart";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        internal override void OnCompilationStart(MlopsCompilationStart context, MlTypes types)
        {
            var diagnostics = context.DiagnosticFor(Descriptor);
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
                    for (var loop = backward.EnclosingLoop(); loop is not null; loop = loop.EnclosingLoop())
                    {
                        var (firstStep, firstBackward, clearsGradients) = Scan(loop.Body, types);
                        if (firstStep is null)
                        {
                            continue;
                        }

                        // Report once per loop, on its first backward().
                        if (clearsGradients || firstBackward != backward)
                        {
                            return;
                        }

                        trainingLoop = loop;
                        step = firstStep;
                        break;
                    }

                    if (trainingLoop is null || step is null)
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

                    operationContext.ReportDiagnostic(diagnostics.Create(
                        backward.Syntax.GetLocation(), properties, properties.TryGetValue(OptimizerProperty, out var name) ? name : "optimizer"));
                },
                OperationKind.Invocation);
        }

        /// <summary>One pass over a loop body: its first optimizer step, its first backward(), and whether it clears gradients.</summary>
        private static (IInvocationOperation? FirstStep, IInvocationOperation? FirstBackward, bool ClearsGradients) Scan(IOperation body, MlTypes types)
        {
            IInvocationOperation? firstStep = null;
            IInvocationOperation? firstBackward = null;
            var clearsGradients = false;
            foreach (var operation in body.DescendantsAndSelf())
            {
                if (operation is not IInvocationOperation invocation)
                {
                    continue;
                }

                if (TorchSharpCalls.IsOptimizerStep(invocation, types))
                {
                    firstStep = First(firstStep, invocation);
                }
                else if (TorchSharpCalls.IsBackward(invocation, types))
                {
                    firstBackward = First(firstBackward, invocation);
                }
                else if (TorchSharpCalls.IsZeroGrad(invocation, types))
                {
                    clearsGradients = true;
                }
            }

            return (firstStep, firstBackward, clearsGradients);
        }

        private static IInvocationOperation First(IInvocationOperation? current, IInvocationOperation candidate) =>
            current is null || candidate.Syntax.SpanStart < current.Syntax.SpanStart ? candidate : current;

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
