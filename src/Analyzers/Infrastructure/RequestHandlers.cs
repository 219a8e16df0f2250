using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MlopsGuard.Analyzers.Infrastructure
{
    /// <summary>
    /// Recognizes code that runs once per request, the way ASP.NET Core and gRPC dispatch it: controller actions and
    /// controller constructors (controllers are created per request), minimal-API lambdas passed to <c>Map*</c> on an
    /// <c>IEndpointRouteBuilder</c>, and gRPC service methods (overrides of a generated base marked <c>[BindServiceMethod]</c>).
    /// Types are matched by metadata name: the analyzer does not reference ASP.NET Core or gRPC.
    /// </summary>
    internal sealed class RequestHandlers
    {
        private readonly MlTypes _types;

        public RequestHandlers(MlTypes types)
        {
            _types = types;
        }

        // Resolved on first need (and then cached by MlTypes): a lookup searches every reference, and most compilations never ask.
        private INamedTypeSymbol? ControllerBaseType => _types.Get("Microsoft.AspNetCore.Mvc.ControllerBase");

        private INamedTypeSymbol? ApiControllerAttributeType => _types.Get("Microsoft.AspNetCore.Mvc.ApiControllerAttribute");

        private INamedTypeSymbol? NonActionAttributeType => _types.Get("Microsoft.AspNetCore.Mvc.NonActionAttribute");

        private INamedTypeSymbol? EndpointRouteBuilderType => _types.Get("Microsoft.AspNetCore.Routing.IEndpointRouteBuilder");

        private INamedTypeSymbol? BindServiceMethodAttributeType => _types.Get("Grpc.Core.BindServiceMethodAttribute");

        /// <summary>Describes the request handler that runs <paramref name="operation"/> on every request, or null.</summary>
        public string? HandlerOf(IOperation operation, ISymbol containingSymbol)
        {
            for (var function = operation.EnclosingFunction(); function != null; function = function.EnclosingFunction())
            {
                if (function is IAnonymousFunctionOperation && MapCallOf(function) is IInvocationOperation map)
                {
                    return $"in the minimal API handler of '{map.TargetMethod.Name}' on every request";
                }
            }

            if (containingSymbol is not IMethodSymbol method || method.IsStatic)
            {
                return null;
            }

            var type = method.ContainingType;
            if (IsController(type))
            {
                if (method.MethodKind == MethodKind.Constructor)
                {
                    return $"in the constructor of controller '{type.Name}', which is created for every request";
                }

                if (method.MethodKind == MethodKind.Ordinary && method.DeclaredAccessibility == Accessibility.Public && !HasAttribute(method, NonActionAttributeType))
                {
                    return $"in the controller action '{type.Name}.{method.Name}' on every request";
                }
            }

            if (IsGrpcService(type))
            {
                if (method.MethodKind == MethodKind.Constructor)
                {
                    return $"in the constructor of gRPC service '{type.Name}', which is created for every call";
                }

                if (method.IsOverride && OverridesGrpcMethod(method))
                {
                    return $"in the gRPC method '{type.Name}.{method.Name}' on every call";
                }
            }

            return null;
        }

        /// <summary>The <c>Map*</c> call a lambda is the handler of, when it is one.</summary>
        public IInvocationOperation? MapCallOf(IOperation function)
        {
            if (EndpointRouteBuilderType is null)
            {
                return null;
            }

            var parent = function.Parent;
            while (parent is IDelegateCreationOperation || parent is IConversionOperation)
            {
                parent = parent.Parent;
            }

            if (parent is not IArgumentOperation { Parent: IInvocationOperation call } || !call.TargetMethod.Name.StartsWith("Map", System.StringComparison.Ordinal))
            {
                return null;
            }

            // Extension methods take the route builder as their first parameter; instance methods are on it.
            var method = call.TargetMethod.ReducedFrom ?? call.TargetMethod;
            var builder = method.IsExtensionMethod && method.Parameters.Length > 0 ? method.Parameters[0].Type : call.TargetMethod.ContainingType;
            return IsRouteBuilder(builder) ? call : null;
        }

        private bool IsRouteBuilder(ITypeSymbol? type)
        {
            if (type is null)
            {
                return false;
            }

            if (SymbolEqualityComparer.Default.Equals(type, EndpointRouteBuilderType))
            {
                return true;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(implemented, EndpointRouteBuilderType))
                {
                    return true;
                }
            }

            return false;
        }

        private bool IsController(INamedTypeSymbol type)
        {
            if (ControllerBaseType is null && ApiControllerAttributeType is null)
            {
                return false;
            }

            for (var current = type; current != null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current, ControllerBaseType) || HasAttribute(current, ApiControllerAttributeType))
                {
                    return true;
                }
            }

            return false;
        }

        private bool IsGrpcService(INamedTypeSymbol type)
        {
            if (BindServiceMethodAttributeType is null)
            {
                return false;
            }

            for (var current = type.BaseType; current != null; current = current.BaseType)
            {
                if (HasAttribute(current, BindServiceMethodAttributeType))
                {
                    return true;
                }
            }

            return false;
        }

        private bool OverridesGrpcMethod(IMethodSymbol method)
        {
            for (var overridden = method.OverriddenMethod; overridden != null; overridden = overridden.OverriddenMethod)
            {
                if (HasAttribute(overridden.ContainingType, BindServiceMethodAttributeType))
                {
                    return true;
                }
            }

            return false;
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
