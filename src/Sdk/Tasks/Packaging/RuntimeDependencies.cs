using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using MlopsGuard.Tasks.Lock.Storage;

namespace MlopsGuard.Tasks.Packaging
{
    /// <summary>
    /// The ML packages a project runs its models with, at the versions restore resolved (project.assets.json, so
    /// central versions, ranges and floating versions all read as the exact version the build used).
    /// </summary>
    internal sealed class RuntimeDependencies
    {
        private const long MaxBytes = 512L * 1024 * 1024;

        // Package families that load or run models; a training project's other references are not what serving needs.
        private static readonly string[] MlFamilies = { "Microsoft.ML", "TorchSharp", "libtorch-", "TorchVision", "TorchAudio", "TensorFlow.NET", "SciSharp.TensorFlow" };

        // What runs each format, in order of preference when a project references several.
        private static readonly Dictionary<string, string[]> Runners = new(StringComparer.Ordinal)
        {
            ["mlnet"] = new[] { "Microsoft.ML" },
            ["onnx"] = new[] { "Microsoft.ML.OnnxRuntime", "Microsoft.ML.OnnxRuntime.Gpu", "Microsoft.ML.OnnxRuntime.DirectML", "Microsoft.ML.OnnxRuntime.Managed", "Microsoft.ML.OnnxTransformer" },
            ["torchsharp"] = new[] { "TorchSharp" },
        };

        private readonly Dictionary<string, string> resolved;

        private RuntimeDependencies(Dictionary<string, string> resolved, IReadOnlyList<RuntimePackage> direct)
        {
            this.resolved = resolved;
            Packages = direct;
        }

        /// <summary>The ML packages the project references itself (not private development dependencies), sorted by id.</summary>
        public IReadOnlyList<RuntimePackage> Packages { get; }

        public static RuntimeDependencies Empty { get; } = new(new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase), Array.Empty<RuntimePackage>());

        /// <summary>The framework that runs a model of <paramref name="format"/>, with its resolved version when the project has it.</summary>
        public ModelFramework? FrameworkFor(string format)
        {
            if (!Runners.TryGetValue(format, out var candidates))
            {
                return null;
            }

            foreach (var id in candidates)
            {
                if (resolved.TryGetValue(id, out var version))
                {
                    return new ModelFramework(id, version);
                }
            }

            return new ModelFramework(candidates[0], null);
        }

        /// <summary>Reads the assets file; a missing or unreadable one gives <see cref="Empty"/> and a reason.</summary>
        public static RuntimeDependencies Read(string? assetsFile, string? targetFramework, out string? problem)
        {
            problem = null;
            try
            {
                if (string.IsNullOrEmpty(assetsFile) || !File.Exists(assetsFile))
                {
                    problem = "the project has no project.assets.json (restore it)";
                    return Empty;
                }

                if (new FileInfo(assetsFile).Length > MaxBytes)
                {
                    problem = "project.assets.json is too large to read";
                    return Empty;
                }

                return Parse(File.ReadAllBytes(assetsFile!), targetFramework);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is JsonException)
            {
                problem = "project.assets.json cannot be read: " + ex.Message;
                return Empty;
            }
        }

        /// <summary>Throws <see cref="JsonException"/> for anything that is not a readable assets document.</summary>
        internal static RuntimeDependencies Parse(byte[] json, string? targetFramework)
        {
            using var document = StrictJson.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new JsonException($"the assets file holds a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object.");
            }

            var resolved = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (root.TryGetProperty("targets", out var targets) && targets.ValueKind == JsonValueKind.Object)
            {
                // The target of this framework without a runtime identifier; its libraries are "id/version".
                var target = targets.EnumerateObject().Where(t => !t.Name.Contains('/'))
                    .OrderByDescending(t => string.Equals(t.Name, targetFramework, StringComparison.OrdinalIgnoreCase))
                    .Select(t => t.Value)
                    .FirstOrDefault();
                if (target.ValueKind == JsonValueKind.Object)
                {
                    foreach (var library in target.EnumerateObject())
                    {
                        var slash = library.Name.IndexOf('/');
                        var isPackage = library.Value.ValueKind == JsonValueKind.Object && library.Value.TryGetProperty("type", out var type)
                            && type.ValueKind == JsonValueKind.String && type.GetString() == "package";
                        if (slash > 0 && isPackage)
                        {
                            resolved[library.Name.Substring(0, slash)] = library.Name.Substring(slash + 1);
                        }
                    }
                }
            }

            var direct = new List<RuntimePackage>();
            foreach (var dependency in DirectDependencies(root, targetFramework))
            {
                if (IsMlPackage(dependency) && resolved.TryGetValue(dependency, out var version))
                {
                    direct.Add(new RuntimePackage(dependency, version));
                }
            }

            return new RuntimeDependencies(resolved, direct.OrderBy(p => p.Id, StringComparer.OrdinalIgnoreCase).ToList());
        }

        /// <summary>project.frameworks.&lt;tfm&gt;.dependencies without private (suppressParent: All) and implicit references.</summary>
        private static IEnumerable<string> DirectDependencies(JsonElement root, string? targetFramework)
        {
            if (!root.TryGetProperty("project", out var project) || project.ValueKind != JsonValueKind.Object
                || !project.TryGetProperty("frameworks", out var frameworks) || frameworks.ValueKind != JsonValueKind.Object)
            {
                yield break;
            }

            var framework = frameworks.EnumerateObject()
                .OrderByDescending(f => string.Equals(f.Name, targetFramework, StringComparison.OrdinalIgnoreCase))
                .Select(f => f.Value)
                .FirstOrDefault();
            if (framework.ValueKind != JsonValueKind.Object || !framework.TryGetProperty("dependencies", out var dependencies) || dependencies.ValueKind != JsonValueKind.Object)
            {
                yield break;
            }

            foreach (var dependency in dependencies.EnumerateObject())
            {
                var value = dependency.Value;
                if (value.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                var isPrivate = value.TryGetProperty("suppressParent", out var suppress) && suppress.ValueKind == JsonValueKind.String
                    && string.Equals(suppress.GetString(), "All", StringComparison.OrdinalIgnoreCase);
                var isImplicit = value.TryGetProperty("autoReferenced", out var auto) && auto.ValueKind == JsonValueKind.True;
                if (!isPrivate && !isImplicit)
                {
                    yield return dependency.Name;
                }
            }
        }

        private static bool IsMlPackage(string id) =>
            MlFamilies.Any(family => id.Equals(family, StringComparison.OrdinalIgnoreCase)
                || id.StartsWith(family.EndsWith("-", StringComparison.Ordinal) ? family : family + ".", StringComparison.OrdinalIgnoreCase)
                || (family == "TorchSharp" && id.StartsWith("TorchSharp-", StringComparison.OrdinalIgnoreCase)));
    }
}
