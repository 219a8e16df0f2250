using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using MlopsGuard.Analyzers.Infrastructure;
using MlopsGuard.Analyzers.Rules;

namespace MlopsGuard.Analyzers
{
    /// <summary>
    /// The one analyzer MlopsGuard ships: it runs every rule of <c>src/Analyzers/Rules</c>, only in compilations that reference
    /// ML.NET, ONNX Runtime or TorchSharp, and never on generated code.
    /// </summary>
    /// <remarks>
    /// One analyzer instead of one per rule, so the compiler makes one callback per operation, not one per rule (see
    /// <see cref="RuleActions"/>). Rules switched off by <c>&lt;NoWarn&gt;</c> or an .editorconfig are not run (<see cref="RuleSwitches"/>).
    /// Each diagnostic is reported with the severity the level switch gives its rule (<see cref="LevelSeverities"/>).
    /// </remarks>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class MlopsGuardAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>A rule's switch is one bit of a <see cref="ulong"/>.</summary>
        internal const int MaxRules = 64;

        public MlopsGuardAnalyzer()
            : this(AllRules())
        {
        }

        /// <summary>An analyzer of some rules only: the tests and the per-rule benchmark run each rule on its own.</summary>
        internal MlopsGuardAnalyzer(params MlopsRule[] rules)
        {
            if (rules.Length > MaxRules)
            {
                throw new ArgumentException($"at most {MaxRules} rules fit in one analyzer", nameof(rules));
            }

            Rules = rules.ToImmutableArray();
            SupportedDiagnostics = Rules.SelectMany(r => r.SupportedDiagnostics).Distinct().ToImmutableArray();
        }

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

        internal ImmutableArray<MlopsRule> Rules { get; }

        /// <summary>Every rule, in the order of their IDs.</summary>
        internal static MlopsRule[] AllRules() => new MlopsRule[]
        {
            new SecretInDataAccessRule(),
            new UndeclaredDataPathRule(),
            new MachineSpecificPathRule(),
            new DownloadWithoutIntegrityCheckRule(),
            new LabelInFeaturesRule(),
            new EvaluatedOnTrainingDataRule(),
            new FitBeforeSplitRule(),
            new UnseededMLContextRule(),
            new UnseededSplitRule(),
            new UnseededRandomnessRule(),
            new MonolithicMlMethodRule(),
            new TrainingInEntryPointRule(),
            new InlinedHyperparameterRule(),
            new MissingZeroGradRule(),
            new MissingEvalModeRule(),
            new UndeclaredModelPathRule(),
            new ModelSavedWithoutSchemaRule(),
            new SharedPredictionEngineRule(),
            new ModelLoadedPerRequestRule(),
            new UndisposedMlResourceRule(),
            new ModelPathRelativeToWorkingDirectoryRule(),
            new ServingWithoutFallbackRule(),
            new NoModelQualityTestRule(),
            new InferenceWithoutTelemetryRule(),
        };

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            // Generated code is skipped by RuleActions, which is much cheaper than the driver's filter (see there).
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(Start);
        }

        private void Start(CompilationStartAnalysisContext start)
        {
            var types = MlTypes.For(start.Compilation);
            if (!types.ReferencesMlLibrary)
            {
                return;
            }

            var switches = RuleSwitches.For(start.Compilation, start.Options, Rules, start.CancellationToken);
            var severities = LevelSeverities.For(start.Compilation, start.Options);
            var actions = new RuleActions(Rules);
            List<Exception>? failures = null;
            for (var i = 0; i < Rules.Length; i++)
            {
                if (!switches.IsOnAnywhere(i))
                {
                    continue;
                }

                try
                {
                    Rules[i].OnCompilationStart(new MlopsCompilationStart(start, actions, severities, i), types);
                }
                catch (Exception exception) when (!(exception is OperationCanceledException))
                {
                    (failures ??= new List<Exception>()).Add(RuleActions.Failed(Rules[i], exception));
                }
            }

            // The rules that started run even when another failed to start.
            actions.RegisterOn(start, switches);
            if (failures is not null)
            {
                throw failures.Count == 1 ? failures[0] : new AggregateException(failures);
            }
        }
    }
}
