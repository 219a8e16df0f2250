using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using MlopsGuard.Analyzers.Infrastructure;

namespace MlopsGuard.Analyzers.Rules
{
    /// <summary>
    /// MLG7002: in a test project, a test class that trains or loads an ML.NET model and runs it, but none of whose tests
    /// evaluates the model (<c>Evaluate</c>/<c>CrossValidate</c> of an ML.NET catalog) and asserts.
    /// The rule is reported per test class, at the end of the class's analysis, so it shows while typing; see the docs
    /// page for why it is not a project-wide (compilation-end) diagnostic.
    /// </summary>
    public sealed class NoModelQualityTestRule : MlopsRule
    {
        internal static readonly DiagnosticDescriptor Descriptor = RuleDescriptors.Create(RuleIdentifiers.NoModelQualityTest);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        internal override void OnCompilationStart(MlopsCompilationStart context, MlTypes types)
        {
            var diagnostics = context.DiagnosticFor(Descriptor);
            if (!TestFrameworks.IsTestProject(context.Compilation))
            {
                return;
            }

            var tests = new TestMethods(types);
            var loads = new ModelLoads(types);
            var transformer = types.ITransformer;
            var engine = types.PredictionEngineBase;
            var catalog = types.Get("Microsoft.ML.TrainCatalogBase");
            if (!tests.Any || catalog is null || transformer is null)
            {
                return;
            }

            context.RegisterSymbolStartAction(
                start =>
                {
                    var type = (INamedTypeSymbol)start.Symbol;
                    if (!HasTests(type))
                    {
                        return;
                    }

                    var obtainsModel = 0;
                    var runsModel = 0;

                    // Methods of the class that evaluate (tests or helpers), tests that assert, and what each test calls.
                    var evaluating = new ConcurrentDictionary<ISymbol, byte>(SymbolEqualityComparer.Default);
                    var asserting = new ConcurrentDictionary<ISymbol, byte>(SymbolEqualityComparer.Default);
                    var calls = new ConcurrentDictionary<ISymbol, ConcurrentDictionary<ISymbol, byte>>(SymbolEqualityComparer.Default);

                    start.RegisterOperationAction(
                        operationContext =>
                        {
                            var invocation = (IInvocationOperation)operationContext.Operation;
                            var method = invocation.TargetMethod;
                            var caller = operationContext.ContainingSymbol;
                            if ((method.Name == "Fit" && types.IsEstimator(method.ContainingType)) || loads.IsModelCatalogLoad(invocation))
                            {
                                Interlocked.Exchange(ref obtainsModel, 1);
                            }

                            if ((method.Name == "Transform" && types.IsTransformer(method.ContainingType))
                                || (method.Name == "Predict" && method.ContainingType.IsOrDerivesFrom(engine)))
                            {
                                Interlocked.Exchange(ref runsModel, 1);
                            }

                            if (((method.Name.StartsWith("Evaluate", System.StringComparison.Ordinal) || method.Name.StartsWith("CrossValidate", System.StringComparison.Ordinal))
                                    && method.ContainingType.IsOrDerivesFrom(catalog))
                                || ReturnsMetrics(method))
                            {
                                evaluating.TryAdd(caller, 0);
                            }

                            if (!tests.IsTest(caller))
                            {
                                return;
                            }

                            if (tests.IsAssertion(method))
                            {
                                asserting.TryAdd(caller, 0);
                            }
                            else if (SymbolEqualityComparer.Default.Equals(method.ContainingType, type))
                            {
                                calls.GetOrAdd(caller, _ => new ConcurrentDictionary<ISymbol, byte>(SymbolEqualityComparer.Default)).TryAdd(method.OriginalDefinition, 0);
                            }
                        },
                        OperationKind.Invocation);

                    start.RegisterSymbolEndAction(
                        end =>
                        {
                            if (obtainsModel == 0 || runsModel == 0 || type.Locations.Length == 0)
                            {
                                return;
                            }

                            // A quality test asserts, and evaluates itself or through a helper of the class it calls.
                            foreach (var test in asserting.Keys)
                            {
                                if (evaluating.ContainsKey(test))
                                {
                                    return;
                                }

                                if (calls.TryGetValue(test, out var callees))
                                {
                                    foreach (var callee in callees.Keys)
                                    {
                                        if (evaluating.ContainsKey(callee))
                                        {
                                            return;
                                        }
                                    }
                                }
                            }

                            end.ReportDiagnostic(diagnostics.Create(type.Locations[0], type.Name));
                        });
                },
                SymbolKind.NamedType);

            // A call that hands back ML.NET metrics evaluates, wherever it is written (an evaluator class of the project counts).
            static bool ReturnsMetrics(IMethodSymbol method) =>
                method.ReturnType is INamedTypeSymbol returned
                && returned.Name.EndsWith("Metrics", System.StringComparison.Ordinal)
                && returned.IsInNamespace("Microsoft.ML.Data");

            bool HasTests(INamedTypeSymbol type)
            {
                if (type.TypeKind != TypeKind.Class || type.IsStatic)
                {
                    return false;
                }

                foreach (var member in type.GetMembers())
                {
                    if (tests.IsTest(member))
                    {
                        return true;
                    }
                }

                return false;
            }
        }
    }
}
