using System;
using System.IO;
using Microsoft.Win32.SafeHandles;

namespace MlopsGuard.Tasks.Packaging.Git
{
    /// <summary>
    /// Random access to the bytes of a pack or pack index, from a file or from memory (the fuzz tests). Index lookups
    /// read a few dozen bytes at a time, so a large repository's index is never loaded whole.
    /// </summary>
    internal abstract class GitByteSource : IDisposable
    {
        public abstract long Length { get; }

        public static GitByteSource FromBytes(byte[] bytes) => new MemorySource(bytes);

        public static GitByteSource OpenFile(string path) =>
            new FileSource(File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));

        /// <summary>Fills <paramref name="buffer"/> from <paramref name="offset"/>, or throws naming <paramref name="what"/>.</summary>
        public void ReadExactly(long offset, Span<byte> buffer, string what)
        {
            if (offset < 0 || offset > Length - buffer.Length)
            {
                throw new GitFormatException($"{what} at offset {offset} lies outside the {Length} bytes of the file");
            }

            var filled = 0;
            while (filled < buffer.Length)
            {
                var read = ReadAt(offset + filled, buffer.Slice(filled));
                if (read <= 0)
                {
                    throw new GitFormatException($"{what} at offset {offset} is cut short");
                }

                filled += read;
            }
        }

        /// <summary>Up to <paramref name="buffer"/>.Length bytes at <paramref name="offset"/> (0 at the end).</summary>
        public abstract int ReadAt(long offset, Span<byte> buffer);

        /// <summary>A read-only stream over <paramref name="length"/> bytes from <paramref name="offset"/>, for zlib.</summary>
        public Stream OpenStream(long offset, long length) => new GitSourceStream(this, offset, length);

        public virtual void Dispose()
        {
        }

        private sealed class MemorySource : GitByteSource
        {
            private readonly byte[] bytes;

            public MemorySource(byte[] bytes)
            {
                this.bytes = bytes;
            }

            public override long Length => bytes.Length;

            public override int ReadAt(long offset, Span<byte> buffer)
            {
                if (offset < 0 || offset >= bytes.Length)
                {
                    return 0;
                }

                var count = (int)Math.Min(buffer.Length, bytes.Length - offset);
                bytes.AsSpan((int)offset, count).CopyTo(buffer);
                return count;
            }
        }

        private sealed class FileSource : GitByteSource
        {
            private readonly SafeFileHandle handle;

            public FileSource(SafeFileHandle handle)
            {
                this.handle = handle;
                Length = RandomAccess.GetLength(handle);
            }

            // Fixed at open: git never rewrites a pack in place, it writes a new one.
            public override long Length { get; }

            public override int ReadAt(long offset, Span<byte> buffer) =>
                offset < 0 || offset >= Length ? 0 : RandomAccess.Read(handle, buffer, offset);

            public override void Dispose() => handle.Dispose();
        }
    }
}
