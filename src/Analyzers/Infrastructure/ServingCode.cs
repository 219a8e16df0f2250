using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace MlopsGuard.Analyzers.Infrastructure
{
    /// <summary>
    /// Recognizes serving code: code that answers requests or events for other programs, where monitoring and a fallback
    /// model matter. A type serves when it is
    /// <list type="bullet">
    /// <item>dispatched by a host: an ASP.NET Core controller, Razor page model, SignalR hub, Blazor component or middleware,
    /// a gRPC service, a hosted or background service, an Azure Functions class, or a message handler (MassTransit,
    /// MediatR, NServiceBus, Rebus);</item>
    /// <item>built for concurrent requests: it holds a <c>PredictionEnginePool</c> or an <c>ObjectPool</c> of engines;</item>
    /// <item>registered as a service (<c>AddSingleton</c>, <c>AddScoped</c>, <c>AddTransient</c>, <c>AddHostedService</c>,
    /// <c>TryAdd…</c>) in the compilation, or injected into the constructor of a type dispatched by a host.</item>
    /// </list>
    /// Minimal-API handlers (lambdas given to <c>Map*</c>) serve too. Console programs, desktop apps, training code and the
    /// helpers they call do not: what they print is read by the person who runs them. Types are matched by metadata name, so
    /// the analyzer references none of these frameworks.
    /// </summary>
    internal sealed class ServingCode
    {
        // Matched by namespace and name, not by GetTypeByMetadataName: a lookup searches every reference of the compilation,
        // and these types are asked about once per type that runs inference.
        private static readonly (string Namespace, string Name)[] HostedBaseTypes =
        {
            ("Microsoft.AspNetCore.Mvc", "ControllerBase"),
            ("Microsoft.AspNetCore.Mvc.RazorPages", "PageModel"),
            ("Microsoft.AspNetCore.SignalR", "Hub"),
            ("Microsoft.AspNetCore.Components", "ComponentBase"),
        };

        private static readonly (string Namespace, string Name)[] HostedInterfaces =
        {
            ("Microsoft.Extensions.Hosting", "IHostedService"),
            ("Microsoft.AspNetCore.Http", "IMiddleware"),
            ("MassTransit", "IConsumer"),
            ("MediatR", "IRequestHandler"),
            ("MediatR", "INotificationHandler"),
            ("NServiceBus", "IHandleMessages"),
            ("Rebus.Handlers", "IHandleMessages"),
        };

        private static readonly (string Namespace, string Name)[] HostedAttributes =
        {
            ("Microsoft.AspNetCore.Mvc", "ApiControllerAttribute"),
            ("Grpc.Core", "BindServiceMethodAttribute"),
        };

        private static readonly (string Namespace, string Name)[] FunctionAttributes =
        {
            ("Microsoft.Azure.Functions.Worker", "FunctionAttribute"),
            ("Microsoft.Azure.WebJobs", "FunctionNameAttribute"),
        };

        private static readonly HashSet<string> RegistrationMethods = new HashSet<string>(StringComparer.Ordinal)
        {
            "AddSingleton", "AddScoped", "AddTransient", "AddHostedService",
            "TryAddSingleton", "TryAddScoped", "TryAddTransient", "AddKeyedSingleton", "AddKeyedScoped", "AddKeyedTransient",
        };

        private readonly Compilation _compilation;
        private readonly RequestHandlers _handlers;
        private readonly INamedTypeSymbol? _enginePool;
        private readonly INamedTypeSymbol? _engineBase;
        private readonly SymbolFactCache<ITypeSymbol> _hosted;
        private readonly SymbolFactCache<ITypeSymbol> _serving;
        private readonly bool _referencesFunctions;
        private HashSet<string>? _registeredNames;
        private HashSet<ITypeSymbol>? _injectedTypes;

        public ServingCode(Compilation compilation, MlTypes types)
        {
            _compilation = compilation;
            _handlers = new RequestHandlers(types);
            _enginePool = types.PredictionEnginePool;
            _engineBase = types.PredictionEngineBase;
            _referencesFunctions = compilation.ReferencedAssemblyNames.Any(a => a.Name.StartsWith("Microsoft.Azure.Functions.Worker", StringComparison.Ordinal) || a.Name == "Microsoft.Azure.WebJobs");
            _hosted = new SymbolFactCache<ITypeSymbol>(type => type is INamedTypeSymbol named && IsDispatchedByHost(named));
            _serving = new SymbolFactCache<ITypeSymbol>(type => type is INamedTypeSymbol named && ComputeServes(named));
        }

        /// <summary>
        /// How the operation serves, for messages (<c>"controller 'Predict'"</c>, <c>"the minimal API handler of 'MapPost'"</c>),
        /// or null when it is not serving code.
        /// </summary>
        public string? ServingSiteOf(IOperation operation, INamedTypeSymbol? containingType)
        {
            for (var function = operation.EnclosingFunction(); function != null; function = function.EnclosingFunction())
            {
                if (function is IAnonymousFunctionOperation && _handlers.MapCallOf(function) is IInvocationOperation map)
                {
                    return $"the minimal API handler of '{map.TargetMethod.Name}'";
                }
            }

            return containingType != null && Serves(containingType) ? $"'{containingType.Name}', which serves requests" : null;
        }

        /// <summary>True when the type (or the type it is nested in) is serving code.</summary>
        public bool Serves(INamedTypeSymbol type)
        {
            for (INamedTypeSymbol? current = type; current != null; current = current.ContainingType)
            {
                if (_serving.Holds(current))
                {
                    return true;
                }
            }

            return false;
        }

        private bool ComputeServes(INamedTypeSymbol type) =>
            _hosted.Holds(type) || HoldsEnginePool(type) || IsRegisteredOrInjected(type);

        private bool IsDispatchedByHost(INamedTypeSymbol type)
        {
            for (var current = type; current != null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
            {
                if (Matches(current, HostedBaseTypes) || HasAttribute(current, HostedAttributes))
                {
                    return true;
                }
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (Matches(implemented, HostedInterfaces))
                {
                    return true;
                }
            }

            // Azure Functions mark their entry methods; attributes are read only where the Functions SDK is referenced.
            if (_referencesFunctions)
            {
                foreach (var member in type.GetMembers())
                {
                    if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary } method && HasAttribute(method, FunctionAttributes))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>A pool of engines exists to serve concurrent requests.</summary>
        private bool HoldsEnginePool(INamedTypeSymbol type)
        {
            if (_engineBase is null)
            {
                return false;
            }

            foreach (var member in type.GetMembers())
            {
                var held = member switch
                {
                    IFieldSymbol field => field.Type,
                    IPropertySymbol property => property.Type,
                    _ => null,
                };
                if (held is INamedTypeSymbol named && IsEnginePool(named))
                {
                    return true;
                }

                if (member is IMethodSymbol { MethodKind: MethodKind.Constructor } constructor)
                {
                    foreach (var parameter in constructor.Parameters)
                    {
                        if (parameter.Type is INamedTypeSymbol parameterType && IsEnginePool(parameterType))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        private bool IsEnginePool(INamedTypeSymbol type)
        {
            var definition = type.OriginalDefinition;
            if (SymbolEqualityComparer.Default.Equals(definition, _enginePool))
            {
                return true;
            }

            for (INamedTypeSymbol? current = type; current != null; current = current.BaseType)
            {
                if (current.Name == "ObjectPool" && current.IsInNamespace("Microsoft.Extensions.ObjectPool"))
                {
                    return type.TypeArguments.Length == 1 && type.TypeArguments[0].IsOrDerivesFrom(_engineBase);
                }
            }

            return false;
        }

        private bool IsRegisteredOrInjected(INamedTypeSymbol type)
        {
            if (type.DeclaringSyntaxReferences.IsEmpty)
            {
                return false;
            }

            var registered = LazyInitializer.EnsureInitialized(ref _registeredNames, FindRegisteredNames)!;
            if (registered.Contains(type.Name))
            {
                return true;
            }

            var injected = LazyInitializer.EnsureInitialized(ref _injectedTypes, FindInjectedTypes)!;
            if (injected.Contains(type.OriginalDefinition))
            {
                return true;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (injected.Contains(implemented.OriginalDefinition) || registered.Contains(implemented.Name))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The simple names of the types the compilation registers as services: the type arguments of a registration call, and
        /// the types its arguments create (<c>AddSingleton(new Engine(…))</c>, <c>AddSingleton&lt;IEngine&gt;(_ =&gt; new Engine(…))</c>,
        /// <c>AddSingleton(typeof(Engine))</c>). Read from syntax once per compilation, and only when a question needs it.
        /// </summary>
        private HashSet<string> FindRegisteredNames()
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            if (_compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.IServiceCollection") is null)
            {
                return names;
            }

            foreach (var tree in _compilation.SyntaxTrees)
            {
                // A plain search of the text first: most files register nothing, and their syntax is not walked at all.
                if (!MayRegister(tree.GetText().ToString()))
                {
                    continue;
                }

                foreach (var node in tree.GetRoot().DescendantNodes())
                {
                    if (node is not InvocationExpressionSyntax invocation)
                    {
                        continue;
                    }

                    var name = invocation.Expression switch
                    {
                        MemberAccessExpressionSyntax member => member.Name,
                        SimpleNameSyntax simple => simple,
                        _ => null,
                    };
                    if (name is null || !RegistrationMethods.Contains(name.Identifier.ValueText))
                    {
                        continue;
                    }

                    if (name is GenericNameSyntax generic)
                    {
                        foreach (var argument in generic.TypeArgumentList.Arguments)
                        {
                            AddName(names, argument);
                        }
                    }

                    foreach (var argument in invocation.ArgumentList.Arguments)
                    {
                        foreach (var created in argument.Expression.DescendantNodesAndSelf())
                        {
                            if (created is ObjectCreationExpressionSyntax creation)
                            {
                                AddName(names, creation.Type);
                            }
                            else if (created is TypeOfExpressionSyntax typeOf)
                            {
                                AddName(names, typeOf.Type);
                            }
                        }
                    }
                }
            }

            return names;
        }

        private static bool MayRegister(string text) =>
            text.IndexOf("AddSingleton", StringComparison.Ordinal) >= 0
            || text.IndexOf("AddScoped", StringComparison.Ordinal) >= 0
            || text.IndexOf("AddTransient", StringComparison.Ordinal) >= 0
            || text.IndexOf("AddHostedService", StringComparison.Ordinal) >= 0
            || text.IndexOf("AddKeyed", StringComparison.Ordinal) >= 0;

        private static void AddName(HashSet<string> names, TypeSyntax type)
        {
            var simple = type switch
            {
                QualifiedNameSyntax qualified => qualified.Right,
                AliasQualifiedNameSyntax alias => alias.Name,
                SimpleNameSyntax name => name,
                _ => null,
            };
            if (simple != null)
            {
                names.Add(simple.Identifier.ValueText);
            }
        }

        /// <summary>The types the constructors of host-dispatched types take: the services a request handler is given.</summary>
        private HashSet<ITypeSymbol> FindInjectedTypes()
        {
            var injected = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
            var pending = new Stack<INamespaceOrTypeSymbol>();
            pending.Push(_compilation.Assembly.GlobalNamespace);
            while (pending.Count > 0)
            {
                foreach (var member in pending.Pop().GetMembers())
                {
                    if (member is INamespaceSymbol ns)
                    {
                        pending.Push(ns);
                    }
                    else if (member is INamedTypeSymbol type)
                    {
                        pending.Push(type);
                        if (!_hosted.Holds(type))
                        {
                            continue;
                        }

                        foreach (var constructor in type.InstanceConstructors)
                        {
                            foreach (var parameter in constructor.Parameters)
                            {
                                injected.Add(parameter.Type.OriginalDefinition);
                            }
                        }
                    }
                }
            }

            return injected;
        }

        private static bool Matches(INamedTypeSymbol type, (string Namespace, string Name)[] candidates)
        {
            var name = type.Name;
            foreach (var candidate in candidates)
            {
                if (candidate.Name == name && type.IsInNamespace(candidate.Namespace))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool HasAttribute(ISymbol symbol, (string Namespace, string Name)[] attributes)
        {
            foreach (var attribute in symbol.GetAttributes())
            {
                if (attribute.AttributeClass is INamedTypeSymbol attributeClass && Matches(attributeClass, attributes))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
