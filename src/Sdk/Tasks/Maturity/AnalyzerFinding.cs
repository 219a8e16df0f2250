namespace MlopsGuard.Tasks.Maturity
{
    /// <summary>One MlopsGuard diagnostic the compiler reported in this build, as read back from its SARIF error log.</summary>
    internal sealed class AnalyzerFinding
    {
        public AnalyzerFinding(string ruleId, int requiredLevel, string? file, string message)
        {
            RuleId = ruleId;
            RequiredLevel = requiredLevel;
            File = file;
            Message = message;
        }

        public string RuleId { get; }

        /// <summary>The parameter (1–8): the first digit of the ID.</summary>
        public int Parameter => RuleId[3] - '0';

        /// <summary>The level from which the rule is required (1 or 2).</summary>
        public int RequiredLevel { get; }

        public string? File { get; }

        public string Message { get; }
    }
}
