using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using MlopsGuard.Analyzers.Infrastructure;

namespace MlopsGuard.Analyzers.Rules
{
    /// <summary>
    /// MLG8001: serving code (see <see cref="ServingCode"/>) that runs inference (<c>PredictionEngine.Predict</c>,
    /// <c>PredictionEnginePool.Predict</c>, <c>InferenceSession.Run</c>, <c>Transform</c> on a loaded model, a TorchSharp
    /// module's <c>forward</c> or <c>call</c>) in a type that has no
    /// logger, meter, activity source or telemetry client, and in a method that receives or obtains none. One finding per
    /// serving type, at its first unmonitored inference site (by file path, then position), and one per minimal-API handler:
    /// the fix (telemetry in the type) is one. Console programs, desktop apps and training code are not serving code, and
    /// tests run models on purpose.
    /// </summary>
    public sealed class InferenceWithoutTelemetryRule : MlopsRule
    {
        internal static readonly DiagnosticDescriptor Descriptor = RuleDescriptors.Create(RuleIdentifiers.InferenceWithoutTelemetry);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        internal override void OnCompilationStart(MlopsCompilationStart context, MlTypes types)
        {
            var diagnostics = context.DiagnosticFor(Descriptor);
            if (TestFrameworks.IsTestProject(context.Compilation))
            {
                return;
            }

            var engineBase = types.PredictionEngineBase;
            var pool = types.PredictionEnginePool;
            var session = types.InferenceSession;
            var transformer = types.ITransformer;
            var loads = new ModelLoads(types);
            var telemetry = new TelemetryTypes(types, context.Compilation, context.Options);

            // Asked per inference call: answered once per type, and once per method body. A method that fits a model and
            // then tries it is training code, not serving.
            var recordedTypes = new SymbolFactCache<ITypeSymbol>(type => type is INamedTypeSymbol named && telemetry.IsRecordedBy(named));
            var rootFacts = new ConditionalWeakTable<IOperation, StrongBox<bool>>();
            ConditionalWeakTable<IOperation, StrongBox<bool>>.CreateValueCallback exempt = root => new StrongBox<bool>(telemetry.IsUsedIn(root) || MlNetCalls.MethodFits(root, types) || TrainsTorch(root));

            context.RegisterOperationAction(
                operationContext =>
                {
                    var invocation = (IInvocationOperation)operationContext.Operation;
                    var containing = operationContext.ContainingSymbol;
                    if (!IsUnmonitoredInference(invocation, containing, out var type, out var site))
                    {
                        return;
                    }

                    // A minimal-API handler is reported on its own; a serving type once, at its first unmonitored site.
                    if (!site.StartsWith(MinimalApiSite, System.StringComparison.Ordinal) && HasEarlierSite(type, invocation, operationContext.CancellationToken))
                    {
                        return;
                    }

                    var method = invocation.TargetMethod;
                    operationContext.ReportDiagnostic(diagnostics.Create(invocation.CallLocation(), method.ContainingType.Name + "." + method.Name, site));
                },
                OperationKind.Invocation);

            bool IsUnmonitoredInference(IInvocationOperation invocation, ISymbol containing, out INamedTypeSymbol type, out string site)
            {
                type = null!;
                site = null!;
                if (!IsInference(invocation) || containing.ContainingType is not INamedTypeSymbol containingType || recordedTypes.Holds(containingType)
                    || types.Serving.ServingSiteOf(invocation, containingType) is not string servingSite
                    || ReceivesTelemetry(invocation, containing)
                    || rootFacts.GetValue(invocation.Root(), exempt).Value)
                {
                    return false;
                }

                type = containingType;
                site = servingSite;
                return true;
            }

            // Is there an unmonitored inference site of the same type before this one (in path order, then source order)? Other
            // files are read by the names of their calls only; this file's earlier calls are bound with its semantic model. Asked
            // only where a finding would be reported, so a type gets one finding, the same in every build and in the IDE.
            bool HasEarlierSite(INamedTypeSymbol type, IInvocationOperation invocation, System.Threading.CancellationToken cancellationToken)
            {
                var tree = invocation.Syntax.SyntaxTree;
                var model = invocation.SemanticModel;
                foreach (var reference in type.DeclaringSyntaxReferences)
                {
                    var order = string.CompareOrdinal(reference.SyntaxTree.FilePath, tree.FilePath);
                    if (order > 0)
                    {
                        continue;
                    }

                    foreach (var call in CallsOf(reference.GetSyntax(cancellationToken)))
                    {
                        if (order < 0)
                        {
                            if (IsInferenceName(call))
                            {
                                return true;
                            }

                            continue;
                        }

                        if (call.SpanStart >= invocation.Syntax.SpanStart || !IsInferenceName(call) || model is null)
                        {
                            continue;
                        }

                        if (model.GetOperation(call, cancellationToken) is IInvocationOperation earlier
                            && model.GetEnclosingSymbol(call.SpanStart, cancellationToken) is ISymbol enclosing
                            && IsUnmonitoredInference(earlier, enclosing is IMethodSymbol { MethodKind: MethodKind.LambdaMethod or MethodKind.LocalFunction } inner ? OuterMember(inner) : enclosing, out var earlierType, out var earlierSite)
                            && SymbolEqualityComparer.Default.Equals(earlierType, type)
                            && !earlierSite.StartsWith(MinimalApiSite, System.StringComparison.Ordinal))
                        {
                            return true;
                        }
                    }
                }

                return false;
            }

            bool IsInference(IInvocationOperation invocation)
            {
                // By name first: the declaring type is looked at only for the three names.
                var method = invocation.TargetMethod;
                var name = method.Name;
                if (name == "Predict")
                {
                    // PredictionEnginePool.Predict is an extension method on the pool.
                    var receiver = invocation.ReceiverType()?.OriginalDefinition;
                    return receiver.IsOrDerivesFrom(engineBase) || receiver.IsOrDerivesFrom(pool);
                }

                if (name.StartsWith("Run", System.StringComparison.Ordinal))
                {
                    return session != null && SymbolEqualityComparer.Default.Equals(method.ContainingType?.OriginalDefinition, session);
                }

                // TorchSharp: module.forward(x), or module.call(x), which runs forward with its hooks.
                if (name == "forward" || name == "call")
                {
                    return types.TorchModule != null && types.IsTorchModule(invocation.ReceiverType());
                }

                return name == "Transform" && transformer != null && IsLoadedModel(invocation.Instance);
            }

            // Transform counts as inference only on a model kept for serving: a field, a property, or a local from Model.Load.
            bool IsLoadedModel(IOperation? instance)
            {
                var receiver = instance?.WithoutConversions();
                if (receiver is null || !types.IsTransformer(receiver.Type))
                {
                    return false;
                }

                if (receiver is IFieldReferenceOperation || receiver is IPropertyReferenceOperation)
                {
                    return true;
                }

                return receiver is ILocalReferenceOperation local
                    && LocalValues.For(receiver).TryGetSingleValue(local.Local, out var single)
                    && loads.IsModelCatalogLoad(single.WithoutConversions());
            }

            // A method that runs backward() or an optimizer's step() trains a TorchSharp model; its forward calls are not serving.
            bool TrainsTorch(IOperation root)
            {
                if (types.TorchModule is null)
                {
                    return false;
                }

                foreach (var call in LocalValues.For(root).Calls)
                {
                    if (TorchSharpCalls.IsBackward(call, types) || TorchSharpCalls.IsOptimizerStep(call, types))
                    {
                        return true;
                    }
                }

                return false;
            }

            bool ReceivesTelemetry(IOperation operation, ISymbol containingSymbol)
            {
                if (containingSymbol is IMethodSymbol method && telemetry.AnyParameter(method.Parameters))
                {
                    return true;
                }

                for (var function = operation.EnclosingFunction(); function != null; function = function.EnclosingFunction())
                {
                    var symbol = function switch
                    {
                        IAnonymousFunctionOperation lambda => lambda.Symbol,
                        ILocalFunctionOperation local => local.Symbol,
                        _ => null,
                    };
                    if (symbol != null && telemetry.AnyParameter(symbol.Parameters))
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        /// <summary>How <see cref="ServingCode.ServingSiteOf"/> names a minimal-API handler.</summary>
        private const string MinimalApiSite = "the minimal API handler";

        /// <summary>The invocations written in a type's declaration, not in the types nested in it.</summary>
        private static System.Collections.Generic.IEnumerable<Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax> CallsOf(SyntaxNode declaration)
        {
            foreach (var node in declaration.DescendantNodes(n => n == declaration || n is not Microsoft.CodeAnalysis.CSharp.Syntax.BaseTypeDeclarationSyntax))
            {
                if (node is Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax call)
                {
                    yield return call;
                }
            }
        }

        /// <summary>Predict, Run… or Transform by name: what an inference call is called.</summary>
        private static bool IsInferenceName(Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax call)
        {
            var name = call.Expression is Microsoft.CodeAnalysis.CSharp.Syntax.MemberBindingExpressionSyntax binding
                ? binding.Name.Identifier.ValueText
                : DeclaredValues.CalledName(call) ?? "";
            return name == "Predict" || name == "Transform" || name == "forward" || name == "call" || name.StartsWith("Run", System.StringComparison.Ordinal);
        }

        /// <summary>The member a lambda or local function is written in: the containing symbol the driver gives its operations.</summary>
        private static ISymbol OuterMember(IMethodSymbol function)
        {
            ISymbol current = function;
            while (current is IMethodSymbol { MethodKind: MethodKind.LambdaMethod or MethodKind.LocalFunction } && current.ContainingSymbol is ISymbol outer)
            {
                current = outer;
            }

            return current;
        }
    }
}
