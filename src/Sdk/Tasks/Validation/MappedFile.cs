using System;
using System.IO;
using System.IO.MemoryMappedFiles;

namespace MlopsGuard.Tasks.Validation
{
    /// <summary>
    /// Hands a model file to a span-based reader. Files up to <see cref="MaxCopiedBytes"/> are read into memory; larger
    /// ones are mapped read-only, so a big ONNX model costs no copy: the reader skips weights by their
    /// lengths and the pages it skips are never read from disk. (A mapped file must not be truncated while it is read,
    /// which is why small files, the usual case, are copied.)
    /// </summary>
    internal static class MappedFile
    {
        /// <summary>A span is indexed by int; protobuf messages cannot exceed 2 GiB either.</summary>
        public const long MaxBytes = int.MaxValue;

        /// <summary>Files up to this size are copied into memory instead of mapped.</summary>
        public const long MaxCopiedBytes = 256L * 1024 * 1024;

        public delegate T SpanReader<out T>(ReadOnlySpan<byte> bytes);

        public static unsafe T Read<T>(FileStream file, SpanReader<T> reader, long maxCopiedBytes = MaxCopiedBytes)
        {
            var length = file.Length;
            if (length > MaxBytes)
            {
                throw new InvalidModelException($"the file is {length} bytes, larger than the 2 GiB one ONNX protobuf message can hold (a larger model keeps its weights in external data files)");
            }

            if (length <= maxCopiedBytes)
            {
                var bytes = new byte[length];
                file.Position = 0;
                file.ReadExactly(bytes, 0, bytes.Length);
                return reader(bytes);
            }

            using var map = MemoryMappedFile.CreateFromFile(file, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: true);
            using var view = map.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
            var handle = view.SafeMemoryMappedViewHandle;
            byte* pointer = null;
            handle.AcquirePointer(ref pointer);
            try
            {
                return reader(new ReadOnlySpan<byte>(pointer + view.PointerOffset, (int)length));
            }
            finally
            {
                handle.ReleasePointer();
            }
        }
    }
}
