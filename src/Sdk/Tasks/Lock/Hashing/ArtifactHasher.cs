using System;
using System.Buffers;
using System.IO;
using System.Security.Cryptography;
using MlopsGuard.Tasks.Compatibility;

namespace MlopsGuard.Tasks.Lock.Hashing
{
    /// <summary>
    /// Streams a file through a hash in large buffers. On Linux .NET's hashes are OpenSSL's, so the cost is the same
    /// as <c>openssl dgst</c> as long as the reads are big and unbuffered twice.
    /// </summary>
    internal static class ArtifactHasher
    {
        /// <summary>1 MiB reads: large enough that per-call overhead vanishes, small enough to stay in cache.</summary>
        public const int BufferSize = 1 << 20;

        public static string Sha256(string path) => Hash(path, HashAlgorithmName.SHA256);

        /// <summary>DVC records MD5 (of the raw bytes, since DVC 3).</summary>
        public static string Md5(string path) => Hash(path, HashAlgorithmName.MD5);

        public static string Hash(string path, HashAlgorithmName algorithm)
        {
            // bufferSize 1 turns off FileStream's own buffer: our 1 MiB reads go straight to the OS.
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, bufferSize: 1, FileOptions.SequentialScan);
            return Hash(stream, algorithm);
        }

        public static string Hash(Stream stream, HashAlgorithmName algorithm)
        {
            using var hash = IncrementalHash.CreateHash(algorithm);
            var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
            try
            {
                int read;
                while ((read = stream.Read(buffer, 0, BufferSize)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            return ToHex(hash.GetHashAndReset());
        }

        public static string ToHex(byte[] bytes) => Portable.ToHex(bytes);
    }
}
