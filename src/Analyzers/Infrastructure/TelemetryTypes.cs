using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MlopsGuard.Analyzers.Infrastructure
{
    /// <summary>
    /// The types that record telemetry: <c>ILogger</c>/<c>ILogger&lt;T&gt;</c>/<c>ILoggerFactory</c>, <c>Meter</c> and its
    /// instruments (<c>Counter&lt;T&gt;</c>, <c>Histogram&lt;T&gt;</c>, …), <c>ActivitySource</c>, Application Insights'
    /// <c>TelemetryClient</c>, Serilog's and NLog's loggers (and their static <c>Log</c>/<c>LogManager</c>), and the types a
    /// project names in <c>.editorconfig</c>: <c>mlopsguard.telemetry_types = Contoso.Metrics.IPredictionMetrics, …</c>
    /// (metadata names, comma-separated). Matched by metadata name; absent ones are simply not looked for.
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
            "Serilog.ILogger",
            "Serilog.Log",
            "NLog.ILogger",
            "NLog.Logger",
            "NLog.LogManager",
        };

        /// <summary>The .editorconfig key that names a project's own telemetry types.</summary>
        internal const string TelemetryTypesOption = "mlopsguard.telemetry_types";

        private readonly MlTypes _mlTypes;
        private readonly Compilation? _compilation;
        private readonly Microsoft.CodeAnalysis.Diagnostics.AnalyzerOptions? _options;

        // Asked of the type of every value in a method that serves a model: string, float, MLContext… come back again and again.
        private readonly SymbolFactCache<ITypeSymbol> _isTelemetry;

        // Resolved on first need: most compilations never reach an inference site, and each lookup searches every reference.
        private HashSet<INamedTypeSymbol>? _resolved;

        public TelemetryTypes(MlTypes types, Compilation? compilation = null, Microsoft.CodeAnalysis.Diagnostics.AnalyzerOptions? options = null)
        {
            _mlTypes = types;
            _compilation = compilation;
            _options = options;
            _isTelemetry = new SymbolFactCache<ITypeSymbol>(ComputeIsTelemetry);
        }

        private HashSet<INamedTypeSymbol> Known => System.Threading.LazyInitializer.EnsureInitialized(ref _resolved, Resolve)!;

        private HashSet<INamedTypeSymbol> Resolve()
        {
            var resolved = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
            foreach (var name in MetadataNames)
            {
                if (_mlTypes.Get(name) is INamedTypeSymbol type)
                {
                    resolved.Add(type);
                }
            }

            // A project-wide setting: from a .globalconfig, else from the .editorconfig section of the project's C# files.
            if (_options != null && TryGetProjectOption(_options, _compilation, out var named))
            {
                foreach (var name in named.Split(','))
                {
                    if (name.Trim() is { Length: > 0 } trimmed && _mlTypes.Get(trimmed) is INamedTypeSymbol type)
                    {
                        resolved.Add(type);
                    }
                }
            }

            return resolved;
        }

        private static bool TryGetProjectOption(Microsoft.CodeAnalysis.Diagnostics.AnalyzerOptions options, Compilation? compilation, out string value)
        {
            var provider = options.AnalyzerConfigOptionsProvider;
            if (provider.GlobalOptions.TryGetValue(TelemetryTypesOption, out value!))
            {
                return true;
            }

            // The [*.cs] section applies to every C# file alike: the first file's options are the project's.
            if (compilation?.SyntaxTrees.FirstOrDefault() is SyntaxTree first)
            {
                return provider.GetOptions(first).TryGetValue(TelemetryTypesOption, out value!);
            }

            value = "";
            return false;
        }

        /// <summary>
        /// True when the body obtains or calls telemetry itself: a logger or meter it creates or reads (<c>app.Logger</c>,
        /// <c>factory.CreateLogger</c>, a local <c>Meter</c>), or a static logging call (<c>Log.Information</c>).
        /// </summary>
        public bool IsUsedIn(IOperation root)
        {
            if (Known.Count == 0)
            {
                return false;
            }

            foreach (var operation in root.Descendants())
            {
                if ((operation is ILocalReferenceOperation || operation is IInvocationOperation || operation is IPropertyReferenceOperation
                        || operation is IFieldReferenceOperation || operation is IObjectCreationOperation)
                    && IsTelemetry(operation.Type))
                {
                    return true;
                }

                if (operation is IInvocationOperation { Instance: null } call && IsTelemetry(call.TargetMethod.ContainingType))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when a value of <paramref name="type"/> records telemetry (the type, a base class or an interface matches).</summary>
        public bool IsTelemetry(ITypeSymbol? type) => Known.Count > 0 && _isTelemetry.Holds(type);

        private bool ComputeIsTelemetry(ITypeSymbol type)
        {
            // Strings, numbers and arrays never record anything, and an array's interfaces are costly to list.
            if (type.SpecialType != SpecialType.None || type is IArrayTypeSymbol)
            {
                return false;
            }

            for (var current = type; current != null; current = current.BaseType)
            {
                if (current.OriginalDefinition is INamedTypeSymbol named && Known.Contains(named))
                {
                    return true;
                }
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (Known.Contains(implemented.OriginalDefinition))
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
