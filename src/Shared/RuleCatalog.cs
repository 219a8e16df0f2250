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
                RuleIdentifiers.UnseededMLContext, 1, RuleKind.Analyzer,
                "Create MLContext with a seed",
                "'new MLContext()' has no seed: every run shuffles, splits and initializes differently; pass 'seed:'",
                "An MLContext without a seed draws its randomness from the clock, so training, splits and shuffles differ on every run and a model cannot be reproduced from its commit."),
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
                RuleIdentifiers.NoModelQualityTest, 2, RuleKind.Analyzer,
                "Test the model's quality, not only that it runs",
                "Test class '{0}' exercises a model but none of its tests evaluates it and asserts on a metric",
                "Tests that only check that a model loads or predicts let a retrained model that is much worse pass CI. A model-quality test evaluates the model on held-out data and asserts on a metric, so a regression fails the build."),
            new RuleInfo(
                RuleIdentifiers.InferenceWithoutTelemetry, 1, RuleKind.Analyzer,
                "Record telemetry where inference runs",
                "'{0}' runs inference in '{1}', which records no telemetry: log, count or trace predictions",
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
