using System;
using System.IO;
using System.IO.Compression;

namespace MlopsGuard.Tasks.Packaging.Git
{
    /// <summary>A loose object file: zlib over <c>type size\0content</c>.</summary>
    internal static class GitLooseObject
    {
        private const int MaxHeaderBytes = 32;

        /// <summary>Path of the loose object <paramref name="id"/> below an objects folder.</summary>
        public static string PathOf(string objectsDirectory, ReadOnlySpan<byte> id)
        {
            var hex = GitObjectId.ToHex(id);
            return Path.Combine(objectsDirectory, hex.Substring(0, 2), hex.Substring(2));
        }

        /// <summary>Inflates and checks a loose object; <paramref name="maxBytes"/> caps its content.</summary>
        public static GitObject Parse(byte[] compressed, int maxBytes, string what)
        {
            if (compressed.LongLength > GitZlib.CompressedBound(maxBytes) + MaxHeaderBytes)
            {
                throw new GitFormatException($"{what} is {compressed.LongLength} bytes compressed, more than a {maxBytes}-byte object needs");
            }

            try
            {
                using var zlib = new ZLibStream(new MemoryStream(compressed, writable: false), CompressionMode.Decompress);
                var (type, size) = ReadHeader(zlib, what);
                if (size > maxBytes)
                {
                    throw new GitFormatException($"{what} is a {size}-byte {GitObjectId.TypeName(type)}, more than the {maxBytes} bytes a reader accepts");
                }

                var data = GitZlib.ReadExactly(zlib, (int)size, what);
                GitZlib.EnsureEnd(zlib, what);
                return new GitObject(type, data);
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

        private static (GitObjectType Type, long Size) ReadHeader(Stream zlib, string what)
        {
            Span<byte> header = stackalloc byte[MaxHeaderBytes];
            var length = 0;
            while (true)
            {
                var b = zlib.ReadByte();
                if (b < 0)
                {
                    throw new GitFormatException($"{what} ends inside its header");
                }

                if (b == 0)
                {
                    break;
                }

                if (length == header.Length)
                {
                    throw new GitFormatException($"{what} has no valid object header");
                }

                header[length++] = (byte)b;
            }

            var text = header.Slice(0, length);
            var space = text.IndexOf((byte)' ');
            if (space <= 0)
            {
                throw new GitFormatException($"{what} has no valid object header");
            }

            var name = text.Slice(0, space);
            GitObjectType type;
            if (name.SequenceEqual("commit"u8))
            {
                type = GitObjectType.Commit;
            }
            else if (name.SequenceEqual("tree"u8))
            {
                type = GitObjectType.Tree;
            }
            else if (name.SequenceEqual("blob"u8))
            {
                type = GitObjectType.Blob;
            }
            else if (name.SequenceEqual("tag"u8))
            {
                type = GitObjectType.Tag;
            }
            else
            {
                throw new GitFormatException($"{what} has an unknown object type");
            }

            var digits = text.Slice(space + 1);
            if (digits.IsEmpty || digits.Length > 18 || (digits.Length > 1 && digits[0] == (byte)'0'))
            {
                throw new GitFormatException($"{what} has an invalid size in its header");
            }

            long size = 0;
            foreach (var d in digits)
            {
                if (d < (byte)'0' || d > (byte)'9')
                {
                    throw new GitFormatException($"{what} has an invalid size in its header");
                }

                size = (size * 10) + (d - '0');
            }

            return (type, size);
        }
    }
}
