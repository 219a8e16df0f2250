using System;
using System.Collections.Generic;
using System.Linq;

namespace MlopsGuard.Tasks.Maturity
{
    /// <summary>
    /// One assessment of the repository: the eight parameters assessed from the evidence of all assessed projects, the
    /// overall level (the lowest applicable one), each project's evidence, and the build diagnostics found on the way.
    /// </summary>
    internal sealed class MaturityAssessment
    {
        private MaturityAssessment(int declaredLevel, string subject, IReadOnlyList<ParameterAssessment> parameters, IReadOnlyList<RuleFinding> findings, IReadOnlyList<(string Path, IReadOnlyList<string> Evidence)> projects, IReadOnlyList<string> notAssessed)
        {
            NotAssessed = notAssessed;
            DeclaredLevel = declaredLevel;
            Subject = subject;
            Parameters = parameters;
            Findings = findings;
            Projects = projects;
        }

        /// <summary>The lowest level of the applicable parameters: a chain is as strong as its weakest link.</summary>
        public int Level => Parameters.Where(p => p.Applicable).Select(p => p.Level).DefaultIfEmpty(0).Min();

        public int DeclaredLevel { get; }

        /// <summary>What was assessed: the solution or the project built, relative to the repository root.</summary>
        public string Subject { get; }

        /// <summary>Ids 1–8 in order.</summary>
        public IReadOnlyList<ParameterAssessment> Parameters { get; }

        public IReadOnlyList<RuleFinding> Findings { get; }

        /// <summary>The assessed projects (relative paths, in order) and the evidence each one contributed.</summary>
        public IReadOnlyList<(string Path, IReadOnlyList<string> Evidence)> Projects { get; }

        /// <summary>ML projects of the repository this build did not assess (it built only part of the repository): no gate then.</summary>
        public IReadOnlyList<string> NotAssessed { get; }

        /// <summary>The applicable parameters below the declared level (MLG5004 names them).</summary>
        public IEnumerable<ParameterAssessment> ShortOf => Parameters.Where(p => p.Applicable && p.Level < DeclaredLevel);

        public static MaturityAssessment Run(RepositoryContext context, int declaredLevel, string subject)
        {
            var findings = new List<RuleFinding>();
            var versionings = new Dictionary<string, ArtifactVersioning>(StringComparer.Ordinal);
            ArtifactVersioning VersioningOf(MaturityContext project)
            {
                if (!versionings.TryGetValue(project.ProjectFile, out var versioning))
                {
                    versioning = new ArtifactVersioning(context.Root, project.ProjectDirectory, project.LockFile);
                    versionings[project.ProjectFile] = versioning;
                }

                return versioning;
            }

            var parameters = new List<ParameterAssessment>
            {
                GovernanceCollector.Assess(context, findings),
                DataCollector.Assess(context, VersioningOf),
                DevelopmentCollector.Assess(context),
                ModelReleaseCollector.Assess(context, VersioningOf),
                CiCollector.Assess(context, findings),
                CdCollector.Assess(context),
                TestingCollector.Assess(context, findings),
                MonitoringCollector.Assess(context),
            };
            var projects = context.Projects.Select(p => (p.ProjectRelativePath, p.Describe())).ToList();
            return new MaturityAssessment(declaredLevel, subject, parameters, findings, projects, context.MlProjects.Count > 0 ? context.NotAssessed : Array.Empty<string>());
        }

        /// <summary>The same assessment with the gate's finding added.</summary>
        public MaturityAssessment WithFindings(IReadOnlyList<RuleFinding> findings) => new MaturityAssessment(DeclaredLevel, Subject, Parameters, findings, Projects, NotAssessed);

        /// <summary><c>MlopsGuard: maturity Level 1 of declared 2 — Governance 2, Data 1, …, Monitoring not applicable</c></summary>
        public string Summary() =>
            $"MlopsGuard: maturity Level {Level} of declared {DeclaredLevel} — " + string.Join(", ", Parameters.Select(p => $"{p.ShortName} {p.LevelText}"));
    }
}
