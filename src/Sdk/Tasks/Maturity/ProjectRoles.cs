using System;
using System.Collections.Generic;
using System.Linq;

namespace MlopsGuard.Tasks.Maturity
{
    /// <summary>
    /// What a project is, from what MSBuild knows of it (packages, resolved references, framework references, SDK):
    /// the ML libraries it uses, whether it serves models, and the telemetry libraries it can record with.
    /// </summary>
    internal static class ProjectRoles
    {
        /// <summary>Telemetry libraries: logging, metrics and tracing APIs an inference site can record with.</summary>
        private static readonly string[] TelemetryPrefixes =
        {
            "Microsoft.Extensions.Logging", "Microsoft.Extensions.Diagnostics", "Microsoft.Extensions.Telemetry", "OpenTelemetry",
            "Microsoft.ApplicationInsights", "Serilog", "NLog", "log4net", "prometheus-net", "Prometheus", "App.Metrics",
        };

        /// <summary>The ML libraries among package and assembly names, in the order ML.NET, ONNX Runtime, TorchSharp.</summary>
        public static IReadOnlyList<string> MlLibraries(IEnumerable<string> names)
        {
            var list = names.ToList();
            var found = new List<string>();
            if (list.Any(n => ProjectFileFacts.IsMlPackage(n) && !IsOnnxRuntime(n) && !n.StartsWith("TorchSharp", StringComparison.OrdinalIgnoreCase)))
            {
                found.Add("ML.NET");
            }

            if (list.Any(IsOnnxRuntime))
            {
                found.Add("ONNX Runtime");
            }

            if (list.Any(n => n.StartsWith("TorchSharp", StringComparison.OrdinalIgnoreCase)))
            {
                found.Add("TorchSharp");
            }

            return found;
        }

        /// <summary>The telemetry library families among package and assembly names (Microsoft.Extensions.Logging, OpenTelemetry, …).</summary>
        public static IReadOnlyList<string> Telemetry(IEnumerable<string> names)
        {
            var list = names.Select(n => n.Trim()).ToList();
            return TelemetryPrefixes.Where(p => list.Any(n => n.Equals(p, StringComparison.OrdinalIgnoreCase) || n.StartsWith(p + ".", StringComparison.OrdinalIgnoreCase))).ToList();
        }

        /// <summary>
        /// Why an ML project serves models, or null: <c>MlopsServesModels</c> when set; otherwise a host that answers
        /// requests: the Web or Worker SDK, the ASP.NET Core shared framework, Azure Functions, gRPC, Microsoft.Extensions.ML.
        /// A test project and a project without an ML library serve nothing.
        /// </summary>
        public static string? Serves(bool isTest, IReadOnlyList<string> mlLibraries, string? servesModels, bool webSdk, bool workerSdk, string? functionsVersion, IEnumerable<string> frameworkReferences, IEnumerable<string> packagesAndReferences)
        {
            if (bool.TryParse(servesModels?.Trim(), out var declared))
            {
                return declared ? "MlopsServesModels is true" : null;
            }

            if (isTest || mlLibraries.Count == 0)
            {
                return null;
            }

            if (webSdk)
            {
                return "ASP.NET Core, Microsoft.NET.Sdk.Web";
            }

            if (frameworkReferences.Any(f => f.Equals("Microsoft.AspNetCore.App", StringComparison.OrdinalIgnoreCase)))
            {
                return "ASP.NET Core";
            }

            var names = packagesAndReferences.ToList();
            if (!string.IsNullOrWhiteSpace(functionsVersion) || names.Any(n => n.StartsWith("Microsoft.Azure.Functions.Worker", StringComparison.OrdinalIgnoreCase) || n.Equals("Microsoft.NET.Sdk.Functions", StringComparison.OrdinalIgnoreCase)))
            {
                return "Azure Functions";
            }

            if (names.Any(n => n.StartsWith("Grpc.AspNetCore", StringComparison.OrdinalIgnoreCase)))
            {
                return "gRPC";
            }

            if (names.Any(n => n.StartsWith("Microsoft.Extensions.ML", StringComparison.OrdinalIgnoreCase)))
            {
                return "Microsoft.Extensions.ML prediction engine pool";
            }

            if (workerSdk)
            {
                return "worker service, Microsoft.NET.Sdk.Worker";
            }

            return null;
        }

        private static bool IsOnnxRuntime(string name) => name.StartsWith("Microsoft.ML.OnnxRuntime", StringComparison.OrdinalIgnoreCase);
    }
}
