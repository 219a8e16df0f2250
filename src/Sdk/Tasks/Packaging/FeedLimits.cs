using System.Collections.Generic;
using MlopsGuard.Tasks.Infrastructure;

namespace MlopsGuard.Tasks.Packaging
{
    /// <summary>
    /// The package size limits of the feeds model packages are most often pushed to. A package over a limit is refused at
    /// push time, after the whole pipeline ran; the pack says so first.
    /// </summary>
    internal static class FeedLimits
    {
        // nuget.org: 250 MB per package (learn.microsoft.com, "Publish NuGet packages"); Azure Artifacts: 500 MiB per file.
        public static readonly IReadOnlyList<(string Feed, long Bytes)> Known = new[]
        {
            ("nuget.org", 250L * 1000 * 1000),
            ("Azure Artifacts", 500L * 1024 * 1024),
        };

        /// <summary>The message for a package of <paramref name="size"/> bytes, or null when every known feed takes it.</summary>
        public static string? Describe(string modelName, long size, IReadOnlyList<(string Feed, long Bytes)>? limits = null)
        {
            var refusing = new List<string>();
            foreach (var (feed, bytes) in limits ?? Known)
            {
                if (size > bytes)
                {
                    refusing.Add($"{feed} (at most {HumanReadable.Bytes(bytes)})");
                }
            }

            return refusing.Count == 0
                ? null
                : $"MlopsGuard: the package of model '{modelName}' is {HumanReadable.Bytes(size)}, more than {string.Join(" and ", refusing)} takes: push it to a feed or file share without that limit, or keep the weights in external storage (DVC, a blob container) and pack a smaller model.";
        }
    }
}
