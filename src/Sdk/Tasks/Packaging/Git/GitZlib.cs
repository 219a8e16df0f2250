using System;
using System.IO;
using System.IO.Compression;

namespace MlopsGuard.Tasks.Packaging.Git
{
    /// <summary>
    /// Inflates git's zlib streams to an exact, declared size: a stream that ends early or holds more than it declared
    /// is corrupt, as git itself treats it. The output buffer grows with what really inflates, so a lying size field
    /// costs no memory up front.
    /// </summary>
    internal static class GitZlib
    {
        private const int InitialBuffer = 16 * 1024;

        /// <summary>Compressed bytes allowed for <paramref name="size"/> inflated bytes: deflate never expands real data by half.</summary>
        public static long CompressedBound(long size) => (2 * size) + 1024;

        public static byte[] InflateExactly(Stream compressed, int size, string what)
        {
            try
            {
                using var zlib = new ZLibStream(compressed, CompressionMode.Decompress, leaveOpen: true);
                var data = ReadExactly(zlib, size, what);
                EnsureEnd(zlib, what);
                return data;
            }
            catch (InvalidDataException ex)
            {
                throw new GitFormatException($"{what} is not valid zlib data ({ex.Message})");
            }
            catch (IOException ex)
            {
                // zlib reports some corrupt streams as ZLibException, an IOException.
                throw new GitFormatException($"{what} cannot be inflated ({ex.Message})");
            }
        }

        /// <summary>Reads exactly <paramref name="size"/> inflated bytes from an open zlib stream.</summary>
        public static byte[] ReadExactly(Stream zlib, int size, string what)
        {
            var buffer = new byte[Math.Min(size, InitialBuffer)];
            var filled = 0;
            while (filled < size)
            {
                if (filled == buffer.Length)
                {
                    Array.Resize(ref buffer, (int)Math.Min(size, 2L * buffer.Length));
                }

                var read = zlib.Read(buffer, filled, buffer.Length - filled);
                if (read <= 0)
                {
                    throw new GitFormatException($"{what} inflates to {filled} bytes, fewer than the {size} it declares");
                }

                filled += read;
            }

            return buffer;
        }

        /// <summary>Fails when the stream inflates to more bytes than were declared.</summary>
        public static void EnsureEnd(Stream zlib, string what)
        {
            Span<byte> probe = stackalloc byte[1];
            if (zlib.Read(probe) > 0)
            {
                throw new GitFormatException($"{what} inflates to more bytes than it declares");
            }
        }
    }
}
