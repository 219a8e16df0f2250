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
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class MonolithicMlMethodAnalyzer : MlopsAnalyzer
    {
        internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(RuleIdentifiers.MonolithicMlMethod);

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

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        private protected override void OnCompilationStart(CompilationStartAnalysisContext context, MlTypes types)
        {
            if (types.MLContext is null || types.IEstimator is null)
            {
                return;
            }

            var compilation = context.Compilation;
            var maxStagesByTree = new ConcurrentDictionary<SyntaxTree, int>();

            context.RegisterOperationBlockStartAction(blockContext =>
            {
                if (blockContext.OwningSymbol is not IMethodSymbol method)
                {
                    return;
                }

                var stages = new StageSet();
                blockContext.RegisterOperationAction(
                    operationContext =>
                    {
                        var invocation = (IInvocationOperation)operationContext.Operation;
                        if (IsInLocalFunction(invocation))
                        {
                            return;
                        }

                        var stage = MlNetCalls.StageOf(invocation, compilation, types);
                        if (stage != MlStages.None)
                        {
                            stages.Add(stage, invocation.Syntax.GetLocation());
                        }
                    },
                    OperationKind.Invocation);

                blockContext.RegisterOperationBlockEndAction(endContext =>
                {
                    var (found, firstCall) = stages.Snapshot();
                    if (firstCall is null)
                    {
                        return;
                    }

                    var maxStages = maxStagesByTree.GetOrAdd(firstCall.SourceTree!, tree => ReadMaxStages(endContext.Options, tree));
                    var names = StageNames.Where(s => (found & s.Stage) != 0).Select(s => s.Name).ToList();
                    if (names.Count <= maxStages)
                    {
                        return;
                    }

                    // Top-level statements have no name to point at: the first ML call stands for them.
                    var isTopLevel = method.Name == WellKnownMemberNames.TopLevelStatementsEntryPointMethodName;
                    var location = isTopLevel || method.Locations.IsEmpty || !method.Locations[0].IsInSource ? firstCall : method.Locations[0];
                    var displayName = isTopLevel ? "The top-level code" : "'" + (method.MethodKind == MethodKind.Constructor ? method.ContainingType.Name : method.Name) + "'";
                    endContext.ReportDiagnostic(Diagnostic.Create(
                        Rule, location, displayName, names.Count.ToString(CultureInfo.InvariantCulture), string.Join(", ", names)));
                });
            });
        }

        private static int ReadMaxStages(AnalyzerOptions options, SyntaxTree tree) =>
            options.AnalyzerConfigOptionsProvider.GetOptions(tree).TryGetValue(MaxStagesOption, out var text)
            && int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            && value >= 1
                ? value
                : DefaultMaxStages;

        /// <summary>A local function is a helper of its own: its calls are not the enclosing method's stages.</summary>
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

        /// <summary>The stages seen in one method body, and the first ML call (operation callbacks of one block may run concurrently).</summary>
        private sealed class StageSet
        {
            private readonly object _gate = new object();
            private MlStages _stages;
            private Location? _first;

            public void Add(MlStages stage, Location location)
            {
                lock (_gate)
                {
                    _stages |= stage;
                    if (_first is null || location.SourceSpan.Start < _first.SourceSpan.Start)
                    {
                        _first = location;
                    }
                }
            }

            public (MlStages Stages, Location? First) Snapshot()
            {
                lock (_gate)
                {
                    return (_stages, _first);
                }
            }
        }
    }
}
