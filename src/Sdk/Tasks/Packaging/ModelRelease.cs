using System;
using System.Collections.Generic;
using System.Text.Json;
using MlopsGuard.Tasks.Validation;
using MlopsGuard.Tasks.Compatibility;

namespace MlopsGuard.Tasks.Packaging
{
    /// <summary>A file of a release with its content hash: the model, a training data file, a file of the package.</summary>
    internal sealed record ReleaseFile(string Path, string Sha256, long Size);

    /// <summary>A NuGet package the model needs at run time, at the version the project resolved.</summary>
    internal sealed record RuntimePackage(string Id, string Version);

    /// <summary>The library that runs the model (Microsoft.ML for an ML.NET zip, ONNX Runtime, TorchSharp).</summary>
    internal sealed record ModelFramework(string Name, string? Version);

    /// <summary>Where a release comes from (<see cref="ProvenanceResolver"/>). <see cref="SourceDate"/> is never the clock (<see cref="ReleaseDate"/>).</summary>
    internal sealed record Provenance(
        string? Repository,
        string? Commit,
        string? Branch,
        DateTimeOffset SourceDate,
        string SourceDateOrigin,
        string? Project,
        string BuiltWith,
        int MlopsLevel);

    /// <summary>What the project declares about the model's purpose, for the model card (all optional).</summary>
    internal sealed record ModelStory(string? Description, string? IntendedUse, string? Limitations, string? Authors, string? License);

    /// <summary>
    /// Everything one model release says about itself: the content of mlops.manifest.json (CONTRACT §7), of
    /// MODEL_CARD.md and of the model's NuGet package. Built by <see cref="PackModels"/>, written by the writers.
    /// </summary>
    internal sealed class ModelRelease
    {
        public const string ManifestSchema = "mlopsguard/manifest/1";

        public ModelRelease(string name, PackageIdentity package, ReleaseFile model, string format)
        {
            Name = name;
            Package = package;
            Model = model;
            Format = format;
        }

        public string Name { get; }

        public PackageIdentity Package { get; }

        /// <summary>The model file, by its file name inside the release folder.</summary>
        public ReleaseFile Model { get; }

        /// <summary>Files that are part of the model (an ONNX model's external data), each relative to the model's folder ('/'); packed beside it.</summary>
        public IReadOnlyList<ReleaseFile> ExternalData { get; init; } = Array.Empty<ReleaseFile>();

        /// <summary>onnx, mlnet, torchsharp or other.</summary>
        public string Format { get; }

        /// <summary>The model file relative to the project that declared it (for the card).</summary>
        public string SourcePath { get; init; } = string.Empty;

        public ModelFramework? Framework { get; init; }

        /// <summary>Facts validation read from the file (ONNX opsets and producer, ML.NET version, tensor counts).</summary>
        public IReadOnlyDictionary<string, string> ModelProperties { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

        public IReadOnlyList<TensorRecord> Inputs { get; init; } = Array.Empty<TensorRecord>();

        public IReadOnlyList<TensorRecord> Outputs { get; init; } = Array.Empty<TensorRecord>();

        /// <summary>Whether the inputs and outputs were read from the model (false: declared by the project, or unknown).</summary>
        public bool SchemaFromModel { get; init; }

        /// <summary>Sorted by path.</summary>
        public IReadOnlyList<ReleaseFile> TrainingData { get; init; } = Array.Empty<ReleaseFile>();

        /// <summary>The content of ParamsFile (a JSON object), or null when the model declares none.</summary>
        public JsonElement? Parameters { get; init; }

        public string? ParametersFile { get; init; }

        /// <summary>Numeric metrics by dotted path.</summary>
        public IReadOnlyDictionary<string, double> Metrics { get; init; } = new SortedDictionary<string, double>(StringComparer.Ordinal);

        public string? MetricsFile { get; init; }

        public IReadOnlyList<GateRecord> Gates { get; init; } = Array.Empty<GateRecord>();

        public string? TargetFramework { get; init; }

        /// <summary>Sorted by id.</summary>
        public IReadOnlyList<RuntimePackage> RuntimePackages { get; init; } = Array.Empty<RuntimePackage>();

        public Provenance Provenance { get; init; } = new Provenance(null, null, null, Portable.UnixEpoch, "none", null, "MlopsGuard", 1);

        public ModelStory Story { get; init; } = new ModelStory(null, null, null, null, null);

        /// <summary>The files of the release folder besides the manifest (the model and its card), filled in when written.</summary>
        public List<ReleaseFile> Artifacts { get; } = new();

        /// <summary>What MLG4005 asks a Level 2 release to carry and this one lacks.</summary>
        public IReadOnlyList<string> MissingEvidence()
        {
            var missing = new List<string>();
            if (Metrics.Count == 0)
            {
                missing.Add("metrics");
            }

            if (Parameters is not JsonElement parameters || parameters.ValueKind != JsonValueKind.Object || !parameters.EnumerateObject().GetEnumerator().MoveNext())
            {
                missing.Add("parameters");
            }

            if (TrainingData.Count == 0)
            {
                missing.Add("training data");
            }

            return missing;
        }
    }
}
