using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace MlopsGuard.Tasks.Maturity
{
    /// <summary>
    /// Reads evidence files without trusting them: a size cap (a 2 GB file named build.yml must not stall the build),
    /// and I/O errors mean "no evidence", never a failed build.
    /// </summary>
    internal static class BoundedText
    {
        /// <summary>Pipeline files, CODEOWNERS and project files larger than this are read only up to it.</summary>
        public const int DefaultMaxBytes = 1024 * 1024;

        /// <summary>The first <paramref name="maxBytes"/> bytes of a file as UTF-8, or null when it cannot be read.</summary>
        public static string? Read(string path, int maxBytes = DefaultMaxBytes)
        {
            try
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                var length = (int)Math.Min(stream.Length, maxBytes);
                var buffer = new byte[length];
                var read = 0;
                while (read < length)
                {
                    var n = stream.Read(buffer, read, length - read);
                    if (n == 0)
                    {
                        break;
                    }

                    read += n;
                }

                return new UTF8Encoding(false, false).GetString(buffer, 0, read);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException || ex is NotSupportedException)
            {
                return null;
            }
        }

        /// <summary>The lines of a bounded read (at most <paramref name="maxLines"/>), or none.</summary>
        public static IReadOnlyList<string> Lines(string path, int maxBytes = DefaultMaxBytes, int maxLines = 20000)
        {
            var text = Read(path, maxBytes);
            if (text is null)
            {
                return Array.Empty<string>();
            }

            var lines = new List<string>();
            using var reader = new StringReader(text);
            string? line;
            while (lines.Count < maxLines && (line = reader.ReadLine()) != null)
            {
                lines.Add(line);
            }

            return lines;
        }
    }
}
