using System;
using System.Collections.Immutable;
using System.IO;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace MlopsGuard.RealCode.StandIns
{
    /// <summary>
    /// <c>Microsoft.Extensions.ML</c>'s public API (the <c>PredictionEnginePool</c> of ASP.NET Core apps), compiled from its
    /// declarations: the registry copy this repository restores from does not serve the package, and a corpus project that
    /// references it must still bind its calls as a real build would. Signatures follow the package's 5.x reference assembly.
    /// </summary>
    public static class MicrosoftExtensionsML
    {
        public const string PackageId = "Microsoft.Extensions.ML";

        private const string Declarations = @"
namespace Microsoft.Extensions.ML
{
    public class PredictionEnginePool<TData, TPrediction> where TData : class where TPrediction : class, new()
    {
        public Microsoft.ML.ITransformer GetModel() => throw null;
        public Microsoft.ML.ITransformer GetModel(string modelName) => throw null;
        public Microsoft.ML.PredictionEngine<TData, TPrediction> GetPredictionEngine() => throw null;
        public Microsoft.ML.PredictionEngine<TData, TPrediction> GetPredictionEngine(string modelName) => throw null;
        public void ReturnPredictionEngine(Microsoft.ML.PredictionEngine<TData, TPrediction> engine) { }
        public void ReturnPredictionEngine(string modelName, Microsoft.ML.PredictionEngine<TData, TPrediction> engine) { }
    }

    public static class PredictionEnginePoolExtensions
    {
        public static TPrediction Predict<TData, TPrediction>(this PredictionEnginePool<TData, TPrediction> predictionEnginePool, TData example) where TData : class where TPrediction : class, new() => throw null;
        public static TPrediction Predict<TData, TPrediction>(this PredictionEnginePool<TData, TPrediction> predictionEnginePool, string modelName, TData example) where TData : class where TPrediction : class, new() => throw null;
    }

    public class PredictionEnginePoolBuilder<TData, TPrediction> where TData : class where TPrediction : class, new()
    {
        public PredictionEnginePoolBuilder(Microsoft.Extensions.DependencyInjection.IServiceCollection services) { }
        public Microsoft.Extensions.DependencyInjection.IServiceCollection Services => throw null;
    }

    public static class BuilderExtensions
    {
        public static PredictionEnginePoolBuilder<TData, TPrediction> FromFile<TData, TPrediction>(this PredictionEnginePoolBuilder<TData, TPrediction> builder, string filePath) where TData : class where TPrediction : class, new() => throw null;
        public static PredictionEnginePoolBuilder<TData, TPrediction> FromFile<TData, TPrediction>(this PredictionEnginePoolBuilder<TData, TPrediction> builder, string filePath, bool watchForChanges) where TData : class where TPrediction : class, new() => throw null;
        public static PredictionEnginePoolBuilder<TData, TPrediction> FromFile<TData, TPrediction>(this PredictionEnginePoolBuilder<TData, TPrediction> builder, string modelName, string filePath) where TData : class where TPrediction : class, new() => throw null;
        public static PredictionEnginePoolBuilder<TData, TPrediction> FromFile<TData, TPrediction>(this PredictionEnginePoolBuilder<TData, TPrediction> builder, string modelName, string filePath, bool watchForChanges) where TData : class where TPrediction : class, new() => throw null;
        public static PredictionEnginePoolBuilder<TData, TPrediction> FromUri<TData, TPrediction>(this PredictionEnginePoolBuilder<TData, TPrediction> builder, string uri) where TData : class where TPrediction : class, new() => throw null;
        public static PredictionEnginePoolBuilder<TData, TPrediction> FromUri<TData, TPrediction>(this PredictionEnginePoolBuilder<TData, TPrediction> builder, string modelName, string uri) where TData : class where TPrediction : class, new() => throw null;
        public static PredictionEnginePoolBuilder<TData, TPrediction> FromUri<TData, TPrediction>(this PredictionEnginePoolBuilder<TData, TPrediction> builder, System.Uri uri) where TData : class where TPrediction : class, new() => throw null;
        public static PredictionEnginePoolBuilder<TData, TPrediction> FromUri<TData, TPrediction>(this PredictionEnginePoolBuilder<TData, TPrediction> builder, string modelName, System.Uri uri, System.TimeSpan period) where TData : class where TPrediction : class, new() => throw null;
    }

    public static class ServiceCollectionExtensions
    {
        public static PredictionEnginePoolBuilder<TData, TPrediction> AddPredictionEnginePool<TData, TPrediction>(this Microsoft.Extensions.DependencyInjection.IServiceCollection services) where TData : class where TPrediction : class, new() => throw null;
    }
}
";

        /// <summary>The stand-in assembly, compiled against <paramref name="references"/> (which must hold ML.NET and ASP.NET Core's).</summary>
        public static MetadataReference Compile(ImmutableArray<MetadataReference> references)
        {
            var compilation = CSharpCompilation.Create(
                PackageId,
                new[] { CSharpSyntaxTree.ParseText(Declarations) },
                references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            using var image = new MemoryStream();
            var emitted = compilation.Emit(image);
            if (!emitted.Success)
            {
                throw new InvalidOperationException("the Microsoft.Extensions.ML stand-in does not compile: " + string.Join("; ", emitted.Diagnostics));
            }

            return MetadataReference.CreateFromImage(image.ToArray());
        }
    }
}
