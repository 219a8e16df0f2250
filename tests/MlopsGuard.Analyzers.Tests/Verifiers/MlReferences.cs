using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Testing;

namespace MlopsGuard.Analyzers.Tests.Verifiers
{
    /// <summary>Test code compiles against the real packages, resolved from NuGet like a user's project.</summary>
    public static class MlReferences
    {
        public const string MlNetVersion = "5.0.1";

        public const string OnnxRuntimeVersion = "1.31.1";

        public const string TorchSharpVersion = "0.107.0";

        /// <summary>.NET 8 with Microsoft.ML.</summary>
        public static ReferenceAssemblies MlNet { get; } = ReferenceAssemblies.Net.Net80.AddPackages(
            ImmutableArray.Create(new PackageIdentity("Microsoft.ML", MlNetVersion)));

        /// <summary>.NET 8 with Microsoft.ML and ONNX Runtime (managed API): training and serving code.</summary>
        public static ReferenceAssemblies MlNetAndOnnxRuntime { get; } = ReferenceAssemblies.Net.Net80.AddPackages(
            ImmutableArray.Create(
                new PackageIdentity("Microsoft.ML", MlNetVersion),
                new PackageIdentity("Microsoft.ML.OnnxRuntime.Managed", OnnxRuntimeVersion)));

        /// <summary>.NET 8 with Microsoft.ML and its tree learners (FastTree, LightGbm), whose trainers take the most hyperparameters.</summary>
        public static ReferenceAssemblies MlNetWithTrees { get; } = ReferenceAssemblies.Net.Net80.AddPackages(
            ImmutableArray.Create(
                new PackageIdentity("Microsoft.ML", MlNetVersion),
                new PackageIdentity("Microsoft.ML.FastTree", MlNetVersion),
                new PackageIdentity("Microsoft.ML.LightGbm", MlNetVersion)));

        /// <summary>.NET 8 with TorchSharp (the managed bindings; no native libtorch is needed to compile).</summary>
        public static ReferenceAssemblies TorchSharp { get; } = ReferenceAssemblies.Net.Net80.AddPackages(
            ImmutableArray.Create(new PackageIdentity("TorchSharp", TorchSharpVersion)));

        /// <summary>A test project: .NET 8 with Microsoft.ML and xunit.</summary>
        public static ReferenceAssemblies MlNetTests { get; } = ReferenceAssemblies.Net.Net80.AddPackages(
            ImmutableArray.Create(
                new PackageIdentity("Microsoft.ML", MlNetVersion),
                new PackageIdentity("xunit.extensibility.core", "2.9.3"),
                new PackageIdentity("xunit.assert", "2.9.3")));

        /// <summary>.NET 8 with no ML library: MlopsGuard must register nothing.</summary>
        public static ReferenceAssemblies NoMl { get; } = ReferenceAssemblies.Net.Net80;
    }
}
