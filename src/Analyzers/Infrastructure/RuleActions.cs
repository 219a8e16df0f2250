using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MlopsGuard.Analyzers.Infrastructure
{
    /// <summary>
    /// The actions all rules registered for one compilation, registered with the compiler once per operation kind, symbol kind
    /// and block: the compiler then calls MlopsGuard once per operation, and each rule that asked for its kind runs in turn.
    /// </summary>
    /// <remarks>
    /// The compiler's driver pays a fixed cost for every callback it makes (timing, the generated-code flag, the per-tree
    /// suppression lookup): about 1 ms per 1,000 files for each action registered on invocations. With each rule an analyzer of
    /// its own, it was paid once per rule; here once per kind (see bench/README.md). Generated code is skipped with the
    /// <c>IsGeneratedCode</c> flag the driver has already worked out, which is much cheaper than its own filter: before it accepts
    /// a diagnostic, that filter walks every token of the file for <c>[GeneratedCode]</c> symbols.
    /// </remarks>
    internal sealed class RuleActions
    {
        private readonly ImmutableArray<MlopsRule> _rules;
        private readonly Dictionary<OperationKind, List<RuleAction<OperationAnalysisContext>>> _operations = new Dictionary<OperationKind, List<RuleAction<OperationAnalysisContext>>>();
        private readonly Dictionary<SymbolKind, List<RuleAction<SymbolAnalysisContext>>> _symbols = new Dictionary<SymbolKind, List<RuleAction<SymbolAnalysisContext>>>();
        private readonly Dictionary<SymbolKind, List<RuleAction<SymbolStartAnalysisContext>>> _symbolStarts = new Dictionary<SymbolKind, List<RuleAction<SymbolStartAnalysisContext>>>();
        private readonly List<RuleAction<OperationBlockAnalysisContext>> _blocks = new List<RuleAction<OperationBlockAnalysisContext>>();

        public RuleActions(ImmutableArray<MlopsRule> rules)
        {
            _rules = rules;
        }

        public void AddOperationAction(int rule, Action<OperationAnalysisContext> action, OperationKind[] kinds)
        {
            foreach (var kind in kinds)
            {
                Add(_operations, kind, new RuleAction<OperationAnalysisContext>(rule, action));
            }
        }

        public void AddSymbolAction(int rule, Action<SymbolAnalysisContext> action, SymbolKind[] kinds)
        {
            foreach (var kind in kinds)
            {
                Add(_symbols, kind, new RuleAction<SymbolAnalysisContext>(rule, action));
            }
        }

        public void AddSymbolStartAction(int rule, Action<SymbolStartAnalysisContext> action, SymbolKind kind) =>
            Add(_symbolStarts, kind, new RuleAction<SymbolStartAnalysisContext>(rule, action));

        public void AddOperationBlockAction(int rule, Action<OperationBlockAnalysisContext> action) =>
            _blocks.Add(new RuleAction<OperationBlockAnalysisContext>(rule, action));

        /// <summary>Registers one compiler action per kind; operation and block actions run only the rules switched on in their file.</summary>
        public void RegisterOn(CompilationStartAnalysisContext context, RuleSwitches switches)
        {
            foreach (var entry in _operations)
            {
                var actions = entry.Value.ToArray();
                context.RegisterOperationAction(
                    c =>
                    {
                        if (!c.IsGeneratedCode)
                        {
                            Run(actions, c, switches.In(c.Operation.Syntax.SyntaxTree));
                        }
                    },
                    entry.Key);
            }

            if (_blocks.Count > 0)
            {
                var actions = _blocks.ToArray();
                context.RegisterOperationBlockAction(c =>
                {
                    if (!c.IsGeneratedCode)
                    {
                        Run(actions, c, c.OperationBlocks.IsEmpty ? switches.Anywhere : switches.In(c.OperationBlocks[0].Syntax.SyntaxTree));
                    }
                });
            }

            // A symbol may be declared in several files: its actions run for every rule switched on anywhere.
            foreach (var entry in _symbols)
            {
                var actions = entry.Value.ToArray();
                context.RegisterSymbolAction(
                    c =>
                    {
                        if (!c.IsGeneratedCode)
                        {
                            Run(actions, c, switches.Anywhere);
                        }
                    },
                    entry.Key);
            }

            foreach (var entry in _symbolStarts)
            {
                var actions = entry.Value.ToArray();
                context.RegisterSymbolStartAction(
                    c =>
                    {
                        if (!c.IsGeneratedCode)
                        {
                            Run(actions, c, switches.Anywhere);
                        }
                    },
                    entry.Key);
            }
        }

        /// <summary>
        /// Runs each switched-on rule's action. A rule that throws does not keep the others from running; its exception is thrown
        /// afterwards, naming the rule, and the compiler reports it as AD0001.
        /// </summary>
        private void Run<TContext>(RuleAction<TContext>[] actions, TContext context, ulong switchedOn)
        {
            Exception? failure = null;
            var failedRule = -1;
            foreach (var action in actions)
            {
                if ((switchedOn & (1UL << action.Rule)) == 0)
                {
                    continue;
                }

                try
                {
                    action.Run(context);
                }
                catch (Exception exception) when (!(exception is OperationCanceledException))
                {
                    if (failure is null)
                    {
                        failure = exception;
                        failedRule = action.Rule;
                    }
                }
            }

            if (failure is not null)
            {
                throw Failed(_rules[failedRule], failure);
            }
        }

        /// <summary>The exception to rethrow for a rule that failed: its message names the rule, so AD0001 says which one.</summary>
        internal static Exception Failed(MlopsRule rule, Exception exception) =>
            new InvalidOperationException(
                string.Format(CultureInfo.InvariantCulture, "MlopsGuard rule {0} ({1}) threw {2}: {3}", string.Join(", ", rule.SupportedDiagnostics.Select(d => d.Id)), rule, exception.GetType().Name, exception.Message),
                exception);

        private static void Add<TKind, TContext>(Dictionary<TKind, List<RuleAction<TContext>>> map, TKind kind, RuleAction<TContext> action)
        {
            if (!map.TryGetValue(kind, out var list))
            {
                list = new List<RuleAction<TContext>>();
                map.Add(kind, list);
            }

            list.Add(action);
        }

        private readonly struct RuleAction<TContext>
        {
            public RuleAction(int rule, Action<TContext> run)
            {
                Rule = rule;
                Run = run;
            }

            /// <summary>The rule's index in the analyzer's list, which is also its bit in <see cref="RuleSwitches"/>.</summary>
            public int Rule { get; }

            public Action<TContext> Run { get; }
        }
    }
}
