using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using MlopsGuard.Analyzers.Infrastructure;

namespace MlopsGuard.Analyzers.Rules
{
    /// <summary>
    /// MLG3101: one method that itself performs more ML stages (load data, build the pipeline, fit, evaluate, save,
    /// predict) than <c>mlopsguard.max_stages_per_method</c> allows. Only direct ML.NET calls count: a method that
    /// orchestrates the user's own stage methods is modular.
    /// </summary>
    public sealed class MonolithicMlMethodRule : MlopsRule
    {
        internal static readonly DiagnosticDescriptor Descriptor = RuleDescriptors.Create(RuleIdentifiers.MonolithicMlMethod);

        /// <summary>The .editorconfig key that sets how many stages one method may do.</summary>
        internal const string MaxStagesOption = "mlopsguard.max_stages_per_method";

        /// <summary>Two stages (say, load and fit) are a unit; the third makes a script.</summary>
        internal const int DefaultMaxStages = 2;

        private static readonly (MlStages Stage, string Name)[] StageNames =
        {
            (MlStages.LoadData, "load data"),
            (MlStages.BuildPipeline, "build pipeline"),
            (MlStages.Fit, "fit"),
            (MlStages.Evaluate, "evaluate"),
            (MlStages.Save, "save"),
            (MlStages.Predict, "predict"),
        };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        internal override void OnCompilationStart(MlopsCompilationStart context, MlTypes types)
        {
            var diagnostics = context.DiagnosticFor(Descriptor);
            if (types.MLContext is null || types.IEstimator is null)
            {
                return;
            }

            var compilation = context.Compilation;
            var maxStagesByTree = new ConcurrentDictionary<SyntaxTree, int>();

            // One action per method: its calls (listed once for all rules by LocalValues) are classified in one pass,
            // which costs less than an action on every call that would look the method's summary up.
            context.RegisterOperationBlockAction(
                blockContext =>
                {
                    if (blockContext.OwningSymbol is not IMethodSymbol method)
                    {
                        return;
                    }

                    foreach (var block in blockContext.OperationBlocks)
                    {
                        // One stage is within any limit (the least allowed is one): most methods stop here.
                        var summary = StageSummary.Of(block, compilation, types);
                        var count = CountStages(summary.Stages);
                        if (count <= 1 || summary.FirstCall is not IInvocationOperation first)
                        {
                            continue;
                        }

                        var maxStages = maxStagesByTree.GetOrAdd(first.Syntax.SyntaxTree, tree => ReadMaxStages(blockContext.Options, tree));
                        if (count <= maxStages)
                        {
                            continue;
                        }

                        var firstCall = first.Syntax.GetLocation();
                        var names = StageNames.Where(s => (summary.Stages & s.Stage) != 0).Select(s => s.Name);

                        // Top-level statements have no name to point at: the first ML call stands for them.
                        var isTopLevel = method.Name == WellKnownMemberNames.TopLevelStatementsEntryPointMethodName;
                        var location = isTopLevel || method.Locations.IsEmpty || !method.Locations[0].IsInSource ? firstCall : method.Locations[0];
                        var displayName = isTopLevel ? "The top-level code" : "'" + (method.MethodKind == MethodKind.Constructor ? method.ContainingType.Name : method.Name) + "'";
                        blockContext.ReportDiagnostic(diagnostics.Create(
                            location, displayName, count.ToString(CultureInfo.InvariantCulture), string.Join(", ", names)));
                    }
                });
        }

        /// <summary>How many stage flags are set (most methods: none or one).</summary>
        private static int CountStages(MlStages stages)
        {
            var count = 0;
            for (var bits = (int)stages; bits != 0; bits &= bits - 1)
            {
                count++;
            }

            return count;
        }

        private static int ReadMaxStages(AnalyzerOptions options, SyntaxTree tree) =>
            options.AnalyzerConfigOptionsProvider.GetOptions(tree).TryGetValue(MaxStagesOption, out var text)
            && int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            && value >= 1
                ? value
                : DefaultMaxStages;

        /// <summary>The stages one method body performs itself, and its first ML call (in source order).</summary>
        private sealed class StageSummary
        {
            private StageSummary(MlStages stages, IInvocationOperation? firstCall)
            {
                Stages = stages;
                FirstCall = firstCall;
            }

            public MlStages Stages { get; }

            public IInvocationOperation? FirstCall { get; }

            public static StageSummary Of(IOperation root, Compilation compilation, MlTypes types)
            {
                var stages = MlStages.None;
                IInvocationOperation? first = null;
                foreach (var invocation in LocalValues.For(root).Calls)
                {
                    var stage = MlNetCalls.StageOf(invocation, compilation, types);

                    // A local function is a helper of its own: nothing in it counts.
                    if (stage != MlStages.None && !IsInLocalFunction(invocation))
                    {
                        stages |= stage;
                        if (first is null || invocation.Syntax.SpanStart < first.Syntax.SpanStart)
                        {
                            first = invocation;
                        }
                    }
                }

                return new StageSummary(stages, first);
            }

            private static bool IsInLocalFunction(IOperation operation)
            {
                for (var current = operation.Parent; current is not null; current = current.Parent)
                {
                    if (current is ILocalFunctionOperation)
                    {
                        return true;
                    }
                }

                return false;
            }
        }
    }
}
