using System;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading;
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
        private readonly SymbolFactCache<ITypeSymbol> _estimators;
        private readonly SymbolFactCache<ITypeSymbol> _transformers;
        private readonly SymbolFactCache<ITypeSymbol> _dataViews;
        private readonly SymbolFactCache<ITypeSymbol> _torchTensors;
        private readonly SymbolFactCache<ITypeSymbol> _torchModules;
        private readonly SymbolFactCache<ITypeSymbol> _torchOptimizers;
        private ServingCode? _serving;

        // One slot per named property: rules read them per operation, so they cost a field read, not a dictionary lookup.
        private Slot _mLContext;
        private Slot _iDataView;
        private Slot _iTransformer;
        private Slot _iEstimator;
        private Slot _predictionEngine;
        private Slot _predictionEngineBase;
        private Slot _dataOperationsCatalog;
        private Slot _modelOperationsCatalog;
        private Slot _dataViewSchema;
        private Slot _trainCatalogBase;
        private Slot _transformExtensionsCatalog;
        private Slot _textLoaderSaverCatalog;
        private Slot _binaryLoaderSaverCatalog;
        private Slot _inferenceSession;
        private Slot _ortValue;
        private Slot _torch;
        private Slot _torchTensor;
        private Slot _iDataLoader;
        private Slot _torchNn;
        private Slot _torchModule;
        private Slot _torchSequential;
        private Slot _torchLoss;
        private Slot _torchOptim;
        private Slot _torchOptimizer;
        private Slot _predictionEnginePool;
        private Slot _file;
        private Slot _fileStream;
        private Slot _httpClient;
        private Slot _webClient;

        private MlTypes(Compilation compilation)
        {
            _compilation = compilation;
            _resolve = name => _compilation.GetTypeByMetadataName(name);
            _estimators = new SymbolFactCache<ITypeSymbol>(type => type.IsOrImplements(IEstimator));
            _transformers = new SymbolFactCache<ITypeSymbol>(type => type.IsOrImplements(ITransformer));
            _dataViews = new SymbolFactCache<ITypeSymbol>(type => type.IsOrImplements(IDataView));
            _torchTensors = new SymbolFactCache<ITypeSymbol>(type => type.IsOrDerivesFrom(TorchTensor));
            _torchModules = new SymbolFactCache<ITypeSymbol>(type => type.IsOrDerivesFrom(TorchModule));
            _torchOptimizers = new SymbolFactCache<ITypeSymbol>(type => type.IsOrDerivesFrom(TorchOptimizer));
            ReferencesMlLibrary = ComputeReferencesMlLibrary(compilation);
        }

        public static MlTypes For(Compilation compilation) => Cache.GetValue(compilation, c => new MlTypes(c));

        /// <summary>The method bodies whose locals and calls were listed last, shared by every rule (see <see cref="LocalValues.For"/>).</summary>
        internal LocalValues.Recent RecentLocalValues { get; } = new LocalValues.Recent();

        /// <summary>What serves requests in this compilation (see <see cref="ServingCode"/>), shared by the serving and monitoring rules.</summary>
        public ServingCode Serving => LazyInitializer.EnsureInitialized(ref _serving, () => new ServingCode(_compilation, this))!;

        /// <summary>True when the compilation references ML.NET, ONNX Runtime, TorchSharp or Microsoft.Extensions.ML.</summary>
        public bool ReferencesMlLibrary { get; }

        // ML.NET
        public INamedTypeSymbol? MLContext => Resolve(ref _mLContext, "Microsoft.ML.MLContext");
        public INamedTypeSymbol? IDataView => Resolve(ref _iDataView, "Microsoft.ML.IDataView");
        public INamedTypeSymbol? ITransformer => Resolve(ref _iTransformer, "Microsoft.ML.ITransformer");
        public INamedTypeSymbol? IEstimator => Resolve(ref _iEstimator, "Microsoft.ML.IEstimator`1");
        public INamedTypeSymbol? PredictionEngine => Resolve(ref _predictionEngine, "Microsoft.ML.PredictionEngine`2");
        public INamedTypeSymbol? PredictionEngineBase => Resolve(ref _predictionEngineBase, "Microsoft.ML.PredictionEngineBase`2");
        public INamedTypeSymbol? DataOperationsCatalog => Resolve(ref _dataOperationsCatalog, "Microsoft.ML.DataOperationsCatalog");
        public INamedTypeSymbol? ModelOperationsCatalog => Resolve(ref _modelOperationsCatalog, "Microsoft.ML.ModelOperationsCatalog");
        public INamedTypeSymbol? DataViewSchema => Resolve(ref _dataViewSchema, "Microsoft.ML.DataViewSchema");
        public INamedTypeSymbol? TrainCatalogBase => Resolve(ref _trainCatalogBase, "Microsoft.ML.TrainCatalogBase");
        public INamedTypeSymbol? TransformExtensionsCatalog => Resolve(ref _transformExtensionsCatalog, "Microsoft.ML.TransformExtensionsCatalog");
        public INamedTypeSymbol? TextLoaderSaverCatalog => Resolve(ref _textLoaderSaverCatalog, "Microsoft.ML.TextLoaderSaverCatalog");
        public INamedTypeSymbol? BinaryLoaderSaverCatalog => Resolve(ref _binaryLoaderSaverCatalog, "Microsoft.ML.BinaryLoaderSaverCatalog");

        // ONNX Runtime
        public INamedTypeSymbol? InferenceSession => Resolve(ref _inferenceSession, "Microsoft.ML.OnnxRuntime.InferenceSession");
        public INamedTypeSymbol? OrtValue => Resolve(ref _ortValue, "Microsoft.ML.OnnxRuntime.OrtValue");

        // TorchSharp
        public INamedTypeSymbol? Torch => Resolve(ref _torch, "TorchSharp.torch");
        public INamedTypeSymbol? TorchTensor => Resolve(ref _torchTensor, "TorchSharp.torch+Tensor");

        // Development rules (MLG3xxx)
        public INamedTypeSymbol? IDataLoader => Resolve(ref _iDataLoader, "Microsoft.ML.IDataLoader`1");
        public INamedTypeSymbol? TorchNn => Resolve(ref _torchNn, "TorchSharp.torch+nn");
        public INamedTypeSymbol? TorchModule => Resolve(ref _torchModule, "TorchSharp.torch+nn+Module");
        public INamedTypeSymbol? TorchSequential => Resolve(ref _torchSequential, "TorchSharp.Modules.Sequential");
        public INamedTypeSymbol? TorchLoss => Resolve(ref _torchLoss, "TorchSharp.Loss`3");
        public INamedTypeSymbol? TorchOptim => Resolve(ref _torchOptim, "TorchSharp.torch+optim");
        public INamedTypeSymbol? TorchOptimizer => Resolve(ref _torchOptimizer, "TorchSharp.torch+optim+Optimizer");

        // Microsoft.Extensions.ML (recognized by name: the package need not be referenced by the analyzer)
        public INamedTypeSymbol? PredictionEnginePool => Resolve(ref _predictionEnginePool, "Microsoft.Extensions.ML.PredictionEnginePool`2");

        // .NET types the data and model-release rules follow (files, downloads, hashes)
        public INamedTypeSymbol? File => Resolve(ref _file, "System.IO.File");
        public INamedTypeSymbol? FileStream => Resolve(ref _fileStream, "System.IO.FileStream");
        public INamedTypeSymbol? HttpClient => Resolve(ref _httpClient, "System.Net.Http.HttpClient");
        public INamedTypeSymbol? WebClient => Resolve(ref _webClient, "System.Net.WebClient");

        // Rules ask these of nearly every ML.NET call, and a walk of all interfaces is costly: each is answered once per type.

        /// <summary>True when <paramref name="type"/> is or implements <c>IEstimator&lt;T&gt;</c> (any T).</summary>
        public bool IsEstimator(ITypeSymbol? type) => _estimators.Holds(type);

        /// <summary>True when <paramref name="type"/> is or implements <c>ITransformer</c>.</summary>
        public bool IsTransformer(ITypeSymbol? type) => _transformers.Holds(type);

        /// <summary>True when <paramref name="type"/> is or implements <c>IDataView</c>.</summary>
        public bool IsDataView(ITypeSymbol? type) => _dataViews.Holds(type);

        /// <summary>True when <paramref name="type"/> is or derives from TorchSharp's <c>torch.Tensor</c>.</summary>
        public bool IsTorchTensor(ITypeSymbol? type) => _torchTensors.Holds(type);

        /// <summary>True when <paramref name="type"/> is or derives from TorchSharp's <c>torch.nn.Module</c>.</summary>
        public bool IsTorchModule(ITypeSymbol? type) => _torchModules.Holds(type);

        /// <summary>True when <paramref name="type"/> is or derives from TorchSharp's <c>torch.optim.Optimizer</c>.</summary>
        public bool IsTorchOptimizer(ITypeSymbol? type) => _torchOptimizers.Holds(type);

        /// <summary>
        /// True when <paramref name="member"/> comes from a referenced ML.NET assembly: from metadata, in the namespace
        /// <c>Microsoft.ML</c> or one below it (where all of ML.NET's public types are). Asked of every call by several rules,
        /// so it is a walk up a few namespaces: cheaper than the walk up to the assembly or a lookup of the declaring type.
        /// </summary>
        public static bool IsMlNetMember(ISymbol member)
        {
            INamespaceSymbol? below = null;
            for (var ns = member.ContainingNamespace; ns is not null && !ns.IsGlobalNamespace; ns = ns.ContainingNamespace)
            {
                if (ns.ContainingNamespace is { IsGlobalNamespace: true })
                {
                    return ns.Name == "Microsoft" && below?.Name == "ML" && member.DeclaringSyntaxReferences.IsEmpty;
                }

                below = ns;
            }

            return false;
        }

        /// <summary>Any type by metadata name, resolved once per compilation.</summary>
        public INamedTypeSymbol? Get(string metadataName) =>
            _types.GetOrAdd(metadataName, _resolve);

        private INamedTypeSymbol? Resolve(ref Slot slot, string metadataName)
        {
            var resolved = Volatile.Read(ref slot.Box);
            if (resolved is null)
            {
                // Racing threads resolve the same symbol: whichever box lands first is equivalent.
                resolved = new StrongBox<INamedTypeSymbol?>(Get(metadataName));
                Volatile.Write(ref slot.Box, resolved);
            }

            return resolved.Value;
        }

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

        /// <summary>A type resolved once: no box until asked, then a box holding the symbol (null for a type that is absent).</summary>
        private struct Slot
        {
            public StrongBox<INamedTypeSymbol?>? Box;
        }
    }
}
