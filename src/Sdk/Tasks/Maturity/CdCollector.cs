using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace MlopsGuard.Tasks.Maturity
{
    /// <summary>
    /// Parameter 6, CD. Applicable only when the repository has something to deliver: serving code, a model package
    /// (MlModel released by dotnet pack), a Dockerfile, or a pipeline that deploys. Level 1: that deliverable, and no
    /// finding of a Level 1 serving rule (pooled engines, models loaded once, resources disposed, paths from the content
    /// root). Level 2: a pipeline delivers the model package (a NuGet push, a deployment step, or a pack with an artifact
    /// upload), and no serving finding at all (fallback model).
    /// </summary>
    internal static class CdCollector
    {
        public const string NothingToDeliver =
            "not applicable: nothing to deliver: no assessed project serves a model (ASP.NET Core, Azure Functions, gRPC, a worker service or Microsoft.Extensions.ML with ML.NET, ONNX Runtime or TorchSharp), none releases a model package (an MlModel packed by dotnet pack), there is no Dockerfile, and no pipeline deploys";

        public static ParameterAssessment Assess(RepositoryContext context)
        {
            if (context.MlProjects.Count == 0)
            {
                return ParameterAssessment.NotApplicable(6, TestingCollector.NoMlProject);
            }

            var serving = context.Serving;
            var packages = context.Projects.Where(p => p.ReleasesModelPackages).ToList();
            var dockerfiles = context.Projects.Where(p => p.HasDockerfile).Select(p => context.Relative(Path.Combine(p.ProjectDirectory, "Dockerfile"))).ToList();
            if (File.Exists(Path.Combine(context.Root, "Dockerfile")))
            {
                dockerfiles.Insert(0, "Dockerfile");
            }

            var deploying = context.Pipelines.Where(p => p.Deploys).ToList();
            var deliverables = new List<string>();
            deliverables.AddRange(serving.Select(p => $"{p.ProjectRelativePath} serves models ({p.Serves})"));
            deliverables.AddRange(packages.Select(p => $"{p.ProjectRelativePath} releases model packages on dotnet pack"));
            deliverables.AddRange(dockerfiles.Distinct().Select(d => $"{d} builds an image"));
            deliverables.AddRange(deploying.Select(p => $"{p.RelativePath} deploys"));
            if (deliverables.Count == 0)
            {
                return ParameterAssessment.NotApplicable(6, NothingToDeliver);
            }

            var criteria = new List<Criterion> { new Criterion(1, true, "to deliver: " + string.Join("; ", deliverables), string.Empty) };
            criteria.AddRange(AnalyzerCriteria.For(context, 6, required: serving.Count > 0 ? serving : null));
            var delivers = context.Pipelines.FirstOrDefault(p => p.Delivers);
            var how = delivers is null ? string.Empty : delivers.Pushes ? "pushes the package (NuGet push)" : delivers.Deploys ? "deploys" : "packs and publishes the package as an artifact";
            criteria.Add(new Criterion(
                2,
                delivers != null,
                $"{delivers?.RelativePath} {how}",
                "deliver the model package from a pipeline: dotnet nuget push, a deployment step, or dotnet pack / -t:MlopsPackModel with an artifact upload"));
            return ParameterAssessment.Assess(6, Enumerable.Empty<string>(), criteria);
        }
    }
}
