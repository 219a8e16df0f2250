using System.Collections.Generic;
using System.Linq;

namespace MlopsGuard.Tasks.Maturity
{
    /// <summary>
    /// Parameter 1, people and governance. Level 1: a CODEOWNERS file names owners. Level 2: every declared data and
    /// model path of the assessed projects (the ML project folders when none is declared) has an owner (MLG1002 for each that has none), and no
    /// governance finding (MLG1001, secrets in code).
    /// </summary>
    internal static class GovernanceCollector
    {
        public static ParameterAssessment Assess(RepositoryContext context, List<RuleFinding> findings)
        {
            var facts = new List<string>();
            var criteria = new List<Criterion>();
            var owners = context.CodeOwners;
            criteria.Add(new Criterion(
                1,
                owners != null && owners.OwnedPatterns > 0,
                owners is null ? string.Empty : $"{owners.RelativePath} names owners ({owners.OwnedPatterns} owned patterns)",
                owners is null ? "add a CODEOWNERS file (.github/CODEOWNERS, CODEOWNERS or docs/CODEOWNERS) that names owners" : $"{owners.RelativePath} names no owner"));

            var declared = context.Projects.SelectMany(p => p.Data.Concat(p.Models)).ToList();
            var folders = context.MlProjects.Count > 0 ? context.MlProjects : new[] { context.Reporter };
            var paths = declared.Count > 0
                ? declared.Select(a => (Path: context.Relative(a.FullPath).TrimEnd('/'), a.IsFolder, Kind: a.Kind)).Distinct().OrderBy(p => p.Path, System.StringComparer.Ordinal).ToList()
                : folders.Select(p => (Path: context.Relative(p.ProjectDirectory), IsFolder: true, Kind: "project")).Distinct().ToList();
            var uncovered = new List<string>();
            foreach (var (path, isFolder, kind) in paths)
            {
                // A folder is owned when a pattern owns the folder itself (data/, /data/, data/**, *).
                var probe = isFolder ? (path == "." ? string.Empty : path + "/") + "\u0001" : path;
                if (owners is null || owners.OwnersOf(probe).Count == 0)
                {
                    uncovered.Add(path);
                    if (owners != null)
                    {
                        findings.Add(new RuleFinding(
                            RuleIdentifiers.ArtifactWithoutOwner,
                            path,
                            $"The {kind} path '{path}' has no owner in {owners.RelativePath}: add a line such as '/{path}{(isFolder && path != "." ? "/" : string.Empty)} @team' so changes to it need an owner's review."));
                    }
                }
            }

            if (owners is null && declared.Count > 0)
            {
                foreach (var (path, _, kind) in paths)
                {
                    findings.Add(new RuleFinding(RuleIdentifiers.ArtifactWithoutOwner, path, $"The {kind} path '{path}' has no owner: the repository has no CODEOWNERS file (.github/CODEOWNERS, CODEOWNERS or docs/CODEOWNERS)."));
                }
            }

            var what = declared.Count > 0 ? $"all {paths.Count} declared data and model paths" : paths.Count == 1 ? "the project folder" : $"the {paths.Count} ML project folders";
            criteria.Add(new Criterion(
                2,
                owners != null && uncovered.Count == 0,
                $"{what} have owners in {owners?.RelativePath}",
                owners is null ? "give the declared data and model paths owners in a CODEOWNERS file (MLG1002)" : $"no owner in {owners.RelativePath} for: {string.Join(", ", uncovered)} (MLG1002)"));
            criteria.AddRange(AnalyzerCriteria.For(context, 1));
            return ParameterAssessment.Assess(1, facts, criteria);
        }
    }
}
