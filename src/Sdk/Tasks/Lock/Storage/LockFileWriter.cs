using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MlopsGuard.Tasks.Lock.Storage
{
    /// <summary>
    /// Serializes a <see cref="LockFile"/> the one way MlopsGuard writes it: 2-space indentation, '\n' line ends, a final
    /// newline, properties in the contract's order, artifacts sorted by path. Same content, same bytes, on every OS.
    /// </summary>
    internal static class LockFileWriter
    {
        // Paths are shown as written (unicode stays readable); JSON-significant and control characters are still escaped.
        private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        public static byte[] Serialize(LockFile lockFile)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, Options))
            {
                writer.WriteStartObject();
                writer.WriteNumber("version", LockFile.CurrentVersion);
                writer.WriteStartArray("artifacts");
                foreach (var artifact in lockFile.Artifacts)
                {
                    writer.WriteStartObject();
                    writer.WriteString("path", artifact.Path);
                    writer.WriteString("kind", artifact.Kind);
                    writer.WriteString("sha256", artifact.Sha256);
                    writer.WriteNumber("size", artifact.Size);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                if (lockFile.Stages != null)
                {
                    writer.WriteStartArray("stages");
                    foreach (var stage in lockFile.Stages)
                    {
                        stage.WriteTo(writer);
                    }

                    writer.WriteEndArray();
                }

                writer.WriteEndObject();
            }

            buffer.WriteByte((byte)'\n');
            return NormalizeLineEnds(buffer.ToArray());
        }

        /// <summary>
        /// Utf8JsonWriter ends lines with Environment.NewLine on .NET 8 (no option before .NET 9). A raw CR can only be
        /// formatting (strings escape it), so dropping every CR gives '\n' everywhere.
        /// </summary>
        private static byte[] NormalizeLineEnds(byte[] bytes)
        {
            if (System.Array.IndexOf(bytes, (byte)'\r') < 0)
            {
                return bytes;
            }

            using var output = new MemoryStream(bytes.Length);
            foreach (var b in bytes)
            {
                if (b != (byte)'\r')
                {
                    output.WriteByte(b);
                }
            }

            return output.ToArray();
        }
    }
}
