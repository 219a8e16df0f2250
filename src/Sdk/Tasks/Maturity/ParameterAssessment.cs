using System;
using System.Collections.Generic;
using System.Linq;

namespace MlopsGuard.Tasks.Maturity
{
    /// <summary>One row of the report: a parameter (1–8), the level it reaches, why, and what the next level needs.</summary>
    internal sealed class ParameterAssessment
    {
        private ParameterAssessment(int id, int level, IReadOnlyList<string> evidence, IReadOnlyList<string> missing, bool applicable = true)
        {
            Id = id;
            Level = level;
            Evidence = evidence;
            Missing = missing;
            Applicable = applicable;
        }

        public int Id { get; }

        public string Name => RuleCategories.ParameterNames[Id - 1];

        /// <summary>The short name used in the one-line summary.</summary>
        public string ShortName => ShortNames[Id - 1];

        /// <summary>The level reached; meaningless when <see cref="Applicable"/> is false (the report writes null).</summary>
        public int Level { get; }

        /// <summary>False when the repository has nothing this parameter assesses (CONTRACT §8): it does not count toward the level.</summary>
        public bool Applicable { get; }

        /// <summary>The level as the summary and maturity.md show it.</summary>
        public string LevelText => Applicable ? Level.ToString(System.Globalization.CultureInfo.InvariantCulture) : "not applicable";

        public IReadOnlyList<string> Evidence { get; }

        /// <summary>What the next level needs (empty at Level 2).</summary>
        public IReadOnlyList<string> Missing { get; }

        private static readonly string[] ShortNames = { "Governance", "Data", "Development", "Model release", "CI", "CD", "Testing", "Monitoring" };

        /// <summary>A parameter with nothing to assess: no level, the reason as its evidence, nothing missing.</summary>
        public static ParameterAssessment NotApplicable(int id, string reason)
        {
            if (id < 1 || id > 8)
            {
                throw new ArgumentOutOfRangeException(nameof(id));
            }

            return new ParameterAssessment(id, 0, new[] { reason }, Array.Empty<string>(), applicable: false);
        }

        /// <summary>
        /// The level is the highest N such that every criterion of level 1..N holds (a Level 2 criterion never
        /// counts while a Level 1 one fails). Evidence lists the facts and the criteria that hold; missing lists the
        /// unmet criteria of the next level only.
        /// </summary>
        public static ParameterAssessment Assess(int id, IEnumerable<string> facts, IReadOnlyList<Criterion> criteria)
        {
            if (id < 1 || id > 8)
            {
                throw new ArgumentOutOfRangeException(nameof(id));
            }

            var level = 0;
            for (var candidate = 1; candidate <= 2; candidate++)
            {
                if (criteria.Where(c => c.Level == candidate).All(c => c.Met))
                {
                    level = candidate;
                }
                else
                {
                    break;
                }
            }

            var evidence = facts.Concat(criteria.Where(c => c.Met && c.Evidence.Length > 0).Select(c => c.Evidence)).Distinct(StringComparer.Ordinal).ToList();
            var missing = level >= 2
                ? new List<string>()
                : criteria.Where(c => c.Level == level + 1 && !c.Met).Select(c => c.Missing).Distinct(StringComparer.Ordinal).ToList();
            return new ParameterAssessment(id, level, evidence, missing);
        }
    }
}
