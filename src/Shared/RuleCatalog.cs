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
                RuleIdentifiers.InvalidConfiguration, null, RuleKind.Build,
                "MlopsGuard property has an invalid value",
                "{0}",
                "An MlopsGuard MSBuild property or item has a value MlopsGuard cannot use, such as an MlopsLevel other than 0, 1 or 2. The build stops rather than guess."),
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
