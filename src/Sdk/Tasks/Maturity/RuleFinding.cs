namespace MlopsGuard.Tasks.Maturity
{
    /// <summary>A build diagnostic of the assessment (MLG1002, MLG5001–MLG5004, MLG7001) with its file relative to the repository root.</summary>
    internal sealed class RuleFinding
    {
        public RuleFinding(string ruleId, string? file, string message)
        {
            RuleId = ruleId;
            File = file;
            Message = message;
        }

        public string RuleId { get; }

        /// <summary>Relative to the repository root, with '/', or null when the finding is about the repository as a whole.</summary>
        public string? File { get; }

        public string Message { get; }
    }
}
