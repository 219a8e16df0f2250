using System;
using System.Collections.Generic;
using System.Linq;

namespace MlopsGuard.Tasks.Maturity
{
    /// <summary>
    /// Parameter 2, data gathering. Level 1: training data declared as MlData in one of the assessed projects, every item versioned (lock file or DVC),
    /// no finding of a Level 1 data rule. Level 2: no data finding at all (remote data integrity-checked) and a
    /// pipeline that builds in CI mode, so the lock is checked in locked mode instead of being rewritten.
    /// </summary>
    internal static class DataCollector
    {
        public static ParameterAssessment Assess(RepositoryContext context, Func<MaturityContext, ArtifactVersioning> versioningOf)
        {
            if (context.MlProjects.Count == 0)
            {
                return ParameterAssessment.NotApplicable(2, TestingCollector.NoMlProject);
            }

            var facts = new List<string>();
            var declaring = context.Projects.Where(p => p.Data.Count > 0).ToList();
            foreach (var project in context.Projects)
            {
                var versioning = versioningOf(project);
                if (versioning.LockExists && (project.Data.Count > 0 || project.Models.Count > 0))
                {
                    facts.Add($"lock file {context.Relative(versioning.LockFile!)}" + (versioning.LockProblem is null ? string.Empty : $" ({versioning.LockProblem})"));
                }
            }

            var count = declaring.Sum(p => p.Data.Count);
            var criteria = new List<Criterion>
            {
                new Criterion(
                    1,
                    count > 0,
                    context.Projects.Count > 1 ? $"{count} MlData item(s) declared in {string.Join(", ", declaring.Select(p => p.ProjectRelativePath))}" : $"{count} MlData item(s) declared",
                    context.Projects.Count > 1 ? $"declare the training and evaluation data as MlData items (none in the {context.Projects.Count} assessed projects)" : "declare the training and evaluation data as MlData items"),
            };
            foreach (var project in declaring)
            {
                criteria.AddRange(VersionedCriteria(context, project, project.Data, versioningOf(project), "data"));
            }

            criteria.AddRange(AnalyzerCriteria.For(context, 2));
            var ciMode = context.Building.Any() ? context.CiModeEvidence : null;
            criteria.Add(new Criterion(2, ciMode != null, $"the lock is checked in locked mode in CI ({ciMode})", "build in CI mode in a pipeline (ContinuousIntegrationBuild=true), so the lock file is checked in locked mode and never rewritten"));
            return ParameterAssessment.Assess(2, facts, criteria);
        }

        /// <summary>One criterion: each artifact of the list is versioned; evidence names where.</summary>
        internal static IEnumerable<Criterion> VersionedCriteria(RepositoryContext context, MaturityContext project, IReadOnlyList<DeclaredArtifact> artifacts, ArtifactVersioning versioning, string kind)
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
                context.In(project, $"all {artifacts.Count} declared {kind} artifact(s) versioned ({where})"),
                context.In(project, $"version the {kind} (dotnet build -t:MlopsLock, or DVC): not in the lock file: {string.Join(", ", unversioned)}"));
        }
    }
}
