using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace MlopsGuard.Tasks.Maturity
{
    /// <summary>
    /// Parameter 5, CI. Level 1: a pipeline (GitHub Actions, Azure Pipelines, GitLab CI) runs a .NET build (MLG5001
    /// otherwise). Level 2: a pipeline runs <c>dotnet test</c> and one builds in CI mode (MLG5002), one packs, NuGet
    /// dependencies of every assessed project are locked (MLG5003) and restored in locked mode.
    /// </summary>
    internal static class CiCollector
    {
        public const string Looked = ".github/workflows/*.yml, azure-pipelines.yml, .azure-pipelines/*.yml, .gitlab-ci.yml";

        public static ParameterAssessment Assess(RepositoryContext context, List<RuleFinding> findings)
        {
            var facts = context.Pipelines.Select(p => p.Describe()).ToList();
            var building = context.Building.ToList();
            var criteria = new List<Criterion>();

            if (context.Pipelines.Count == 0)
            {
                findings.Add(new RuleFinding(RuleIdentifiers.NoCiPipeline, null, $"No CI pipeline in the repository (looked for {Looked}): nothing builds and tests the model's code on every change."));
            }
            else if (building.Count == 0)
            {
                findings.Add(new RuleFinding(RuleIdentifiers.NoCiPipeline, context.Pipelines[0].RelativePath, $"CI pipelines found ({string.Join(", ", context.Pipelines.Select(p => p.RelativePath))}) but none runs a .NET build (dotnet build, test or pack)."));
            }

            criteria.Add(new Criterion(
                1,
                building.Count > 0,
                $"CI builds the repository: {string.Join(", ", building.Select(p => p.RelativePath))}",
                context.Pipelines.Count == 0 ? $"add a CI pipeline that builds the repository ({Looked}) (MLG5001)" : "make a CI pipeline run dotnet build (MLG5001)"));

            var first = building.FirstOrDefault()?.RelativePath;
            var tests = building.FirstOrDefault(p => p.Tests);
            if (building.Count > 0 && tests is null)
            {
                findings.Add(new RuleFinding(RuleIdentifiers.CiWithoutTestOrCiMode, first, "No CI pipeline runs the tests (dotnet test): a model change can reach a release without its tests having run."));
            }

            criteria.Add(new Criterion(2, tests != null, $"{tests?.RelativePath} runs dotnet test", "run dotnet test in a CI pipeline (MLG5002)"));

            var ciMode = building.Count > 0 ? context.CiModeEvidence : null;
            if (building.Count > 0 && ciMode is null)
            {
                findings.Add(new RuleFinding(RuleIdentifiers.CiWithoutTestOrCiMode, first, "No CI pipeline builds in CI mode (-p:ContinuousIntegrationBuild=true or -p:MlopsEnforce=true): MlopsGuard rules stay warnings in CI and the lock file is not checked in locked mode."));
            }

            criteria.Add(new Criterion(2, ciMode != null, ciMode ?? string.Empty, "build in CI mode in the pipeline: -p:ContinuousIntegrationBuild=true (MLG5002)"));

            var packs = building.FirstOrDefault(p => p.Packs);
            criteria.Add(new Criterion(2, packs != null, $"{packs?.RelativePath} packages the build (dotnet pack / MlopsPackModel)", "package in CI: dotnet pack or dotnet build -t:MlopsPackModel"));

            // Every assessed project restores the packages it was tested with: each one is locked.
            var unlocked = new List<MaturityContext>();
            var lockFiles = new List<string>();
            foreach (var project in context.Projects)
            {
                var nugetLock = project.NuGetLockFile != null && File.Exists(project.NuGetLockFile);
                if (nugetLock)
                {
                    lockFiles.Add(context.Relative(project.NuGetLockFile!));
                }

                if (!project.RestorePackagesWithLockFile && !nugetLock)
                {
                    unlocked.Add(project);
                    findings.Add(new RuleFinding(RuleIdentifiers.DependenciesNotLocked, project.ProjectRelativePath, "NuGet dependencies are not locked: set RestorePackagesWithLockFile=true and commit packages.lock.json, so CI restores exactly the ML libraries that were tested."));
                }
            }

            criteria.Add(new Criterion(
                2,
                unlocked.Count == 0,
                lockFiles.Count > 0 ? $"NuGet dependencies locked ({string.Join(", ", lockFiles)})" : "NuGet dependencies locked (RestorePackagesWithLockFile)",
                context.Projects.Count > 1
                    ? $"lock NuGet dependencies: RestorePackagesWithLockFile=true and a committed packages.lock.json (MLG5003): {string.Join(", ", unlocked.Select(p => p.ProjectRelativePath))}"
                    : "lock NuGet dependencies: RestorePackagesWithLockFile=true and a committed packages.lock.json (MLG5003)"));

            var lockedRestore = context.LockedRestoreEvidence;
            criteria.Add(new Criterion(2, lockedRestore != null, lockedRestore ?? string.Empty, "restore in locked mode in CI: dotnet restore --locked-mode or RestoreLockedMode=true"));
            return ParameterAssessment.Assess(5, facts, criteria);
        }
    }
}
