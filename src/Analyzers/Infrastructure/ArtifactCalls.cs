using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MlopsGuard.Analyzers.Infrastructure
{
    /// <summary>What an ML call does with a file.</summary>
    internal enum ArtifactAccess
    {
        DataLoad,
        ModelLoad,
        ModelSave,
    }

    /// <summary>
    /// The ML calls that read or write data and model files (ML.NET loaders and <c>loader.Load(path)</c>, <c>Model.Load</c>/<c>Save</c>,
    /// <c>ApplyOnnxModel(modelFile:)</c>, <c>LoadTensorFlowModel</c>, ONNX Runtime's <c>InferenceSession</c>, TorchSharp's
    /// <c>module.load</c>/<c>save</c>) and the file path behind each: given directly, or through the <c>File.*</c>/<c>FileStream</c>
    /// call whose stream, bytes or lines feed the ML call.
    /// </summary>
    internal sealed class ArtifactCalls
    {
        private const int MaxDepth = 10;

        private readonly INamedTypeSymbol? _textLoaderSaverCatalog;
        private readonly INamedTypeSymbol? _binaryLoaderSaverCatalog;
        private readonly INamedTypeSymbol? _dataOperationsCatalog;
        private readonly INamedTypeSymbol? _modelOperationsCatalog;
        private readonly INamedTypeSymbol? _inferenceSession;
        private readonly INamedTypeSymbol? _file;
        private readonly INamedTypeSymbol? _fileStream;
        private readonly INamedTypeSymbol? _torchModule;
        private readonly INamedTypeSymbol? _binaryReader;
        private readonly INamedTypeSymbol? _binaryWriter;

        private ArtifactCalls(MlTypes types)
        {
            // Resolved once per compilation: TryGet runs on every invocation and object creation.
            _textLoaderSaverCatalog = types.TextLoaderSaverCatalog;
            _binaryLoaderSaverCatalog = types.BinaryLoaderSaverCatalog;
            _dataOperationsCatalog = types.DataOperationsCatalog;
            _modelOperationsCatalog = types.ModelOperationsCatalog;
            _inferenceSession = types.InferenceSession;
            _file = types.File;
            _fileStream = types.FileStream;
            _torchModule = types.Get("TorchSharp.torch+nn+Module");
            _binaryReader = types.Get("System.IO.BinaryReader");
            _binaryWriter = types.Get("System.IO.BinaryWriter");
        }

        /// <summary>The ML file calls of a compilation; null when it references none of ML.NET's loaders, ONNX Runtime or TorchSharp.</summary>
        public static ArtifactCalls? For(MlTypes types)
        {
            var calls = new ArtifactCalls(types);
            return calls._modelOperationsCatalog is null && calls._inferenceSession is null && calls._textLoaderSaverCatalog is null && calls._torchModule is null
                ? null
                : calls;
        }

        /// <summary>The ML call's access kind and the argument that carries the file (a path, stream, bytes or rows).</summary>
        public bool TryGet(IOperation operation, out ArtifactAccess access, out IArgumentOperation target)
        {
            access = default;
            target = null!;
            switch (operation)
            {
                case IInvocationOperation invocation:
                    // By name first: a string switch rules out nearly every call before any type is compared.
                    var method = invocation.TargetMethod;
                    var type = method.ContainingType;
                    switch (method.Name)
                    {
                        case "LoadFromTextFile" when Is(type, _textLoaderSaverCatalog):
                        case "LoadFromBinary" when Is(type, _binaryLoaderSaverCatalog):
                            access = ArtifactAccess.DataLoad;
                            return Found(invocation.Arguments.ArgumentFor("path"), out target);
                        case "LoadFromEnumerable" when Is(type, _dataOperationsCatalog):
                            access = ArtifactAccess.DataLoad;
                            return Found(invocation.Arguments.ArgumentFor("data"), out target);
                        case "Load" when Is(type, _modelOperationsCatalog):
                        case "LoadWithDataLoader" when Is(type, _modelOperationsCatalog):
                            access = ArtifactAccess.ModelLoad;
                            return Found(invocation.Arguments.ArgumentFor("filePath") ?? invocation.Arguments.ArgumentFor("stream"), out target);
                        case "Save" when Is(type, _modelOperationsCatalog):
                            access = ArtifactAccess.ModelSave;
                            return Found(invocation.Arguments.ArgumentFor("filePath") ?? invocation.Arguments.ArgumentFor("stream"), out target);

                        // loader.Load(path) of a TextLoader or another file loader (DataLoaderExtensions.Load(loader, params string[] path)).
                        case "Load" when IsMlNetExtension(method, "DataLoaderExtensions"):
                            access = ArtifactAccess.DataLoad;
                            return Found(invocation.Arguments.ArgumentFor("path"), out target);

                        // Scoring pipelines read their model file: ApplyOnnxModel(modelFile: …), LoadTensorFlowModel(modelLocation).
                        case "ApplyOnnxModel" when IsMlNetExtension(method, "OnnxCatalog"):
                            access = ArtifactAccess.ModelLoad;
                            return Found(invocation.Arguments.ArgumentFor("modelFile"), out target);
                        case "LoadTensorFlowModel" when IsMlNetExtension(method, "TensorflowCatalog"):
                            access = ArtifactAccess.ModelLoad;
                            return Found(invocation.Arguments.ArgumentFor("modelLocation"), out target);

                        // TorchSharp: module.save(location | stream | writer), module.load(location | stream | reader).
                        case "save" when Is(type, _torchModule):
                            access = ArtifactAccess.ModelSave;
                            return Found(ArgumentAt(invocation.Arguments, 0), out target);
                        case "load" when Is(type, _torchModule):
                            access = ArtifactAccess.ModelLoad;
                            return Found(ArgumentAt(invocation.Arguments, 0), out target);
                        default:
                            return false;
                    }

                case IObjectCreationOperation creation when Is(creation.Type as INamedTypeSymbol, _inferenceSession):
                    access = ArtifactAccess.ModelLoad;
                    return creation.Constructor is not null && creation.Arguments.Length > 0
                        && Found(FirstParameterArgument(creation), out target);

                default:
                    return false;
            }
        }

        /// <summary>
        /// The expression that names the file behind an artifact argument: the argument itself when it is a path string, else the
        /// path given to the <c>File.*</c> call or <c>FileStream</c> that produced its stream, bytes or lines (followed through locals
        /// assigned once, <c>await</c>, and LINQ-style extension calls such as <c>File.ReadLines(p).Select(Parse)</c>).
        /// </summary>
        public IOperation? PathOf(IArgumentOperation target, LocalValues locals)
        {
            if (target.Value.Type?.SpecialType == SpecialType.System_String)
            {
                return target.Value;
            }

            // params string[] path with one file: loader.Load("data/train.csv").
            if (target.Value is IArrayCreationOperation { Initializer.ElementValues: { Length: 1 } elements } && elements[0].Type?.SpecialType == SpecialType.System_String)
            {
                return elements[0];
            }

            var source = target.Value;
            for (var depth = 0; depth < MaxDepth; depth++)
            {
                source = locals.Resolve(source);
                if (source is IAwaitOperation awaited)
                {
                    source = awaited.Operation;
                    continue;
                }

                if (source is IObjectCreationOperation creation && Is(creation.Type as INamedTypeSymbol, _fileStream))
                {
                    return FirstStringArgument(creation.Arguments);
                }

                // new BinaryReader(File.OpenRead(path)) / new BinaryWriter(File.Create(path)): the file is the wrapped stream's.
                if (source is IObjectCreationOperation wrapper
                    && (Is(wrapper.Type as INamedTypeSymbol, _binaryReader) || Is(wrapper.Type as INamedTypeSymbol, _binaryWriter))
                    && ArgumentAt(wrapper.Arguments, 0) is IArgumentOperation wrapped)
                {
                    source = wrapped.Value;
                    continue;
                }

                if (source is not IInvocationOperation invocation)
                {
                    return null;
                }

                if (Is(invocation.TargetMethod.ContainingType, _file))
                {
                    return invocation.Arguments.ArgumentFor("path")?.Value;
                }

                // File.ReadLines(path).Skip(1).Select(Parse): the rows come from the receiver of each extension call.
                if (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0)
                {
                    source = invocation.Arguments[0].Value;
                    continue;
                }

                return null;
            }

            return null;
        }

        private static IArgumentOperation? FirstParameterArgument(IObjectCreationOperation creation)
        {
            foreach (var argument in creation.Arguments)
            {
                if (argument.Parameter?.Ordinal == 0)
                {
                    var type = argument.Parameter.Type;
                    return type.SpecialType == SpecialType.System_String || type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Byte }
                        ? argument
                        : null;
                }
            }

            return null;
        }

        private static IArgumentOperation? ArgumentAt(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, int ordinal)
        {
            foreach (var argument in arguments)
            {
                if (argument.Parameter?.Ordinal == ordinal)
                {
                    return argument;
                }
            }

            return null;
        }

        private static IOperation? FirstStringArgument(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments)
        {
            foreach (var argument in arguments)
            {
                if (argument.Parameter?.Ordinal == 0 && argument.Value.Type?.SpecialType == SpecialType.System_String)
                {
                    return argument.Value;
                }
            }

            return null;
        }

        /// <summary>A static class of ML.NET (namespace <c>Microsoft.ML</c>) that declares the extension method.</summary>
        private static bool IsMlNetExtension(IMethodSymbol method, string typeName) =>
            method.IsExtensionMethod
            && method.ContainingType is { Name: var name, ContainingNamespace: { Name: "ML", ContainingNamespace: { Name: "Microsoft", ContainingNamespace.IsGlobalNamespace: true } } }
            && name == typeName;

        private static bool Found(IArgumentOperation? argument, out IArgumentOperation target)
        {
            target = argument!;
            return argument is not null && argument.ArgumentKind != ArgumentKind.DefaultValue;
        }

        private static bool Is(INamedTypeSymbol? type, INamedTypeSymbol? expected) =>
            type is not null && expected is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, expected);
    }
}
