using System;
using System.IO;
using System.Text;

namespace MlopsGuard.Tasks.Validation
{
    /// <summary>What the first bytes of a file say it is, before any format-specific parsing.</summary>
    internal enum ContentKind
    {
        Empty,
        Zip,
        Text,
        Binary,
    }

    /// <summary>
    /// Format detection by content and by name: the format a file's extension promises, and a first look at its bytes
    /// (zip signature, printable text), so a text file named '.onnx' is reported as text, not as a protobuf error.
    /// </summary>
    internal static class ModelFormatDetector
    {
        private const int TextProbeBytes = 512;

        /// <summary>The format the file name promises, or null when the extension says nothing.</summary>
        public static ModelFormat? FromExtension(string path) => Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".onnx" => ModelFormat.Onnx,
            ".zip" or ".mlnet" => ModelFormat.MlNet,
            _ => null,
        };

        public static ContentKind Classify(ReadOnlySpan<byte> head)
        {
            if (head.Length == 0)
            {
                return ContentKind.Empty;
            }

            if (head.Length >= 4 && head[0] == (byte)'P' && head[1] == (byte)'K' &&
                ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6)))
            {
                return ContentKind.Zip;
            }

            return LooksLikeText(head) ? ContentKind.Text : ContentKind.Binary;
        }

        /// <summary>A short, printable excerpt of a text file for messages.</summary>
        public static string Excerpt(ReadOnlySpan<byte> head)
        {
            var text = Encoding.UTF8.GetString(head.Slice(0, Math.Min(head.Length, 40)));
            var builder = new StringBuilder();
            foreach (var c in text)
            {
                builder.Append(char.IsControl(c) ? ' ' : c);
            }

            return builder.ToString().Trim() + (head.Length > 40 ? "…" : string.Empty);
        }

        private static bool LooksLikeText(ReadOnlySpan<byte> head)
        {
            var probe = head.Slice(0, Math.Min(head.Length, TextProbeBytes));

            // Printable ASCII, common whitespace, or bytes of multi-byte UTF-8; a protobuf or zip has control bytes early.
            foreach (var b in probe)
            {
                var printable = b >= 0x20 && b != 0x7F;
                var whitespace = b == (byte)'\t' || b == (byte)'\n' || b == (byte)'\r';
                if (!printable && !whitespace)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
