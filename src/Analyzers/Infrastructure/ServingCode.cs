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
        private static readonly string[] HostedBaseTypes =
        {
            "Microsoft.AspNetCore.Mvc.ControllerBase",
            "Microsoft.AspNetCore.Mvc.RazorPages.PageModel",
            "Microsoft.AspNetCore.SignalR.Hub",
            "Microsoft.AspNetCore.Components.ComponentBase",
        };

        private static readonly string[] HostedInterfaces =
        {
            "Microsoft.Extensions.Hosting.IHostedService",
            "Microsoft.AspNetCore.Http.IMiddleware",
            "MassTransit.IConsumer`1",
            "MediatR.IRequestHandler`2",
            "MediatR.IRequestHandler`1",
            "MediatR.INotificationHandler`1",
            "NServiceBus.IHandleMessages`1",
            "Rebus.Handlers.IHandleMessages`1",
        };

        private static readonly string[] FunctionAttributes =
        {
            "Microsoft.Azure.Functions.Worker.FunctionAttribute",
            "Microsoft.Azure.WebJobs.FunctionNameAttribute",
        };

        private static readonly HashSet<string> RegistrationMethods = new HashSet<string>(StringComparer.Ordinal)
        {
            "AddSingleton", "AddScoped", "AddTransient", "AddHostedService",
            "TryAddSingleton", "TryAddScoped", "TryAddTransient", "AddKeyedSingleton", "AddKeyedScoped", "AddKeyedTransient",
        };

        private readonly Compilation _compilation;
        private readonly RequestHandlers _handlers;
        private readonly List<INamedTypeSymbol> _hostedBaseTypes = new List<INamedTypeSymbol>();
        private readonly List<INamedTypeSymbol> _hostedInterfaces = new List<INamedTypeSymbol>();
        private readonly List<INamedTypeSymbol> _functionAttributes = new List<INamedTypeSymbol>();
        private readonly INamedTypeSymbol? _apiController;
        private readonly INamedTypeSymbol? _bindServiceMethod;
        private readonly INamedTypeSymbol? _enginePool;
        private readonly INamedTypeSymbol? _objectPool;
        private readonly INamedTypeSymbol? _engineBase;
        private readonly SymbolFactCache<ITypeSymbol> _hosted;
        private readonly SymbolFactCache<ITypeSymbol> _serving;
        private HashSet<string>? _registeredNames;
        private HashSet<ITypeSymbol>? _injectedTypes;

        public ServingCode(Compilation compilation, MlTypes types)
        {
            _compilation = compilation;
            _handlers = new RequestHandlers(types);
            Add(_hostedBaseTypes, HostedBaseTypes, types);
            Add(_hostedInterfaces, HostedInterfaces, types);
            Add(_functionAttributes, FunctionAttributes, types);
            _apiController = types.Get("Microsoft.AspNetCore.Mvc.ApiControllerAttribute");
            _bindServiceMethod = types.Get("Grpc.Core.BindServiceMethodAttribute");
            _enginePool = types.PredictionEnginePool;
            _objectPool = types.Get("Microsoft.Extensions.ObjectPool.ObjectPool`1");
            _engineBase = types.PredictionEngineBase;
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
                var definition = current.OriginalDefinition;
                if (_hostedBaseTypes.Contains(definition, SymbolEqualityComparer.Default) || HasAttribute(current, _apiController) || HasAttribute(current, _bindServiceMethod))
                {
                    return true;
                }
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (_hostedInterfaces.Contains(implemented.OriginalDefinition, SymbolEqualityComparer.Default))
                {
                    return true;
                }
            }

            if (_functionAttributes.Count > 0)
            {
                foreach (var member in type.GetMembers())
                {
                    if (member is IMethodSymbol method && _functionAttributes.Exists(a => HasAttribute(method, a)))
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
            if (_enginePool is null && _objectPool is null)
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

            return type.IsOrDerivesFrom(_objectPool) && type.TypeArguments.Length == 1 && type.TypeArguments[0].IsOrDerivesFrom(_engineBase);
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
            foreach (var tree in _compilation.SyntaxTrees)
            {
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

        private static void Add(List<INamedTypeSymbol> list, string[] names, MlTypes types)
        {
            foreach (var name in names)
            {
                if (types.Get(name) is INamedTypeSymbol type)
                {
                    list.Add(type);
                }
            }
        }

        private static bool HasAttribute(ISymbol symbol, INamedTypeSymbol? attributeType)
        {
            if (attributeType is null)
            {
                return false;
            }

            foreach (var attribute in symbol.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeType))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
