using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using MlopsGuard.Analyzers.Infrastructure;

namespace MlopsGuard.Analyzers.Rules
{
    /// <summary>
    /// MLG8001: an inference call (<c>PredictionEngine.Predict</c>, <c>PredictionEnginePool.Predict</c>,
    /// <c>InferenceSession.Run</c>, <c>Transform</c> on a loaded model) in a type that has no logger, meter, activity
    /// source or telemetry client, and in a method that receives none.
    /// </summary>
    public sealed class InferenceWithoutTelemetryRule : MlopsRule
    {
        internal static readonly DiagnosticDescriptor Descriptor = RuleDescriptors.Create(RuleIdentifiers.InferenceWithoutTelemetry);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        internal override void OnCompilationStart(MlopsCompilationStart context, MlTypes types)
        {
            // Tests run models on purpose and have nothing to monitor.
            if (TestFrameworks.IsTestProject(context.Compilation))
            {
                return;
            }

            var engine = types.PredictionEngine;
            var engineBase = types.PredictionEngineBase;
            var pool = types.PredictionEnginePool;
            var session = types.InferenceSession;
            var transformer = types.ITransformer;
            var loads = new ModelLoads(types);
            var telemetry = new TelemetryTypes(types);

            // Asked per inference call: answered once per type, and once per method body. A method that fits a model and
            // then tries it is training code, not serving.
            var recordedTypes = new SymbolFactCache<ITypeSymbol>(type => type is INamedTypeSymbol named && telemetry.IsRecordedBy(named));
            var rootFacts = new ConditionalWeakTable<IOperation, StrongBox<bool>>();
            ConditionalWeakTable<IOperation, StrongBox<bool>>.CreateValueCallback exempt = root => new StrongBox<bool>(UsesTelemetry(root) || MlNetCalls.MethodFits(root, types));

            context.RegisterOperationAction(
                operationContext =>
                {
                    var invocation = (IInvocationOperation)operationContext.Operation;
                    var method = invocation.TargetMethod;
                    if (!IsInference(invocation) || operationContext.ContainingSymbol.ContainingType is not INamedTypeSymbol type)
                    {
                        return;
                    }

                    if (recordedTypes.Holds(type) || ReceivesTelemetry(invocation, operationContext.ContainingSymbol) || rootFacts.GetValue(invocation.Root(), exempt).Value)
                    {
                        return;
                    }

                    operationContext.ReportDiagnostic(Diagnostic.Create(
                        Descriptor, invocation.Syntax.GetLocation(), method.ContainingType.Name + "." + method.Name, type.Name));
                },
                OperationKind.Invocation);

            bool IsInference(IInvocationOperation invocation)
            {
                // By name first: the declaring type is looked at only for the three names.
                var method = invocation.TargetMethod;
                var name = method.Name;
                if (name == "Predict")
                {
                    var declaring = method.ContainingType?.OriginalDefinition;
                    return declaring.IsOrDerivesFrom(engine) || declaring.IsOrDerivesFrom(engineBase) || declaring.IsOrDerivesFrom(pool);
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

                if (receiver is ILocalReferenceOperation local)
                {
                    // Most locals are assigned once, and the method's locals are already known: no walk for them.
                    if (LocalValues.For(receiver).TryGetSingleValue(local.Local, out var single))
                    {
                        return loads.IsModelCatalogLoad(single.WithoutConversions());
                    }

                    foreach (var operation in receiver.Root().Descendants())
                    {
                        if (operation is IVariableDeclaratorOperation declarator
                            && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local.Local)
                            && declarator.Initializer?.Value.WithoutConversions() is IOperation value)
                        {
                            return loads.IsModelCatalogLoad(value);
                        }
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

            // A logger or meter obtained in the method itself (app.Logger, factory.CreateLogger, a local Meter).
            bool UsesTelemetry(IOperation root)
            {
                foreach (var operation in root.Descendants())
                {
                    if ((operation is ILocalReferenceOperation || operation is IInvocationOperation || operation is IPropertyReferenceOperation
                            || operation is IFieldReferenceOperation || operation is IObjectCreationOperation)
                        && telemetry.IsTelemetry(operation.Type))
                    {
                        return true;
                    }
                }

                return false;
            }
        }
    }
}
