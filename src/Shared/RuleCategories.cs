using System;

namespace MlopsGuard
{
    /// <summary>The eight parameters of the MLOps maturity table and their diagnostic categories.</summary>
    internal static class RuleCategories
    {
        public const string Governance = "MLOps.Governance";
        public const string Data = "MLOps.Data";
        public const string Development = "MLOps.Development";
        public const string ModelRelease = "MLOps.ModelRelease";
        public const string CI = "MLOps.CI";
        public const string CD = "MLOps.CD";
        public const string Testing = "MLOps.Testing";
        public const string Monitoring = "MLOps.Monitoring";

        /// <summary>Parameter ids 1–8 in the order of the maturity table.</summary>
        public static readonly string[] ParameterNames =
        {
            "People and governance",
            "Data gathering",
            "Development",
            "Model release",
            "CI",
            "CD",
            "App integration and testing",
            "Monitoring",
        };

        private static readonly string[] Categories = { Governance, Data, Development, ModelRelease, CI, CD, Testing, Monitoring };

        /// <summary>The parameter (1–8) of a rule: the first digit of its ID.</summary>
        public static int ParameterOf(string ruleId)
        {
            if (ruleId.Length != 7 || !ruleId.StartsWith("MLG", StringComparison.Ordinal) || ruleId[3] < '1' || ruleId[3] > '8')
            {
                throw new ArgumentException($"'{ruleId}' is not an MlopsGuard rule ID (MLG<parameter 1-8><3 digits>).", nameof(ruleId));
            }

            return ruleId[3] - '0';
        }

        public static string CategoryOf(string ruleId) => Categories[ParameterOf(ruleId) - 1];

        /// <summary>The diagnostic category of parameter 1–8.</summary>
        public static string CategoryOfParameter(int parameter) => Categories[parameter - 1];

        /// <summary>The parameter (1–8) whose diagnostic category is <paramref name="category"/>, or 0 when it is none of them.</summary>
        public static int ParameterOfCategory(string category) => Array.IndexOf(Categories, category) + 1;

        public static string ParameterNameOf(string ruleId) => ParameterNames[ParameterOf(ruleId) - 1];
    }
}
