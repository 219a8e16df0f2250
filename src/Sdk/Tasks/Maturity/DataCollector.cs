using System.Collections.Generic;
using System.Linq;

namespace MlopsGuard.Tasks.Maturity
{
    /// <summary>
    /// Parameter 2, data gathering. Level 1: training data declared as MlData, every item versioned (lock file or DVC),
    /// no finding of a Level 1 data rule. Level 2: no data finding at all (remote data integrity-checked) and a
    /// pipeline that builds in CI mode, so the lock is checked in locked mode instead of being rewritten.
    /// </summary>
    internal static class DataCollector
    {
        public static ParameterAssessment Assess(MaturityContext context, ArtifactVersioning versioning)
        {
            var facts = new List<string>();
            if (versioning.LockExists)
            {
                facts.Add($"lock file {context.Relative(versioning.LockFile!)}" + (versioning.LockProblem is null ? string.Empty : $" ({versioning.LockProblem})"));
            }

            var criteria = new List<Criterion>
            {
                new Criterion(1, context.Data.Count > 0, $"{context.Data.Count} MlData item(s) declared", "declare the training and evaluation data as MlData items"),
            };
            criteria.AddRange(VersionedCriteria(context, context.Data, versioning, "data"));
            criteria.AddRange(AnalyzerCriteria.For(context, 2));
            var ciMode = context.Building.Any() ? context.CiModeEvidence : null;
            criteria.Add(new Criterion(2, ciMode != null, $"the lock is checked in locked mode in CI ({ciMode})", "build in CI mode in a pipeline (ContinuousIntegrationBuild=true), so the lock file is checked in locked mode and never rewritten"));
            return ParameterAssessment.Assess(2, facts, criteria);
        }

        /// <summary>One criterion: each artifact of the list is versioned; evidence names where.</summary>
        internal static IEnumerable<Criterion> VersionedCriteria(MaturityContext context, IReadOnlyList<DeclaredArtifact> artifacts, ArtifactVersioning versioning, string kind)
        {
            if (artifacts.Count == 0)
            {
                yield break;
            }

            var by = artifacts.Select(a => (Artifact: a, By: versioning.VersionedBy(a))).ToList();
            var unversioned = by.Where(x => x.By is null).Select(x => context.Relative(x.Artifact.FullPath)).ToList();
            var where = string.Join(", ", by.Where(x => x.By != null).Select(x => x.By!).Distinct().OrderBy(x => x, System.StringComparer.Ordinal));
            yield return new Criterion(
                1,
                unversioned.Count == 0,
                $"all {artifacts.Count} declared {kind} artifact(s) versioned ({where})",
                $"version the {kind} (dotnet build -t:MlopsLock, or DVC): not in the lock file: {string.Join(", ", unversioned)}");
        }
    }
}
