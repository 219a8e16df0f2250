using System;
using System.IO;

namespace MlopsGuard.Tasks.Packaging.Git
{
    /// <summary>A forward-only window of a <see cref="GitByteSource"/>, so zlib never reads past the bytes it is allowed.</summary>
    internal sealed class GitSourceStream : Stream
    {
        private readonly GitByteSource source;
        private readonly long end;
        private long position;

        public GitSourceStream(GitByteSource source, long offset, long length)
        {
            this.source = source;
            position = Math.Max(0, offset);
            end = Math.Min(source.Length, position + Math.Max(0, length));
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var available = end - position;
            if (available <= 0 || buffer.IsEmpty)
            {
                return 0;
            }

            var read = source.ReadAt(position, buffer.Slice(0, (int)Math.Min(buffer.Length, available)));
            position += Math.Max(0, read);
            return Math.Max(0, read);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
