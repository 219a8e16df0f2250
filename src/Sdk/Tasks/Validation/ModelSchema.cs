using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace MlopsGuard.Tasks.Validation
{
    /// <summary>One dimension of a tensor shape: a fixed size, a named (symbolic) size, or unknown (-1).</summary>
    internal readonly struct ModelDimension
    {
        private ModelDimension(long size, string? symbol)
        {
            Size = size;
            Symbol = symbol;
        }

        /// <summary>The fixed size, or -1 when the size is symbolic or unknown.</summary>
        public long Size { get; }

        /// <summary>The name of a symbolic dimension (ONNX dim_param), e.g. "batch".</summary>
        public string? Symbol { get; }

        public bool IsFixed => Size >= 0;

        public static ModelDimension Fixed(long size) => new(size, null);

        public static ModelDimension Named(string symbol) => new(-1, symbol.Length == 0 ? null : symbol);

        public static ModelDimension Unknown => new(-1, null);

        public override string ToString() => Symbol ?? Size.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>An input or output of a model: name, element type as a .NET type name, and shape.</summary>
    internal sealed class ModelTensor
    {
        public ModelTensor(string name, string type, IReadOnlyList<ModelDimension>? shape)
        {
            Name = name;
            Type = type;
            Shape = shape ?? new List<ModelDimension>();
            HasShape = shape is not null;
        }

        public string Name { get; }

        /// <summary>.NET type name of the elements (Single, Int64, String, Boolean, ...).</summary>
        public string Type { get; }

        public IReadOnlyList<ModelDimension> Shape { get; }

        /// <summary>False when the model says nothing about the shape (any rank).</summary>
        public bool HasShape { get; }

        public string ShapeText => "[" + string.Join(",", Shape.Select(d => d.ToString())) + "]";

        public override string ToString() => Name + ":" + Type + ShapeText;
    }

    /// <summary>
    /// What validation learned about a model: its format and its real inputs and outputs, when the format stores them
    /// (null when it does not: an ML.NET model saved without a schema, its outputs, a TorchSharp state file).
    /// </summary>
    internal sealed class ModelDescription
    {
        public ModelDescription(ModelFormat format)
        {
            Format = format;
        }

        public ModelFormat Format { get; }

        public IReadOnlyList<ModelTensor>? Inputs { get; set; }

        public IReadOnlyList<ModelTensor>? Outputs { get; set; }

        /// <summary>
        /// The files beside the model that hold part of it (an ONNX model's external data), as the model names them,
        /// relative to its folder. Validated, locked and packed with the model.
        /// </summary>
        public IReadOnlyList<string> ExternalData { get; set; } = System.Array.Empty<string>();

        /// <summary>Why inputs or outputs are unknown, for messages and the summary.</summary>
        public string? SchemaNote { get; set; }

        /// <summary>Facts worth recording: ONNX ir_version, opsets, producer, metadata; ML.NET version; tensor counts.</summary>
        public SortedDictionary<string, string> Properties { get; } = new(System.StringComparer.Ordinal);
    }
}
