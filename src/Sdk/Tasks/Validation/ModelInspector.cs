using System;
using System.IO;
using System.Linq;

namespace MlopsGuard.Tasks.Validation
{
    /// <summary>
    /// Validates one model file: decides its format (the declared Format, else the extension, else the content) and runs
    /// that format's reader. Returns what it learned; a file that fails throws <see cref="InvalidModelException"/>.
    /// </summary>
    internal static class ModelInspector
    {
        public static ModelDescription Inspect(string path, ModelFormat? declaredFormat, ZipLimits limits)
        {
            try
            {
                return InspectFile(path, declaredFormat, limits);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                // A file that vanishes, is locked or cannot be mapped mid-read is unreadable, not a bug of ours.
                throw new InvalidModelException("the file cannot be read: " + ex.Message);
            }
        }

        private static ModelDescription InspectFile(string path, ModelFormat? declaredFormat, ZipLimits limits)
        {
            using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read))
            {
                var head = new byte[(int)Math.Min(file.Length, 512)];
                file.ReadExactly(head, 0, head.Length);
                file.Position = 0;
                var kind = ModelFormatDetector.Classify(head);
                var expected = declaredFormat ?? ModelFormatDetector.FromExtension(path);
                var promise = declaredFormat is null ? $"its extension '{Path.GetExtension(path)}' says" : "its Format metadata says";

                if (kind == ContentKind.Empty)
                {
                    throw new InvalidModelException("the file is empty");
                }

                switch (expected)
                {
                    case ModelFormat.MlNet:
                        if (kind != ContentKind.Zip)
                        {
                            throw new InvalidModelException($"{promise} ML.NET model zip, but the file is {Describe(kind, head)}");
                        }

                        return MlNetModelReader.Read(file, limits);

                    case ModelFormat.Onnx:
                        if (kind == ContentKind.Zip || kind == ContentKind.Text)
                        {
                            throw new InvalidModelException($"{promise} ONNX, but the file is {Describe(kind, head)}");
                        }

                        return MappedFile.Read(file, bytes => OnnxModelReader.Read(bytes));

                    case ModelFormat.TorchSharp:
                        if (kind == ContentKind.Zip || kind == ContentKind.Text)
                        {
                            throw new InvalidModelException($"{promise} TorchSharp state, but the file is {Describe(kind, head)}");
                        }

                        return TorchSharpStateReader.Read(file);

                    case ModelFormat.Other:
                        return new ModelDescription(ModelFormat.Other) { SchemaNote = "the Format metadata is 'other': the file is not validated" };

                    default:
                        return Detect(file, kind, limits);
                }
            }
        }

        /// <summary>No declared format and an extension that says nothing: the content decides.</summary>
        private static ModelDescription Detect(FileStream file, ContentKind kind, ZipLimits limits)
        {
            if (kind == ContentKind.Zip)
            {
                // Read it safely whatever it is; only an ML.NET layout makes it a model MlopsGuard validates further.
                var entries = BoundedZipReader.Read(file, limits, _ => false);
                if (entries.Any(e => e.Name == "TransformerChain/Model.key" || e.Name == "DataLoaderModel/Model.key"))
                {
                    file.Position = 0;
                    return MlNetModelReader.Read(file, limits);
                }

                return new ModelDescription(ModelFormat.Other) { SchemaNote = "a zip archive that is not an ML.NET model: not validated further" };
            }

            if (kind == ContentKind.Binary)
            {
                // An ONNX file is one protobuf message (at most 2 GiB); a TorchSharp state of any size is read as a stream.
                if (file.Length <= MappedFile.MaxBytes && MappedFile.Read(file, bytes => TryOnnx(bytes)) is ModelDescription onnx)
                {
                    return onnx;
                }

                try
                {
                    file.Position = 0;
                    return TorchSharpStateReader.Read(file);
                }
                catch (InvalidModelException)
                {
                }
            }

            return new ModelDescription(ModelFormat.Other) { SchemaNote = "the format was not recognized (not ONNX, ML.NET or TorchSharp): not validated" };
        }

        private static ModelDescription? TryOnnx(ReadOnlySpan<byte> bytes)
        {
            try
            {
                return OnnxModelReader.Read(bytes);
            }
            catch (InvalidModelException)
            {
                return null;
            }
        }

        private static string Describe(ContentKind kind, ReadOnlySpan<byte> head) => kind switch
        {
            ContentKind.Zip => "a zip archive",
            ContentKind.Text => $"a text file (it starts with \"{ModelFormatDetector.Excerpt(head)}\")",
            ContentKind.Binary => "binary data that is not a zip archive",
            _ => "empty",
        };
    }
}
