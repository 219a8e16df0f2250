using System.Collections.Generic;
using System.Linq;

namespace MlopsGuard.Tasks.Maturity
{
    /// <summary>The eight parameters assessed for one project, the overall level (the lowest), and the build diagnostics found on the way.</summary>
    internal sealed class MaturityAssessment
    {
        private MaturityAssessment(int declaredLevel, string project, IReadOnlyList<ParameterAssessment> parameters, IReadOnlyList<RuleFinding> findings)
        {
            DeclaredLevel = declaredLevel;
            Project = project;
            Parameters = parameters;
            Findings = findings;
        }

        /// <summary>The lowest parameter level: a chain is as strong as its weakest link.</summary>
        public int Level => Parameters.Min(p => p.Level);

        public int DeclaredLevel { get; }

        /// <summary>The project file relative to the repository root.</summary>
        public string Project { get; }

        /// <summary>Ids 1–8 in order.</summary>
        public IReadOnlyList<ParameterAssessment> Parameters { get; }

        public IReadOnlyList<RuleFinding> Findings { get; }

        /// <summary>The parameters below the declared level (MLG5004 names them).</summary>
        public IEnumerable<ParameterAssessment> ShortOf => Parameters.Where(p => p.Level < DeclaredLevel);

        public static MaturityAssessment Run(MaturityContext context, int declaredLevel)
        {
            var findings = new List<RuleFinding>();
            var versioning = new ArtifactVersioning(context.RepositoryRoot, context.ProjectDirectory, context.LockFile);
            var parameters = new List<ParameterAssessment>
            {
                GovernanceCollector.Assess(context, findings),
                DataCollector.Assess(context, versioning),
                DevelopmentCollector.Assess(context),
                ModelReleaseCollector.Assess(context, versioning),
                CiCollector.Assess(context, findings),
                CdCollector.Assess(context),
                TestingCollector.Assess(context, findings),
                MonitoringCollector.Assess(context),
            };
            return new MaturityAssessment(declaredLevel, context.ProjectRelativePath, parameters, findings);
        }

        /// <summary>The same assessment with the gate's finding added.</summary>
        public MaturityAssessment WithFindings(IReadOnlyList<RuleFinding> findings) => new MaturityAssessment(DeclaredLevel, Project, Parameters, findings);

        /// <summary><c>MlopsGuard: maturity Level 1 of declared 2 — Governance 2, Data 1, …</c></summary>
        public string Summary() =>
            $"MlopsGuard: maturity Level {Level} of declared {DeclaredLevel} — " + string.Join(", ", Parameters.Select(p => $"{p.ShortName} {p.Level}"));
    }
}
