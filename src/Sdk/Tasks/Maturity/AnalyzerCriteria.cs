using System.Collections.Generic;
using System.Linq;

namespace MlopsGuard.Tasks.Maturity
{
    /// <summary>
    /// The criteria a parameter takes from the analyzers' findings in this build (docs/maturity.md, "findings"):
    /// Level 1 needs the compiler logs of the assessed projects and no finding of a Level 1 rule of the parameter;
    /// Level 2 no finding at all. Findings count from every assessed project whose log was read.
    /// </summary>
    internal static class AnalyzerCriteria
    {
        /// <param name="fromLevel">2 for a parameter whose Level 1 does not depend on findings (testing): only the Level 2 criterion.</param>
        /// <param name="required">The projects whose logs must be read (default: <see cref="RepositoryContext.Analyzed"/>).</param>
        public static IEnumerable<Criterion> For(RepositoryContext repository, int parameter, int fromLevel = 1, IReadOnlyList<MaturityContext>? required = null)
        {
            var category = RuleCategories.CategoryOf("MLG" + parameter + "000");
            required ??= repository.Analyzed;
            var unreadable = required.Where(p => !p.Log.Available).ToList();
            if (unreadable.Count > 0)
            {
                var problems = string.Join("; ", unreadable.Select(p => repository.In(p, p.Log.Problem ?? "no compiler log")));
                yield return new Criterion(fromLevel, false, string.Empty, $"findings of {category} rules cannot be read: {problems}");
                yield break;
            }

            var all = repository.Projects.Where(p => p.Log.Available).SelectMany(p => p.Log.Of(parameter)).ToList();
            var levelOne = all.Where(f => f.RequiredLevel <= 1).ToList();
            var scope = required.Count == 1 ? "this build" : $"the {required.Count} projects' builds";
            if (fromLevel <= 1)
            {
                // With no finding at all, the Level 2 line says it; one line of evidence is enough.
                yield return new Criterion(1, levelOne.Count == 0, all.Count == 0 ? string.Empty : $"no finding of a Level 1 {category} rule in {scope}", Describe(levelOne, "Level 1"));
            }

            yield return new Criterion(2, all.Count == 0, $"no {category} finding in {scope}", Describe(all, "Level 2"));
        }

        private static string Describe(IReadOnlyList<AnalyzerFinding> findings, string level)
        {
            var counts = findings.GroupBy(f => f.RuleId).OrderBy(g => g.Key, System.StringComparer.Ordinal).Select(g => g.Count() == 1 ? g.Key : $"{g.Key} ({g.Count()}×)");
            return $"fix the findings of {level} rules: " + string.Join(", ", counts);
        }
    }
}
