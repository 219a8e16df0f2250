using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using MlopsGuard.Analyzers.Infrastructure;

namespace MlopsGuard.Analyzers.Rules
{
    /// <summary>
    /// MLG6001: a <c>PredictionEngine</c> is not thread-safe. It must not live in a static field, in a singleton service,
    /// or be called from parallel work that shares one engine created outside it.
    /// </summary>
    public sealed class SharedPredictionEngineRule : MlopsRule
    {
        internal static readonly DiagnosticDescriptor Descriptor = RuleDescriptors.Create(RuleIdentifiers.SharedPredictionEngine);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        internal override void OnCompilationStart(MlopsCompilationStart context, MlTypes types)
        {
            var diagnostics = context.DiagnosticFor(Descriptor);
            var engine = types.PredictionEngine;
            var engineBase = types.PredictionEngineBase;
            if (engine is null && engineBase is null)
            {
                return;
            }

            // Asked of the receiver of every call: answered once per type. The other types are resolved (types.Get) only after a
            // name matched: a lookup in every reference costs more than most compilations spend in this rule.
            var engines = new SymbolFactCache<ITypeSymbol>(IsEngineType);
            bool IsEngine(ITypeSymbol? type) => engines.Holds(type);

            bool IsEngineType(ITypeSymbol type) => type.IsOrDerivesFrom(engine) || type.IsOrDerivesFrom(engineBase);

            bool IsThreadStatic(ISymbol symbol)
            {
                foreach (var attribute in symbol.GetAttributes())
                {
                    if (attribute.AttributeClass is { Name: "ThreadStaticAttribute" } attributeClass
                        && SymbolEqualityComparer.Default.Equals(attributeClass, types.Get("System.ThreadStaticAttribute")))
                    {
                        return true;
                    }
                }

                return false;
            }

            // A holder of engines (Lazy<PredictionEngine<,>>, a list, a dictionary): its type's name, or null. ThreadLocal<> gives each
            // thread its own engine, and a pool (ObjectPool<>, or a ConcurrentBag/Queue/Stack or BlockingCollection that threads
            // take engines from and return them to) hands each engine to one thread at a time: both are the fix, not the bug.
            string? HeldEngineHolder(ITypeSymbol type)
            {
                if (type is not INamedTypeSymbol { IsGenericType: true } generic || IsPerThreadOrPool(generic))
                {
                    return null;
                }

                foreach (var argument in generic.TypeArguments)
                {
                    if (IsEngine(argument))
                    {
                        return generic.Name + "<>";
                    }
                }

                return null;
            }

            static bool IsPerThreadOrPool(INamedTypeSymbol holder)
            {
                for (INamedTypeSymbol? current = holder; current != null; current = current.BaseType)
                {
                    var name = current.Name;
                    if ((name == "ThreadLocal" && current.IsInNamespace("System.Threading"))
                        || (name == "ObjectPool" && current.IsInNamespace("Microsoft.Extensions.ObjectPool"))
                        || ((name == "ConcurrentBag" || name == "ConcurrentQueue" || name == "ConcurrentStack" || name == "BlockingCollection") && current.IsInNamespace("System.Collections.Concurrent")))
                    {
                        return true;
                    }
                }

                return false;
            }

            // 1. Static fields and static auto-properties: one engine for every thread of the process, also behind Lazy<> or in a collection.
            context.RegisterSymbolAction(
                symbolContext =>
                {
                    var symbol = symbolContext.Symbol;
                    if (!symbol.IsStatic || symbol.IsImplicitlyDeclared)
                    {
                        return;
                    }

                    // The type test first: attributes are read only for the rare static engine.
                    var held = symbol switch
                    {
                        IFieldSymbol field when !field.IsConst => field.Type,
                        IPropertySymbol property when HasBackingField(property) => property.Type,
                        _ => null,
                    };
                    var holder = held is null || IsEngine(held) ? null : HeldEngineHolder(held);
                    if (held is null || (!IsEngine(held) && holder is null) || IsThreadStatic(symbol) || symbol.Locations.Length == 0)
                    {
                        return;
                    }

                    var kind = symbol is IFieldSymbol ? "field" : "property";
                    var reason = holder is null
                        ? $"the static {kind} '{symbol.Name}' shares one engine across threads"
                        : $"the static {kind} '{symbol.Name}' holds engines in a {holder} that every thread shares";

                    // Model Builder regenerates its .consumption.cs on every retraining: an edit there does not survive.
                    var path = symbol.Locations[0].SourceTree?.FilePath ?? "";
                    if (path.EndsWith(".consumption.cs", System.StringComparison.OrdinalIgnoreCase))
                    {
                        reason += " (Model Builder rewrites this file when the model is retrained: in the application, serve through PredictionEnginePool instead of this member)";
                    }

                    symbolContext.ReportDiagnostic(diagnostics.Create(symbol.Locations[0], reason));
                },
                SymbolKind.Field,
                SymbolKind.Property);

            // 2. A singleton registration of the engine itself or of a type that keeps one in an instance field.
            context.RegisterOperationAction(
                operationContext =>
                {
                    var invocation = (IInvocationOperation)operationContext.Operation;
                    var method = invocation.TargetMethod;
                    if (method.Name != "AddSingleton"
                        || !SymbolEqualityComparer.Default.Equals(method.ContainingType, types.Get("Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions")))
                    {
                        return;
                    }

                    foreach (var registered in RegisteredTypes(invocation))
                    {
                        var holder = IsEngine(registered) ? registered.Name : null;
                        var field = holder is null ? EngineField(registered, IsEngine) : null;
                        if (holder != null || field != null)
                        {
                            var reason = field is null
                                ? "it is registered as a singleton"
                                : $"'{registered.Name}' keeps one in '{FieldName(field)}' and is registered as a singleton";
                            operationContext.ReportDiagnostic(diagnostics.Create(invocation.Syntax.GetLocation(), reason));
                            return;
                        }
                    }
                },
                OperationKind.Invocation);

            // 3. An engine created outside parallel work and called (Predict) inside it.
            context.RegisterOperationAction(
                operationContext =>
                {
                    // Predict is what an engine does concurrently (its other method is Dispose); by name first, before the type.
                    var invocation = (IInvocationOperation)operationContext.Operation;
                    if (invocation.TargetMethod.Name != "Predict" || invocation.Instance is null || !IsEngine(invocation.Instance.Type))
                    {
                        return;
                    }

                    var receiver = invocation.Instance.WithoutConversions();
                    ISymbol? shared = receiver switch
                    {
                        ILocalReferenceOperation local => local.Local,
                        IParameterReferenceOperation parameter => parameter.Parameter,
                        IFieldReferenceOperation field => field.Field,
                        IPropertyReferenceOperation property => property.Property,
                        _ => null,
                    };
                    if (shared is null || IsThreadStatic(shared))
                    {
                        return;
                    }

                    for (var function = invocation.EnclosingFunction(); function != null; function = function.EnclosingFunction())
                    {
                        var parallelCall = ParallelCallOf(function);
                        if (parallelCall is null)
                        {
                            continue;
                        }

                        // A local or parameter of the lambda itself is one engine per work item: fine.
                        var createdOutside = shared is IFieldSymbol || shared is IPropertySymbol || !shared.IsDeclaredInside(function);
                        if (createdOutside)
                        {
                            operationContext.ReportDiagnostic(diagnostics.Create(
                                invocation.Syntax.GetLocation(), $"'{shared.Name}' is created outside '{parallelCall.TargetMethod.ContainingType.Name}.{parallelCall.TargetMethod.Name}' and used inside it"));
                        }

                        return;
                    }
                },
                OperationKind.Invocation);

            // The invocation a lambda is handed to, when that invocation runs it concurrently.
            IInvocationOperation? ParallelCallOf(IOperation function)
            {
                var parent = function.Parent;
                while (parent is IDelegateCreationOperation || parent is IConversionOperation)
                {
                    parent = parent.Parent;
                }

                if (parent is not IArgumentOperation { Parent: IInvocationOperation call })
                {
                    return null;
                }

                var type = call.TargetMethod.ContainingType;
                if ((type.Name == "Parallel" && SymbolEqualityComparer.Default.Equals(type, types.Get("System.Threading.Tasks.Parallel")))
                    || (type.Name == "ParallelEnumerable" && SymbolEqualityComparer.Default.Equals(type, types.Get("System.Linq.ParallelEnumerable"))))
                {
                    return call;
                }

                // Task.Run/StartNew is concurrent when started in a loop or not awaited on the spot.
                var isTaskStart = (call.TargetMethod.Name == "Run" && SymbolEqualityComparer.Default.Equals(type, types.Get("System.Threading.Tasks.Task")))
                    || (call.TargetMethod.Name == "StartNew" && SymbolEqualityComparer.Default.Equals(type, types.Get("System.Threading.Tasks.TaskFactory")));
                if (isTaskStart && (call.EnclosingLoopBody() != null || !IsAwaitedOnTheSpot(call)))
                {
                    return call;
                }

                return null;
            }
        }

        private static bool IsAwaitedOnTheSpot(IOperation call)
        {
            var parent = call.Parent;
            while (parent is IConversionOperation || parent is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" })
            {
                parent = parent.Parent;
            }

            return parent is IAwaitOperation;
        }

        private static bool HasBackingField(IPropertySymbol property)
        {
            foreach (var member in property.ContainingType.GetMembers())
            {
                if (member is IFieldSymbol field && SymbolEqualityComparer.Default.Equals(field.AssociatedSymbol, property))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The instance field (or auto-property backing field) of the type or its bases that holds an engine.</summary>
        private static IFieldSymbol? EngineField(ITypeSymbol type, System.Func<ITypeSymbol?, bool> isEngine)
        {
            for (var current = type as INamedTypeSymbol; current != null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
            {
                foreach (var member in current.GetMembers())
                {
                    if (member is IFieldSymbol field && !field.IsStatic && isEngine(field.Type))
                    {
                        return field;
                    }
                }
            }

            return null;
        }

        private static string FieldName(IFieldSymbol field) => field.AssociatedSymbol?.Name ?? field.Name;

        /// <summary>The types an <c>AddSingleton</c> call registers: its type arguments, or its <c>typeof</c> arguments.</summary>
        private static System.Collections.Generic.IEnumerable<ITypeSymbol> RegisteredTypes(IInvocationOperation invocation)
        {
            foreach (var typeArgument in invocation.TargetMethod.TypeArguments)
            {
                yield return typeArgument;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.Value.WithoutConversions() is ITypeOfOperation typeOf)
                {
                    yield return typeOf.TypeOperand;
                }
            }
        }
    }
}
