using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace MlopsGuard.Analyzers.Infrastructure
{
    /// <summary>
    /// The types that record telemetry: <c>ILogger</c>/<c>ILogger&lt;T&gt;</c>/<c>ILoggerFactory</c>, <c>Meter</c> and its
    /// instruments (<c>Counter&lt;T&gt;</c>, <c>Histogram&lt;T&gt;</c>, …), <c>ActivitySource</c>, and Application Insights'
    /// <c>TelemetryClient</c>. Matched by metadata name; absent ones are simply not looked for.
    /// </summary>
    internal sealed class TelemetryTypes
    {
        private static readonly string[] MetadataNames =
        {
            "Microsoft.Extensions.Logging.ILogger",
            "Microsoft.Extensions.Logging.ILogger`1",
            "Microsoft.Extensions.Logging.ILoggerFactory",
            "System.Diagnostics.Metrics.Meter",
            "System.Diagnostics.Metrics.Instrument",
            "System.Diagnostics.Metrics.IMeterFactory",
            "System.Diagnostics.ActivitySource",
            "Microsoft.ApplicationInsights.TelemetryClient",
        };

        private readonly HashSet<INamedTypeSymbol> _types = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);

        // Asked of the type of every value in a method that serves a model: string, float, MLContext… come back again and again.
        private readonly SymbolFactCache<ITypeSymbol> _isTelemetry;

        public TelemetryTypes(MlTypes types)
        {
            _isTelemetry = new SymbolFactCache<ITypeSymbol>(ComputeIsTelemetry);
            foreach (var name in MetadataNames)
            {
                if (types.Get(name) is INamedTypeSymbol type)
                {
                    _types.Add(type);
                }
            }
        }

        /// <summary>True when a value of <paramref name="type"/> records telemetry (the type, a base class or an interface matches).</summary>
        public bool IsTelemetry(ITypeSymbol? type) => _types.Count > 0 && _isTelemetry.Holds(type);

        private bool ComputeIsTelemetry(ITypeSymbol type)
        {
            // Strings, numbers and arrays never record anything, and an array's interfaces are costly to list.
            if (type.SpecialType != SpecialType.None || type is IArrayTypeSymbol)
            {
                return false;
            }

            for (var current = type; current != null; current = current.BaseType)
            {
                if (current.OriginalDefinition is INamedTypeSymbol named && _types.Contains(named))
                {
                    return true;
                }
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (_types.Contains(implemented.OriginalDefinition))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when the type, a base type, or a constructor of them holds or receives a telemetry object.</summary>
        public bool IsRecordedBy(INamedTypeSymbol type)
        {
            for (var current = type; current != null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
            {
                foreach (var member in current.GetMembers())
                {
                    var recorded = member switch
                    {
                        IFieldSymbol field => IsTelemetry(field.Type),
                        IPropertySymbol property => IsTelemetry(property.Type),
                        IMethodSymbol { MethodKind: MethodKind.Constructor } constructor => AnyParameter(constructor.Parameters),
                        _ => false,
                    };
                    if (recorded)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        public bool AnyParameter(System.Collections.Immutable.ImmutableArray<IParameterSymbol> parameters)
        {
            foreach (var parameter in parameters)
            {
                if (IsTelemetry(parameter.Type))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
