using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MlopsGuard.Analyzers.Infrastructure
{
    /// <summary>
    /// The operations that load a model into memory: ML.NET <c>Model.Load</c>/<c>LoadWithDataLoader</c> and
    /// <c>new InferenceSession(...)</c>. Shared by the serving rules so they agree on what "a load" is.
    /// </summary>
    internal sealed class ModelLoads
    {
        private readonly INamedTypeSymbol? _modelCatalog;
        private readonly INamedTypeSymbol? _inferenceSession;

        public ModelLoads(MlTypes types)
        {
            _modelCatalog = types.ModelOperationsCatalog;
            _inferenceSession = types.InferenceSession;
        }

        /// <summary>True when the compilation has at least one of the loading APIs.</summary>
        public bool Any => _modelCatalog != null || _inferenceSession != null;

        public INamedTypeSymbol? InferenceSession => _inferenceSession;

        /// <summary>True for <c>Model.Load(...)</c>, <c>Model.LoadWithDataLoader(...)</c> and <c>new InferenceSession(...)</c>.</summary>
        public bool IsLoad(IOperation operation) =>
            IsModelCatalogLoad(operation) || IsSessionCreation(operation);

        public bool IsModelCatalogLoad(IOperation operation) =>
            operation is IInvocationOperation invocation
            && _modelCatalog != null
            && (invocation.TargetMethod.Name == "Load" || invocation.TargetMethod.Name == "LoadWithDataLoader")
            && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, _modelCatalog);

        public bool IsSessionCreation(IOperation operation) =>
            operation is IObjectCreationOperation creation
            && _inferenceSession != null
            && SymbolEqualityComparer.Default.Equals(creation.Type, _inferenceSession);

        /// <summary>True for <c>Model.CreatePredictionEngine(...)</c>, which builds a whole prediction pipeline.</summary>
        public bool IsPredictionEngineCreation(IOperation operation) =>
            operation is IInvocationOperation invocation
            && _modelCatalog != null
            && invocation.TargetMethod.Name == "CreatePredictionEngine"
            && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, _modelCatalog);

        /// <summary>A short name of the call for messages: <c>Model.Load</c>, <c>new InferenceSession</c>.</summary>
        public static string Describe(IOperation operation) => operation switch
        {
            IInvocationOperation invocation => "Model." + invocation.TargetMethod.Name,
            IObjectCreationOperation creation => "new " + creation.Type?.Name,
            _ => operation.Syntax.ToString(),
        };
    }
}
