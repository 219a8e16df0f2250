using System;
using System.Collections.Generic;

namespace MlopsGuard
{
    /// <summary>Where a rule runs: live in the compiler (and IDE), or as a diagnostic of an MSBuild task.</summary>
    internal enum RuleKind
    {
        Analyzer,
        Build,
    }

    /// <summary>One rule of the catalog: the single source for descriptors, task messages, docs and generated config.</summary>
    internal sealed class RuleInfo
    {
        public RuleInfo(string id, int? requiredLevel, RuleKind kind, string title, string messageFormat, string description)
        {
            Id = id;
            RequiredLevel = requiredLevel;
            Kind = kind;
            Title = title;
            MessageFormat = messageFormat;
            Description = description;
        }

        public string Id { get; }

        /// <summary>The MLOps level (1 or 2) from which the rule is required; null when no level requires it (it has its own severity).</summary>
        public int? RequiredLevel { get; }

        public RuleKind Kind { get; }

        public string Title { get; }

        public string MessageFormat { get; }

        public string Description { get; }

        public int Parameter => RuleCategories.ParameterOf(Id);

        public string Category => RuleCategories.CategoryOf(Id);

        public string HelpLink => RuleCatalog.HelpLinkBase + Id + ".md";
    }

    /// <summary>The rules MlopsGuard ships, in ID order.</summary>
    internal static class RuleCatalog
    {
        public const string HelpLinkBase = "https://github.com/mlopsguard/mlopsguard/blob/main/docs/rules/";

        public static readonly IReadOnlyList<RuleInfo> All = new[]
        {
            new RuleInfo(
                RuleIdentifiers.SecretInDataAccess, 2, RuleKind.Analyzer,
                "Keep secrets out of data and model access code",
                "A {0} written in code reaches '{1}': read it from configuration or a secret store",
                "A password, storage account key, shared access signature or bearer token written in a string literal ends up in source control, in every build and in every copy of the repository. Data and model access must take its credentials from configuration, a secret store or a managed identity."),
            new RuleInfo(
                RuleIdentifiers.ArtifactWithoutOwner, 2, RuleKind.Build,
                "Declared model or data path has no code owner",
                "{0}",
                "A path declared as MlData or MlModel is not covered by any CODEOWNERS entry (.github/CODEOWNERS, CODEOWNERS or docs/CODEOWNERS), or its last matching entry names no owner. Without an owner, a change to training data or to a released model needs nobody's review."),
            new RuleInfo(
                RuleIdentifiers.UndeclaredDataPath, 1, RuleKind.Analyzer,
                "Declare the data files the code loads",
                "'{0}' is loaded as data but no MlData item declares it: add <MlData Include=\"{0}\" /> so it is versioned in the lock file",
                "Data that training code loads but the project does not declare as an MlData item is not hashed into mlops.lock.json: a change to it goes unnoticed, and a model cannot be traced back to the exact data it was trained on."),
            new RuleInfo(
                RuleIdentifiers.MachineSpecificPath, 1, RuleKind.Analyzer,
                "Do not use machine-specific paths for data and models",
                "'{0}' is a machine-specific {1} path: it exists only where it was written; use a path relative to the project or to AppContext.BaseDirectory, or a setting",
                "A data or model path that starts with a drive letter, a UNC share, the home folder (~) or a per-user folder (/home, /Users) exists only on the machine of the person who wrote it: the training run cannot be repeated by a colleague or in CI, and the application fails when deployed."),
            new RuleInfo(
                RuleIdentifiers.DownloadWithoutIntegrityCheck, 2, RuleKind.Analyzer,
                "Check the hash of downloaded data and models",
                "'{0}' downloads {1} that is loaded without an integrity check: compare its SHA-256 with a recorded hash before using it",
                "Data or a model fetched at run time can be truncated, replaced upstream or tampered with on the way. Loaded without comparing its hash with a recorded one, a different file trains or serves silently, and nothing ties the result to the artifact that was reviewed."),
            new RuleInfo(
                RuleIdentifiers.LabelInFeatures, 1, RuleKind.Analyzer,
                "Keep the label column out of the features",
                "The label column '{0}' is concatenated into '{1}': the model is given the answer it has to predict",
                "A feature vector that contains the label (ML.NET's default 'Label' column, or the labelColumnName given to the trainer) lets the trainer read the answer: training and test metrics look perfect and the model fails on real data, where the label is unknown."),
            new RuleInfo(
                RuleIdentifiers.EvaluatedOnTrainingData, 1, RuleKind.Analyzer,
                "Evaluate a model on data it was not fitted on",
                "The model is evaluated on the same data it was fitted on: the metrics measure memory, not generalization; evaluate on a held-out test set",
                "Metrics computed on the training data overstate how the model does on new data, so a metric gate passes models that overfit. Split the data (TrainTestSplit) or load a separate test set and evaluate on that."),
            new RuleInfo(
                RuleIdentifiers.FitBeforeSplit, 1, RuleKind.Analyzer,
                "Fit data-dependent transforms after the train/test split",
                "'{0}' splits data transformed by a transform fitted on all of it: statistics of the test rows leak into training; split first, then fit the pipeline on the training set",
                "Normalizers, vocabularies, imputers and other data-dependent transforms learn from the rows they are fitted on. Fitted before the split, they have seen the test rows, and the test metrics are optimistic. Split the raw data and fit the whole pipeline on the training set."),
            new RuleInfo(
                RuleIdentifiers.ArtifactChanged, 1, RuleKind.Build,
                "Declared artifact differs from the lock file",
                "{0}",
                "The SHA-256 hash or size of a declared MlData or MlModel artifact differs from mlops.lock.json (or from the .dvc file or dvc.lock that tracks it), or the lock file cannot be read. In locked mode the lock is never rewritten and a difference fails the build, so a commit always means the same bytes."),
            new RuleInfo(
                RuleIdentifiers.ArtifactMissingOrOutside, 1, RuleKind.Build,
                "Declared artifact is missing or outside the repository",
                "{0}",
                "A declared MlData or MlModel path does not exist on disk, matches no file, or leaves the repository root (through '..', an absolute path or a symbolic link). Such an artifact cannot be versioned with the repository and never enters the lock file."),
            new RuleInfo(
                RuleIdentifiers.UnseededMLContext, 1, RuleKind.Analyzer,
                "Create MLContext with a seed",
                "'new MLContext()' has no seed: every run shuffles, splits and initializes differently; pass 'seed:'",
                "An MLContext without a seed draws its randomness from the clock, so training, splits and shuffles differ on every run and a model cannot be reproduced from its commit."),
            new RuleInfo(
                RuleIdentifiers.UnseededSplit, 1, RuleKind.Analyzer,
                "Seed random splits, shuffles and cross-validation",
                "'{0}' has no seed and its MLContext is not seeded: the rows it picks change on every run; pass 'seed:'",
                "TrainTestSplit, CrossValidationSplit, ShuffleRows and CrossValidate draw rows at random. Without a seed of their own, on an MLContext created without one, every run trains and evaluates on different rows, so metrics cannot be compared between commits."),
            new RuleInfo(
                RuleIdentifiers.UnseededRandomness, 1, RuleKind.Analyzer,
                "Seed the randomness of training code",
                "{0}",
                "Randomness in training code that is not seeded (System.Random without a seed in a method that trains, TorchSharp training without torch.manual_seed) makes every run produce a different model."),
            new RuleInfo(
                RuleIdentifiers.MonolithicMlMethod, 1, RuleKind.Analyzer,
                "Split a monolithic ML method into stages",
                "{0} does {1} ML stages itself ({2}): move each stage into a method of its own",
                "A method that loads data, builds the pipeline, fits, evaluates, saves and predicts all by itself cannot be tested, rerun or cached stage by stage. Each stage belongs in a method of its own that an orchestrating method calls."),
            new RuleInfo(
                RuleIdentifiers.TrainingInEntryPoint, 1, RuleKind.Analyzer,
                "Do not train in the entry point",
                "'Fit' is called directly in {0}: move training into a method or class of its own",
                "Training written straight into Main or top-level statements can only run as the whole program: it cannot be unit-tested, called from a pipeline stage, or reused with other data."),
            new RuleInfo(
                RuleIdentifiers.InlinedHyperparameter, 2, RuleKind.Analyzer,
                "Pass hyperparameters from recorded options",
                "Hyperparameter '{0}' is inlined as {1}: take it from an options or parameters object that is recorded with the model",
                "A hyperparameter written as a literal in the trainer call is recorded nowhere but in the code. At Level 2 hyperparameters come from an options or parameters object (for example loaded from the ParamsFile) so every model can be traced to the values that made it."),
            new RuleInfo(
                RuleIdentifiers.MissingZeroGrad, 1, RuleKind.Analyzer,
                "Clear gradients in every training step",
                "'backward()' runs in a loop that never calls 'zero_grad()': gradients accumulate across steps; call '{0}.zero_grad()' at the start of the loop",
                "TorchSharp adds each backward() to the gradients already stored. A training loop that steps the optimizer without zero_grad() trains on the sum of all previous gradients, which silently ruins the model."),
            new RuleInfo(
                RuleIdentifiers.MissingEvalMode, 1, RuleKind.Analyzer,
                "Switch a module to eval() before evaluation or inference",
                "'{0}' is used for evaluation or inference without '{0}.eval()': dropout and batch normalization still behave as in training",
                "A TorchSharp module stays in training mode until eval() is called: dropout keeps dropping units and batch normalization keeps updating its statistics, so evaluation metrics and predictions are wrong and vary from run to run."),
            new RuleInfo(
                RuleIdentifiers.InvalidStageGraph, null, RuleKind.Build,
                "Pipeline stages are invalid",
                "{0}",
                "The MlStage items cannot form a pipeline: a stage without a name, command or outs, an absolute path, a Params value that is not 'file.json:key1,key2', a parameter the file does not have, two stages writing the same out, a stage reading its own out, or a cycle between stages. The build stops before any stage runs, because no order of the stages would be right."),
            new RuleInfo(
                RuleIdentifiers.StageFailed, null, RuleKind.Build,
                "Pipeline stage failed",
                "{0}",
                "An MlStage command exited with a non-zero code, did not write an out it declares, or could not start because a dep is missing. The stage is not recorded in the lock, the stages after it do not run, and the build fails with the command's exit code and last lines."),
            new RuleInfo(
                RuleIdentifiers.UndeclaredModelPath, 1, RuleKind.Analyzer,
                "Declare the model files the code saves",
                "A model is saved to '{0}' but no MlModel item declares it: add <MlModel Include=\"{0}\" Name=\"...\" /> so it is locked, validated and packaged",
                "A model file that training code writes but the project does not declare as an MlModel item is not hashed into the lock file, not validated, not gated on its metrics and not packaged with a manifest: it leaves the build unversioned."),
            new RuleInfo(
                RuleIdentifiers.ModelSavedWithoutSchema, 1, RuleKind.Analyzer,
                "Save a model with its input schema",
                "The model is saved without its input schema: pass the schema of the data it was fitted on (for example 'trainData.Schema')",
                "ML.NET's Model.Save takes the input schema the model expects. Saved with null, the model file no longer records which columns and types it needs: serving code cannot check its input, validation cannot compare the declared schema (MLG4006), and the model manifest has no inputs."),
            new RuleInfo(
                RuleIdentifiers.InvalidModel, 1, RuleKind.Build,
                "Model file fails validation",
                "{0}",
                "A declared model must be a sound file of its format before it ships: a readable ONNX ModelProto with graph inputs and outputs, an ML.NET model zip with its model entries, or a TorchSharp state file. Corrupt, truncated or mislabelled files, and zip archives that break the size, ratio or path limits, fail validation."),
            new RuleInfo(
                RuleIdentifiers.MetricGateFailed, 1, RuleKind.Build,
                "Model metric gate not met",
                "{0}",
                "An MlMetricGate sets the quality bar a model must meet (Min and/or Max of a metric in the model's MetricsFile). A model below its bar, or whose metric cannot be found or read, must not be released."),
            new RuleInfo(
                RuleIdentifiers.IncompleteManifest, 2, RuleKind.Build,
                "Model packed without metrics, parameters or training data",
                "{0}",
                "A model package is a release a registry can answer questions about: which data, which parameters, how good. A manifest without its metrics, its training parameters or its locked training data cannot say how the model was made or whether the next one is better, so it is not a Level 2 release."),
            new RuleInfo(
                RuleIdentifiers.SchemaMismatch, 1, RuleKind.Build,
                "Declared model schema contradicts the model",
                "{0}",
                "The Inputs and Outputs an MlModel declares are what serving code is written against. When the model's real inputs or outputs are missing, extra, or of another type or shape, the application fails at run time; validation catches it at build time."),
            new RuleInfo(
                RuleIdentifiers.NoCiPipeline, 2, RuleKind.Build,
                "Repository has no CI pipeline that builds it",
                "{0}",
                "No GitHub Actions workflow, Azure Pipelines or GitLab CI file in the repository runs a .NET build. Nothing rebuilds, retests and repackages the model's code on every change, so the repository cannot be above Level 1 for CI."),
            new RuleInfo(
                RuleIdentifiers.CiWithoutTestOrCiMode, 2, RuleKind.Build,
                "CI pipeline does not test or does not build in CI mode",
                "{0}",
                "The repository's CI pipelines build but none runs 'dotnet test', or none builds in CI mode (ContinuousIntegrationBuild=true or MlopsEnforce=true). Without tests a broken model reaches a release; without CI mode MlopsGuard rules stay warnings and the lock file is not checked in locked mode."),
            new RuleInfo(
                RuleIdentifiers.DependenciesNotLocked, 2, RuleKind.Build,
                "NuGet dependencies are not locked",
                "{0}",
                "The project neither sets RestorePackagesWithLockFile nor has a packages.lock.json. The ML libraries (ML.NET, ONNX Runtime, TorchSharp and their native runtimes) restored in CI may then differ from those the model was trained and tested with."),
            new RuleInfo(
                RuleIdentifiers.BelowDeclaredLevel, null, RuleKind.Build,
                "Repository is below the declared MLOps level",
                "{0}",
                "The maturity assessment (MlopsReport) puts the repository below the level the project declares in MlopsLevel; the message names the parameters that fall short and maturity.md says what each one is missing. An error when MlopsEnforce is on (CI), so a repository cannot silently fall below its commitment."),
            new RuleInfo(
                RuleIdentifiers.InvalidConfiguration, null, RuleKind.Build,
                "MlopsGuard property has an invalid value",
                "{0}",
                "An MlopsGuard MSBuild property or item has a value MlopsGuard cannot use, such as an MlopsLevel other than 0, 1 or 2. The build stops rather than guess."),
            new RuleInfo(
                RuleIdentifiers.SharedPredictionEngine, 1, RuleKind.Analyzer,
                "Do not share a PredictionEngine across threads",
                "PredictionEngine is not thread-safe, but {0}: use PredictionEnginePool or one engine per thread",
                "A PredictionEngine keeps mutable buffers for one prediction at a time. Kept in a static field or a singleton, or used from parallel work, it is called from several threads at once and returns corrupted or mixed-up predictions without any error."),
            new RuleInfo(
                RuleIdentifiers.ModelLoadedPerRequest, 1, RuleKind.Analyzer,
                "Load a model once, not per request",
                "'{0}' runs {1}: load the model once at startup and reuse it",
                "Loading a model reads and deserializes the whole file and builds its pipeline or native session. Done inside a request handler or a loop, it costs that time and memory on every call, and a changed file silently changes the model between requests."),
            new RuleInfo(
                RuleIdentifiers.UndisposedMlResource, 1, RuleKind.Analyzer,
                "Dispose ML resources",
                "{0} is never disposed: {1}",
                "ONNX Runtime sessions, OrtValues and run results, and TorchSharp tensors hold native memory that the garbage collector does not see. Not disposed, they leak until the process runs out of memory under load."),
            new RuleInfo(
                RuleIdentifiers.ModelPathRelativeToWorkingDirectory, 1, RuleKind.Analyzer,
                "Base model paths on the application directory",
                "The model path '{0}' is relative to the working directory: base it on AppContext.BaseDirectory or the content root",
                "A relative path is resolved against the process's current directory, which differs between 'dotnet run', a service manager, a container and a test runner. The same build then loads a different model, or none, depending on where it was started."),
            new RuleInfo(
                RuleIdentifiers.ServingWithoutFallback, 2, RuleKind.Analyzer,
                "Serve with a fallback model",
                "'{0}' loads the model that serves predictions with no fallback: catch the failure and keep the previous or a default model",
                "A deployment that replaces a model file must not take the service down when the new file is missing or corrupt. Serving code that loads a model should catch the failure and keep serving the previous model or a known-good default."),
            new RuleInfo(
                RuleIdentifiers.MlProjectWithoutTests, 1, RuleKind.Build,
                "ML project has no test project",
                "{0}",
                "A project that references ML.NET, ONNX Runtime or TorchSharp is not referenced by any test project (xunit, NUnit, MSTest or Microsoft.NET.Test.Sdk) in the repository, so no automated test exercises its training or inference code."),
            new RuleInfo(
                RuleIdentifiers.NoModelQualityTest, 2, RuleKind.Analyzer,
                "Test the model's quality, not only that it runs",
                "Test class '{0}' exercises a model but none of its tests evaluates it and asserts on a metric",
                "Tests that only check that a model loads or predicts let a retrained model that is much worse pass CI. A model-quality test evaluates the model on held-out data and asserts on a metric, so a regression fails the build."),
            new RuleInfo(
                RuleIdentifiers.InferenceWithoutTelemetry, 1, RuleKind.Analyzer,
                "Record telemetry where inference runs",
                "'{0}' serves predictions in {1}, which records no telemetry: log, count or trace them with an ILogger, a Meter or an ActivitySource",
                "A model in production degrades silently as data drifts. Without logs, metrics or traces at the inference site nobody sees latency, error rate, input drift or prediction distribution change until users complain."),
        };

        private static readonly Dictionary<string, RuleInfo> ById = Index();

        public static RuleInfo Get(string id) =>
            ById.TryGetValue(id, out var rule) ? rule : throw new ArgumentException($"'{id}' is not in the MlopsGuard rule catalog.", nameof(id));

        private static Dictionary<string, RuleInfo> Index()
        {
            var index = new Dictionary<string, RuleInfo>(StringComparer.Ordinal);
            foreach (var rule in All)
            {
                index.Add(rule.Id, rule);
            }

            return index;
        }
    }
}
