using System.Collections.Generic;
using System.Linq;

namespace MlopsGuard.Tasks.Maturity
{
    /// <summary>
    /// Parameter 6, CD. Level 1: no finding of a Level 1 serving rule (pooled engines, models loaded once, resources
    /// disposed, paths from the content root). Level 2: a pipeline delivers the model package (a NuGet push, a
    /// deployment step, or a pack with an artifact upload), and no serving finding at all (fallback model).
    /// </summary>
    internal static class CdCollector
    {
        public static ParameterAssessment Assess(MaturityContext context)
        {
            var criteria = AnalyzerCriteria.For(context, 6).ToList();
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
