using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace MlopsGuard.Sdk.Tests.Validation
{
    /// <summary>Hostile and odd zip archives, built in memory.</summary>
    public static class TestZips
    {
        public static byte[] Create(params (string Name, byte[] Content)[] entries)
        {
            using var stream = new MemoryStream();
            using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
            {
                foreach (var (name, content) in entries)
                {
                    var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                    using var target = entry.Open();
                    target.Write(content, 0, content.Length);
                }
            }

            return stream.ToArray();
        }

        public static byte[] Text(string text) => Encoding.UTF8.GetBytes(text);

        /// <summary>Entries of zeros that compress about a thousand to one.</summary>
        public static byte[] ZerosBomb(int entries, int zerosPerEntry)
        {
            var zeros = new byte[zerosPerEntry];
            var list = new (string, byte[])[entries];
            for (var i = 0; i < entries; i++)
            {
                list[i] = ($"TransformerChain/Transform_{i:000}/Model.key", zeros);
            }

            return Create(list);
        }

        /// <summary>
        /// Rewrites the uncompressed size every local and central header declares (the same trick a bomb uses to
        /// claim gigabytes, or to hide how much it really holds).
        /// </summary>
        public static byte[] WithDeclaredSize(byte[] zip, uint declaredSize)
        {
            var bytes = (byte[])zip.Clone();
            for (var i = 0; i + 46 <= bytes.Length; i++)
            {
                var signature = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i));
                if (signature == 0x04034b50)
                {
                    BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i + 22), declaredSize);
                }
                else if (signature == 0x02014b50)
                {
                    BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i + 24), declaredSize);
                }
            }

            return bytes;
        }

        /// <summary>A TorchSharp state file (Module.save format) of a 3→2 linear layer.</summary>
        public static byte[] TorchSharpLinear()
        {
            using var stream = new MemoryStream();
            void Leb(ulong v)
            {
                while (v >= 0x80)
                {
                    stream.WriteByte((byte)(v | 0x80));
                    v >>= 7;
                }

                stream.WriteByte((byte)v);
            }

            void Tensor(string name, params int[] shape)
            {
                var nameBytes = Encoding.UTF8.GetBytes(name);
                Leb((ulong)nameBytes.Length);
                stream.Write(nameBytes, 0, nameBytes.Length);
                Leb(6); // Float32
                Leb((ulong)shape.Length);
                var count = 1;
                foreach (var d in shape)
                {
                    Leb((ulong)d);
                    count *= d;
                }

                stream.Write(new byte[count * 4], 0, count * 4);
            }

            Leb(2);
            Tensor("fc.weight", 2, 3);
            Tensor("fc.bias", 2);
            return stream.ToArray();
        }
    }
}
