using System;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace MlopsGuard.Analyzers.Infrastructure
{
    /// <summary>
    /// The ML types of one compilation, resolved on first use and shared by every MlopsGuard analyzer
    /// (one instance per compilation, kept while the compilation lives).
    /// </summary>
    internal sealed class MlTypes
    {
        private static readonly ConditionalWeakTable<Compilation, MlTypes> Cache = new ConditionalWeakTable<Compilation, MlTypes>();

        /// <summary>Assemblies whose presence makes a compilation an ML compilation.</summary>
        private static readonly string[] MlAssemblies =
        {
            "Microsoft.ML.Core",
            "Microsoft.ML.Data",
            "Microsoft.ML.OnnxRuntime",
            "TorchSharp",
            "Microsoft.Extensions.ML",
        };

        private readonly Compilation _compilation;
        private readonly ConcurrentDictionary<string, INamedTypeSymbol?> _types = new ConcurrentDictionary<string, INamedTypeSymbol?>(StringComparer.Ordinal);

        private readonly Func<string, INamedTypeSymbol?> _resolve;

        private MlTypes(Compilation compilation)
        {
            _compilation = compilation;
            _resolve = name => _compilation.GetTypeByMetadataName(name);
            ReferencesMlLibrary = ComputeReferencesMlLibrary(compilation);
        }

        public static MlTypes For(Compilation compilation) => Cache.GetValue(compilation, c => new MlTypes(c));

        /// <summary>True when the compilation references ML.NET, ONNX Runtime, TorchSharp or Microsoft.Extensions.ML.</summary>
        public bool ReferencesMlLibrary { get; }

        // ML.NET
        public INamedTypeSymbol? MLContext => Get("Microsoft.ML.MLContext");
        public INamedTypeSymbol? IDataView => Get("Microsoft.ML.IDataView");
        public INamedTypeSymbol? ITransformer => Get("Microsoft.ML.ITransformer");
        public INamedTypeSymbol? IEstimator => Get("Microsoft.ML.IEstimator`1");
        public INamedTypeSymbol? PredictionEngine => Get("Microsoft.ML.PredictionEngine`2");
        public INamedTypeSymbol? PredictionEngineBase => Get("Microsoft.ML.PredictionEngineBase`2");
        public INamedTypeSymbol? DataOperationsCatalog => Get("Microsoft.ML.DataOperationsCatalog");
        public INamedTypeSymbol? ModelOperationsCatalog => Get("Microsoft.ML.ModelOperationsCatalog");
        public INamedTypeSymbol? DataViewSchema => Get("Microsoft.ML.DataViewSchema");
        public INamedTypeSymbol? TrainCatalogBase => Get("Microsoft.ML.TrainCatalogBase");
        public INamedTypeSymbol? TransformExtensionsCatalog => Get("Microsoft.ML.TransformExtensionsCatalog");
        public INamedTypeSymbol? TextLoaderSaverCatalog => Get("Microsoft.ML.TextLoaderSaverCatalog");
        public INamedTypeSymbol? BinaryLoaderSaverCatalog => Get("Microsoft.ML.BinaryLoaderSaverCatalog");

        // ONNX Runtime
        public INamedTypeSymbol? InferenceSession => Get("Microsoft.ML.OnnxRuntime.InferenceSession");
        public INamedTypeSymbol? OrtValue => Get("Microsoft.ML.OnnxRuntime.OrtValue");

        // TorchSharp
        public INamedTypeSymbol? Torch => Get("TorchSharp.torch");
        public INamedTypeSymbol? TorchTensor => Get("TorchSharp.torch+Tensor");

        // Development rules (MLG3xxx)
        public INamedTypeSymbol? IDataLoader => Get("Microsoft.ML.IDataLoader`1");
        public INamedTypeSymbol? TorchNn => Get("TorchSharp.torch+nn");
        public INamedTypeSymbol? TorchModule => Get("TorchSharp.torch+nn+Module");
        public INamedTypeSymbol? TorchSequential => Get("TorchSharp.Modules.Sequential");
        public INamedTypeSymbol? TorchLoss => Get("TorchSharp.Loss`3");
        public INamedTypeSymbol? TorchOptim => Get("TorchSharp.torch+optim");
        public INamedTypeSymbol? TorchOptimizer => Get("TorchSharp.torch+optim+Optimizer");

        // Microsoft.Extensions.ML (recognized by name: the package need not be referenced by the analyzer)
        public INamedTypeSymbol? PredictionEnginePool => Get("Microsoft.Extensions.ML.PredictionEnginePool`2");

        // .NET types the data and model-release rules follow (files, downloads, hashes)
        public INamedTypeSymbol? File => Get("System.IO.File");
        public INamedTypeSymbol? FileStream => Get("System.IO.FileStream");
        public INamedTypeSymbol? HttpClient => Get("System.Net.Http.HttpClient");
        public INamedTypeSymbol? WebClient => Get("System.Net.WebClient");

        /// <summary>Any type by metadata name, resolved once per compilation.</summary>
        public INamedTypeSymbol? Get(string metadataName) =>
            _types.GetOrAdd(metadataName, _resolve);

        private static bool ComputeReferencesMlLibrary(Compilation compilation)
        {
            if (Array.IndexOf(MlAssemblies, compilation.AssemblyName) >= 0)
            {
                return true;
            }

            foreach (var identity in compilation.ReferencedAssemblyNames)
            {
                if (Array.IndexOf(MlAssemblies, identity.Name) >= 0)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
