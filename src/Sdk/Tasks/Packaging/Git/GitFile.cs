using System;
using System.IO;

namespace MlopsGuard.Tasks.Packaging.Git
{
    /// <summary>Whole-file reads with a size cap checked before anything is allocated.</summary>
    internal static class GitFile
    {
        /// <summary>The file's bytes; null when no such file exists; a <see cref="GitFormatException"/> when it is too big.</summary>
        public static byte[]? ReadBounded(string path, int maxBytes, string what)
        {
            if (!File.Exists(path))
            {
                return null;
            }

            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var length = RandomAccess.GetLength(handle);
            if (length > maxBytes)
            {
                throw new GitFormatException($"{what} is {length} bytes, more than the {maxBytes} bytes a reader accepts");
            }

            var buffer = new byte[length];
            var filled = 0;
            while (filled < buffer.Length)
            {
                var read = RandomAccess.Read(handle, buffer.AsSpan(filled), filled);
                if (read <= 0)
                {
                    // Shrunk while reading (a concurrent git command rewrote it): take what was there.
                    return buffer.AsSpan(0, filled).ToArray();
                }

                filled += read;
            }

            return buffer;
        }

        /// <summary>A one-line file (HEAD, commondir, a .git file) without its trailing line break and spaces.</summary>
        public static ReadOnlySpan<byte> TrimLine(ReadOnlySpan<byte> content)
        {
            var end = content.Length;
            while (end > 0 && (content[end - 1] == (byte)'\n' || content[end - 1] == (byte)'\r' || content[end - 1] == (byte)' ' || content[end - 1] == (byte)'\t'))
            {
                end--;
            }

            return content.Slice(0, end);
        }
    }
}
