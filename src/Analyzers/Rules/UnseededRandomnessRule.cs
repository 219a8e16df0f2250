using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using MlopsGuard.Analyzers.Infrastructure;

namespace MlopsGuard.Analyzers.Rules
{
    /// <summary>
    /// MLG3003: randomness in training code that nothing seeds: <c>new Random()</c> or <c>Random.Shared</c> in a method
    /// that trains (ML.NET <c>Fit</c>, TorchSharp <c>backward()</c>/<c>step()</c>), and TorchSharp training in a
    /// compilation that never calls <c>torch.manual_seed</c> (see <see cref="TorchSeedPresence"/> for how that
    /// project-wide fact is found without a compilation-end action).
    /// </summary>
    public sealed class UnseededRandomnessRule : MlopsRule
    {
        internal static readonly DiagnosticDescriptor Descriptor = RuleDescriptors.Create(RuleIdentifiers.UnseededRandomness);

        internal const string UnseededRandomMessage = "'{0}' has no seed in a method that trains: pass a seed from the training options";
        internal const string UnseededTorchMessage = "TorchSharp training, but no 'torch.manual_seed' is called anywhere in this project: seed torch before training";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        internal override void OnCompilationStart(MlopsCompilationStart context, MlTypes types)
        {
            var random = types.Get("System.Random");
            var canTrain = types.IEstimator is not null || types.TorchTensor is not null;
            if (!canTrain)
            {
                return;
            }

            var torchSeed = new TorchSeedPresence(context.Compilation);

            context.RegisterOperationAction(
                operationContext =>
                {
                    var invocation = (IInvocationOperation)operationContext.Operation;
                    if (TorchSharpCalls.IsBackward(invocation, types)
                        && invocation.SemanticModel is not null
                        && !torchSeed.CompilationSeedsTorch(invocation.SemanticModel, types, operationContext.CancellationToken))
                    {
                        operationContext.ReportDiagnostic(Diagnostic.Create(Descriptor, invocation.Syntax.GetLocation(), UnseededTorchMessage));
                    }
                },
                OperationKind.Invocation);

            if (random is null)
            {
                return;
            }

            // An unseeded Random is rare: only then is its method searched for a training call.
            context.RegisterOperationAction(
                operationContext =>
                {
                    var operation = operationContext.Operation;
                    var unseeded = operation switch
                    {
                        IObjectCreationOperation creation => SymbolEqualityComparer.Default.Equals(creation.Type, random)
                            && creation.Constructor is { Parameters.IsEmpty: true },
                        IPropertyReferenceOperation property => property.Property.Name == "Shared"
                            && property.Property.IsStatic
                            && SymbolEqualityComparer.Default.Equals(property.Property.ContainingType, random),
                        _ => false,
                    };
                    if (unseeded && Trains(operation.Root()))
                    {
                        var text = operation is IObjectCreationOperation ? "new Random()" : "Random.Shared";
                        operationContext.ReportDiagnostic(Diagnostic.Create(
                            Descriptor, operation.Syntax.GetLocation(), string.Format(System.Globalization.CultureInfo.InvariantCulture, UnseededRandomMessage, text)));
                    }
                },
                OperationKind.ObjectCreation,
                OperationKind.PropertyReference);

            // Training anywhere in the method (lambdas and local functions included): Fit, backward() or step().
            bool Trains(IOperation root)
            {
                foreach (var invocation in LocalValues.For(root).Calls)
                {
                    if (TorchSharpCalls.IsBackward(invocation, types) || TorchSharpCalls.IsOptimizerStep(invocation, types) || MlNetCalls.IsEstimatorFit(invocation, types))
                    {
                        return true;
                    }
                }

                return false;
            }
        }
    }
}
