namespace MlopsGuard.Tasks.Validation
{
    /// <summary>The model formats MlopsGuard knows (CONTRACT §4: the values of MlModel's Format metadata).</summary>
    internal enum ModelFormat
    {
        /// <summary>Anything else: not validated beyond being readable.</summary>
        Other,

        /// <summary>An ONNX ModelProto (protobuf).</summary>
        Onnx,

        /// <summary>An ML.NET model zip (ITransformer saved with MLContext.Model.Save).</summary>
        MlNet,

        /// <summary>A TorchSharp state file (Module.save: LEB128-framed state dictionary).</summary>
        TorchSharp,
    }

    internal static class ModelFormatNames
    {
        /// <summary>The name used in Format metadata, the summary and messages.</summary>
        public static string Name(this ModelFormat format) => format switch
        {
            ModelFormat.Onnx => "onnx",
            ModelFormat.MlNet => "mlnet",
            ModelFormat.TorchSharp => "torchsharp",
            _ => "other",
        };

        public static bool TryParse(string? text, out ModelFormat format)
        {
            switch ((text ?? string.Empty).Trim().ToLowerInvariant())
            {
                case "onnx":
                    format = ModelFormat.Onnx;
                    return true;
                case "mlnet":
                case "ml.net":
                    format = ModelFormat.MlNet;
                    return true;
                case "torchsharp":
                    format = ModelFormat.TorchSharp;
                    return true;
                case "other":
                    format = ModelFormat.Other;
                    return true;
                default:
                    format = ModelFormat.Other;
                    return false;
            }
        }
    }
}
