using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace MlopsGuard.Tasks.Maturity
{
    /// <summary>
    /// The evidence one project of the assessed repository contributes: what MSBuild knows of it (declared data and
    /// models, gates, references, SDK, lock settings) and the analyzers' findings of its compile (its compiler log).
    /// </summary>
    internal sealed class MaturityContext
    {
        public MaturityContext(
            string repositoryRoot,
            string projectFile,
            IReadOnlyList<DeclaredArtifact> data,
            IReadOnlyList<DeclaredArtifact> models,
            IReadOnlyList<MetricGate> gates,
            AnalyzerLog log)
        {
            RepositoryRoot = repositoryRoot;
            ProjectFile = projectFile;
            Data = data;
            Models = models;
            Gates = gates;
            Log = log;
        }

        public string RepositoryRoot { get; }

        public string ProjectFile { get; }

        public string ProjectDirectory => Path.GetDirectoryName(ProjectFile)!;

        /// <summary>The project file relative to the repository root.</summary>
        public string ProjectRelativePath => RepositoryPath.Relative(RepositoryRoot, ProjectFile);

        public IReadOnlyList<DeclaredArtifact> Data { get; }

        public IReadOnlyList<DeclaredArtifact> Models { get; }

        public IReadOnlyList<MetricGate> Gates { get; }

        public AnalyzerLog Log { get; }

        public string? LockFile { get; set; }

        public string? NuGetLockFile { get; set; }

        public bool RestorePackagesWithLockFile { get; set; }

        /// <summary>RestoreLockedMode is true in this project's build.</summary>
        public bool RestoreLockedMode { get; set; }

        public bool IsTestProject { get; set; }

        /// <summary>The ML libraries the project references (ML.NET, ONNX Runtime, TorchSharp), in that order.</summary>
        public IReadOnlyList<string> MlLibraries { get; set; } = Array.Empty<string>();

        /// <summary>References an ML library, or declares data or models.</summary>
        public bool IsMlProject => MlLibraries.Count > 0 || Data.Count > 0 || Models.Count > 0;

        /// <summary>Why the project serves models (ASP.NET Core, Azure Functions, …), or null when it serves none.</summary>
        public string? Serves { get; set; }

        /// <summary>Telemetry libraries the project references (logging, metrics, tracing).</summary>
        public IReadOnlyList<string> Telemetry { get; set; } = Array.Empty<string>();

        /// <summary>The projects it references (ProjectReference), relative to the repository root.</summary>
        public IReadOnlyList<string> ProjectReferences { get; set; } = Array.Empty<string>();

        /// <summary>The project's obj/ folder (BaseIntermediateOutputPath), where validation records are looked for.</summary>
        public string? IntermediateDirectory { get; set; }

        /// <summary>$(MlopsArtifactsDir): where packed models and their manifests are.</summary>
        public string? ArtifactsDirectory { get; set; }

        /// <summary>Whether dotnet pack of the project releases its models (MlopsPackModel on pack).</summary>
        public bool PacksModels { get; set; } = true;

        /// <summary>The MlopsLevel the project declares, when known.</summary>
        public int? MlopsLevel { get; set; }

        /// <summary>A Dockerfile beside the project file.</summary>
        public bool HasDockerfile => File.Exists(Path.Combine(ProjectDirectory, "Dockerfile"));

        /// <summary>dotnet pack of this project releases model packages.</summary>
        public bool ReleasesModelPackages => Models.Count > 0 && PacksModels;

        public string Relative(string path) => RepositoryPath.Relative(RepositoryRoot, path);

        /// <summary>The project's evidence, as the report lists it under the project.</summary>
        public IReadOnlyList<string> Describe()
        {
            var lines = new List<string>();
            if (IsTestProject)
            {
                lines.Add("test project");
            }

            if (MlLibraries.Count > 0)
            {
                lines.Add("references " + string.Join(", ", MlLibraries));
            }

            if (Data.Count > 0 || Models.Count > 0)
            {
                lines.Add($"declares {Data.Count} MlData and {Models.Count} MlModel item(s)" + (Models.Count > 0 ? (PacksModels ? "; dotnet pack releases its models" : "; dotnet pack does not release its models") : string.Empty));
            }

            if (Serves != null)
            {
                lines.Add($"serves models ({Serves})");
            }

            if (Telemetry.Count > 0)
            {
                lines.Add("telemetry: " + string.Join(", ", Telemetry));
            }

            if (HasDockerfile)
            {
                lines.Add("Dockerfile");
            }

            lines.Add(Log.Available
                ? $"compiler log {Relative(Log.Path!)} read ({Log.Findings.Count} MlopsGuard finding(s))"
                : $"no compiler log: {Log.Problem}");
            return lines;
        }
    }
}
