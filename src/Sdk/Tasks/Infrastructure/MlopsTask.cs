using System;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace MlopsGuard.Tasks.Infrastructure
{
    /// <summary>
    /// Base of the MlopsGuard tasks: reports catalog rules with their code, help link and the severity the level switch gives
    /// them, and turns an unexpected exception into a diagnostic instead of a crash of the build.
    /// </summary>
    public abstract class MlopsTask : Task
    {
        /// <summary>The level the project commits to (0, 1 or 2).</summary>
        public int MlopsLevel { get; set; } = 1;

        /// <summary>Required rules are errors.</summary>
        public bool MlopsEnforce { get; set; }

        /// <summary>
        /// The parameters' own levels, as the targets pass them: <c>MlopsLevelData=2;MlopsLevelCI=;…</c>. An empty or missing entry
        /// follows <see cref="MlopsLevel"/> (MSBuild has already stopped the build on an invalid one, MLG5005).
        /// </summary>
        public string? MlopsParameterLevels { get; set; }

        public sealed override bool Execute()
        {
            try
            {
                Run();
            }
            catch (OperationCanceledException)
            {
                Log.LogWarning("MlopsGuard: {0} was cancelled.", GetType().Name);
                return false;
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                // A bug of ours must read as one, with enough to report it, not as a stack trace from MSBuild.
                Log.LogError("MlopsGuard task {0} failed unexpectedly; please report this with the build log: {1}", GetType().Name, ex.ToString());
            }

            return !Log.HasLoggedErrors;
        }

        /// <summary>The task's work. Report problems with <see cref="Report"/>; return normally.</summary>
        protected abstract void Run();

        /// <summary>
        /// The severity of a rule at the level of its parameter (<see cref="LevelOf"/>): required rules warn (error when enforced),
        /// others are messages (RuleLevels, shared with the analyzers).
        /// </summary>
        protected RuleSeverity SeverityOf(string ruleId)
        {
            var rule = RuleCatalog.Get(ruleId);
            switch (RuleLevels.SeverityOf(rule.RequiredLevel, LevelOf(rule.Parameter), MlopsEnforce))
            {
                case LevelSeverity.Suggestion:
                    return RuleSeverity.Suggestion;
                case LevelSeverity.Error:
                    return RuleSeverity.Error;
                default:
                    return RuleSeverity.Warning;
            }
        }

        /// <summary>The level of the rules of <paramref name="parameter"/> (1–8): its own <c>MlopsLevel&lt;Parameter&gt;</c>, else <see cref="MlopsLevel"/>.</summary>
        protected int LevelOf(int parameter)
        {
            var wanted = RuleLevels.LevelPropertyOf(parameter);
            foreach (var entry in (MlopsParameterLevels ?? string.Empty).Split(';'))
            {
                var equals = entry.IndexOf('=');
                if (equals > 0
                    && string.Equals(entry.Substring(0, equals).Trim(), wanted, StringComparison.OrdinalIgnoreCase)
                    && RuleLevels.TryParseLevel(entry.Substring(equals + 1), out var level))
                {
                    return level;
                }
            }

            return MlopsLevel;
        }

        /// <summary>Reports a catalog rule at its level's severity, or at <paramref name="severity"/> when given.</summary>
        protected void Report(string ruleId, string? file, string message, RuleSeverity? severity = null)
        {
            var rule = RuleCatalog.Get(ruleId);
            switch (severity ?? SeverityOf(ruleId))
            {
                case RuleSeverity.Error:
                    Log.LogError(null, rule.Id, null, rule.HelpLink, file, 0, 0, 0, 0, message);
                    break;
                case RuleSeverity.Warning:
                    Log.LogWarning(null, rule.Id, null, rule.HelpLink, file, 0, 0, 0, 0, message);
                    break;
                default:
                    Log.LogMessage(MessageImportance.Normal, "{0}: {1}: {2} ({3})", file ?? "MlopsGuard", rule.Id, message, rule.HelpLink);
                    break;
            }
        }
    }

    public enum RuleSeverity
    {
        Suggestion,
        Warning,
        Error,
    }
}
