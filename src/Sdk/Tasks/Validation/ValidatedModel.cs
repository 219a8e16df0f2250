using System.Collections.Generic;

namespace MlopsGuard.Tasks.Validation
{
    /// <summary>Everything validation found about one MlModel item: the record behind the summary and the schema records.</summary>
    internal sealed class ValidatedModel
    {
        public ValidatedModel(string name, string path, string fullPath)
        {
            Name = name;
            Path = path;
            FullPath = fullPath;
        }

        public string Name { get; }

        /// <summary>Relative to the project, with '/'.</summary>
        public string Path { get; }

        public string FullPath { get; }

        /// <summary>The format from the Format metadata or the extension, reported even when the file is invalid.</summary>
        public ModelFormat? ExpectedFormat { get; set; }

        /// <summary>What the readers learned; null when the file failed validation.</summary>
        public ModelDescription? Description { get; set; }

        /// <summary>The full paths of the files that hold part of the model (an ONNX model's external data).</summary>
        public IReadOnlyList<string> ExternalData { get; set; } = System.Array.Empty<string>();

        /// <summary>Why the file failed validation (MLG4003).</summary>
        public string? Error { get; set; }

        public List<string> SchemaProblems { get; } = new();

        public string? MetricsFilePath { get; set; }

        public MetricsFile? Metrics { get; set; }

        public string? MetricsError { get; set; }

        public List<GateResult> Gates { get; } = new();

        public bool Passed => Error is null && SchemaProblems.Count == 0 && MetricsError is null && Gates.TrueForAll(g => g.Passed);
    }
}
