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

        /// <summary>The severity of a rule at this project's level: required rules warn (error when enforced), others are messages.</summary>
        protected RuleSeverity SeverityOf(string ruleId)
        {
            var rule = RuleCatalog.Get(ruleId);
            if (rule.RequiredLevel is not int required)
            {
                return MlopsEnforce ? RuleSeverity.Error : RuleSeverity.Warning;
            }

            if (MlopsLevel == 0 || required > MlopsLevel)
            {
                return RuleSeverity.Suggestion;
            }

            return MlopsEnforce ? RuleSeverity.Error : RuleSeverity.Warning;
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
