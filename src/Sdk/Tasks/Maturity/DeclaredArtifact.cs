using System;
using System.IO;

namespace MlopsGuard.Tasks.Maturity
{
    /// <summary>An MlData or MlModel item of this project.</summary>
    internal sealed class DeclaredArtifact
    {
        public DeclaredArtifact(string kind, string declared, string fullPath, string? name)
        {
            Kind = kind;
            Declared = declared.Replace('\\', '/');
            FullPath = fullPath;
            Name = string.IsNullOrWhiteSpace(name) ? System.IO.Path.GetFileNameWithoutExtension(fullPath.TrimEnd('/', '\\')) : name!;
        }

        /// <summary><c>data</c> or <c>model</c>.</summary>
        public string Kind { get; }

        /// <summary>The item as written (relative to the project).</summary>
        public string Declared { get; }

        public string FullPath { get; }

        /// <summary>The model's <c>Name</c> (file name without extension when not given).</summary>
        public string Name { get; }

        /// <summary>A folder (written with a trailing '/' or existing as one): covered and versioned through what lies below it.</summary>
        public bool IsFolder => Declared.EndsWith("/", StringComparison.Ordinal) || Directory.Exists(FullPath);

        /// <summary>A model's MetricsFile metadata (what its release records as metrics), or null.</summary>
        public string? MetricsFile { get; init; }

        /// <summary>A model's ParamsFile metadata (what its release records as parameters), or null.</summary>
        public string? ParamsFile { get; init; }

        /// <summary>An MSBuild wildcard that matched no file (MSBuild keeps it as written).</summary>
        public bool IsUnmatchedPattern => Declared.IndexOf('*') >= 0 || Declared.IndexOf('?') >= 0;
    }

    /// <summary>An MlMetricGate item: a threshold on a model's metric.</summary>
    internal sealed class MetricGate
    {
        public MetricGate(string metric, string? model)
        {
            Metric = metric;
            Model = string.IsNullOrWhiteSpace(model) ? null : model;
        }

        public string Metric { get; }

        /// <summary>The model's name; null means every model of the project.</summary>
        public string? Model { get; }
    }
}
