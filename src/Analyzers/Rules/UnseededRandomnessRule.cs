using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using MlopsGuard.Analyzers.Infrastructure;

namespace MlopsGuard.Analyzers.Rules
{
    /// <summary>
    /// MLG3003: randomness in training code that nothing seeds: <c>new Random()</c> or <c>Random.Shared</c> in a method
    /// that trains (ML.NET <c>Fit</c>, TorchSharp <c>backward()</c>/<c>step()</c>) or that shuffles or samples data (a data
    /// loader's <c>Shuffle</c>, an <c>OrderBy</c> by random numbers, an element picked at a random index), a shuffle by
    /// <c>Guid.NewGuid()</c>, and TorchSharp training in a
    /// compilation that never calls <c>torch.manual_seed</c> (see <see cref="TorchSeedPresence"/> for how that
    /// project-wide fact is found without a compilation-end action).
    /// </summary>
    public sealed class UnseededRandomnessRule : MlopsRule
    {
        internal static readonly DiagnosticDescriptor Descriptor = RuleDescriptors.Create(RuleIdentifiers.UnseededRandomness);

        internal const string UnseededRandomMessage = "'{0}' has no seed in a method that trains: pass a seed from the training options";
        internal const string UnseededShuffleMessage = "'{0}' has no seed and shuffles or samples data: pass a seed from the training options";
        internal const string GuidShuffleMessage = "'{0}' shuffles data by random GUIDs, which no seed can repeat: shuffle with a seeded Random (new Random(seed).Shuffle(…))";
        internal const string UnseededTorchMessage = "TorchSharp training, but no 'torch.manual_seed' is called anywhere in this project: seed torch before training";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        internal override void OnCompilationStart(MlopsCompilationStart context, MlTypes types)
        {
            var diagnostics = context.DiagnosticFor(Descriptor);
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
                        operationContext.ReportDiagnostic(diagnostics.Create(invocation.Syntax.GetLocation(), UnseededTorchMessage));
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
                    if (!unseeded)
                    {
                        return;
                    }

                    var text = operation is IObjectCreationOperation ? "new Random()" : "Random.Shared";
                    var message = Trains(operation.Root()) ? UnseededRandomMessage
                        : RandomShuffles.ShufflesOrSamples(operation, operationContext.CancellationToken) ? UnseededShuffleMessage
                        : null;
                    if (message != null)
                    {
                        operationContext.ReportDiagnostic(diagnostics.Create(
                            operation.Syntax.GetLocation(), string.Format(System.Globalization.CultureInfo.InvariantCulture, message, text)));
                    }
                },
                OperationKind.ObjectCreation,
                OperationKind.PropertyReference);

            // OrderBy(_ => Guid.NewGuid()): a shuffle nothing can seed.
            var guid = types.Get("System.Guid");
            context.RegisterOperationAction(
                operationContext =>
                {
                    var invocation = (IInvocationOperation)operationContext.Operation;
                    var name = invocation.TargetMethod.Name;
                    if ((name == "OrderBy" || name == "OrderByDescending") && guid != null && invocation.Arguments.Length == 2
                        && RandomShuffles.KeyIsNewGuid(invocation.Arguments[1].Value, guid))
                    {
                        operationContext.ReportDiagnostic(diagnostics.Create(
                            invocation.CallLocation(), string.Format(System.Globalization.CultureInfo.InvariantCulture, GuidShuffleMessage, name + "(_ => Guid.NewGuid())")));
                    }
                },
                OperationKind.Invocation);

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
