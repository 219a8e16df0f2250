namespace MlopsGuard
{
    /// <summary>
    /// Every MlopsGuard diagnostic ID, analyzer rules and build-task diagnostics alike.
    /// The first digit after <c>MLG</c> is the maturity parameter (see <see cref="RuleCategories"/>).
    /// </summary>
    internal static class RuleIdentifiers
    {
        // 1 People and governance
        public const string SecretInDataAccess = "MLG1001";
        public const string ArtifactWithoutOwner = "MLG1002";

        // 2 Data gathering
        public const string UndeclaredDataPath = "MLG2001";
        public const string MachineSpecificPath = "MLG2002";
        public const string DownloadWithoutIntegrityCheck = "MLG2003";
        public const string LabelInFeatures = "MLG2004";
        public const string EvaluatedOnTrainingData = "MLG2005";
        public const string FitBeforeSplit = "MLG2006";
        public const string ArtifactChanged = "MLG2007";
        public const string ArtifactMissingOrOutside = "MLG2008";

        // 3 Development
        public const string UnseededMLContext = "MLG3001";
        public const string UnseededSplit = "MLG3002";
        public const string UnseededRandomness = "MLG3003";
        public const string MonolithicMlMethod = "MLG3101";
        public const string TrainingInEntryPoint = "MLG3102";
        public const string InlinedHyperparameter = "MLG3201";
        public const string MissingZeroGrad = "MLG3301";
        public const string MissingEvalMode = "MLG3302";
        public const string InvalidStageGraph = "MLG3401";
        public const string StageFailed = "MLG3402";

        // 4 Model release
        public const string UndeclaredModelPath = "MLG4001";
        public const string ModelSavedWithoutSchema = "MLG4002";
        public const string InvalidModel = "MLG4003";
        public const string MetricGateFailed = "MLG4004";
        public const string IncompleteManifest = "MLG4005";
        public const string SchemaMismatch = "MLG4006";

        // 5 CI
        public const string NoCiPipeline = "MLG5001";
        public const string CiWithoutTestOrCiMode = "MLG5002";
        public const string DependenciesNotLocked = "MLG5003";
        public const string BelowDeclaredLevel = "MLG5004";
        public const string InvalidConfiguration = "MLG5005";

        // 6 CD
        public const string SharedPredictionEngine = "MLG6001";
        public const string ModelLoadedPerRequest = "MLG6002";
        public const string UndisposedMlResource = "MLG6003";
        public const string ModelPathRelativeToWorkingDirectory = "MLG6004";
        public const string ServingWithoutFallback = "MLG6005";

        // 7 App integration and testing
        public const string MlProjectWithoutTests = "MLG7001";
        public const string NoModelQualityTest = "MLG7002";

        // 8 Monitoring
        public const string InferenceWithoutTelemetry = "MLG8001";
    }
}
