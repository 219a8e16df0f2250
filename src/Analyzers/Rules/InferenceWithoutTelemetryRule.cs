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
    /// <c>PredictionEnginePool.Predict</c>, <c>InferenceSession.Run</c>, <c>Transform</c> on a loaded model) in a type that has no
    /// logger, meter, activity source or telemetry client, and in a method that receives or obtains none. One finding per
    /// serving type, at its first inference site: the fix (telemetry in the type) is one. Console programs, desktop apps and
    /// training code are not serving code, and tests run models on purpose.
    /// </summary>
    public sealed class InferenceWithoutTelemetryRule : MlopsRule
    {
        internal static readonly DiagnosticDescriptor Descriptor = RuleDescriptors.Create(RuleIdentifiers.InferenceWithoutTelemetry);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        internal override void OnCompilationStart(MlopsCompilationStart context, MlTypes types)
        {
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
            ConditionalWeakTable<IOperation, StrongBox<bool>>.CreateValueCallback exempt = root => new StrongBox<bool>(telemetry.IsUsedIn(root) || MlNetCalls.MethodFits(root, types));

            context.RegisterSymbolStartAction(
                start =>
                {
                    var type = (INamedTypeSymbol)start.Symbol;
                    if (type.TypeKind != TypeKind.Class && type.TypeKind != TypeKind.Struct)
                    {
                        return;
                    }

                    // The first unmonitored inference site of the type, in source order; reported when the type is done.
                    var gate = new object();
                    (Location Location, string Call, string Site)? first = null;
                    start.RegisterOperationAction(
                        operationContext =>
                        {
                            var invocation = (IInvocationOperation)operationContext.Operation;
                            if (!IsInference(invocation)
                                || !SymbolEqualityComparer.Default.Equals(operationContext.ContainingSymbol.ContainingType, type)
                                || recordedTypes.Holds(type)
                                || types.Serving.ServingSiteOf(invocation, type) is not string site
                                || ReceivesTelemetry(invocation, operationContext.ContainingSymbol)
                                || rootFacts.GetValue(invocation.Root(), exempt).Value)
                            {
                                return;
                            }

                            var location = invocation.CallLocation();
                            var method = invocation.TargetMethod;
                            lock (gate)
                            {
                                if (first is null || IsBefore(location, first.Value.Location))
                                {
                                    first = (location, method.ContainingType.Name + "." + method.Name, site);
                                }
                            }
                        },
                        OperationKind.Invocation);
                    start.RegisterSymbolEndAction(end =>
                    {
                        if (first is { } found)
                        {
                            end.ReportDiagnostic(Diagnostic.Create(Descriptor, found.Location, found.Call, found.Site));
                        }
                    });
                },
                SymbolKind.NamedType);

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

        private static bool IsBefore(Location a, Location b)
        {
            var byPath = string.CompareOrdinal(a.SourceTree?.FilePath, b.SourceTree?.FilePath);
            return byPath < 0 || (byPath == 0 && a.SourceSpan.Start < b.SourceSpan.Start);
        }
    }
}
