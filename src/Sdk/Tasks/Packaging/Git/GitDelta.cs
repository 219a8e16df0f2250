using System;

namespace MlopsGuard.Tasks.Packaging.Git
{
    /// <summary>
    /// Applies a git delta: base size and result size (little-endian 7-bit groups), then instructions that either
    /// copy a range of the base (high bit set; bits 0–3 say which offset bytes follow, bits 4–6 which size bytes, a
    /// size of 0 meaning 64 KiB) or insert the next 1–127 literal bytes. Every range is checked before it is copied.
    /// </summary>
    internal static class GitDelta
    {
        public static byte[] Apply(ReadOnlySpan<byte> baseData, ReadOnlySpan<byte> delta, int maxBytes)
        {
            var position = 0;
            var baseSize = ReadSize(delta, ref position);
            var resultSize = ReadSize(delta, ref position);
            if (baseSize != baseData.Length)
            {
                throw new GitFormatException($"delta expects a {baseSize}-byte base but its base has {baseData.Length} bytes");
            }

            if (resultSize > maxBytes)
            {
                throw new GitFormatException($"delta produces {resultSize} bytes, more than the {maxBytes} bytes a reader accepts");
            }

            var result = new byte[resultSize];
            var written = 0;
            while (position < delta.Length)
            {
                var op = delta[position++];
                if ((op & 0x80) != 0)
                {
                    long copyOffset = 0;
                    long copySize = 0;
                    for (var i = 0; i < 4; i++)
                    {
                        if ((op & (1 << i)) != 0)
                        {
                            copyOffset |= (long)Next(delta, ref position) << (8 * i);
                        }
                    }

                    for (var i = 0; i < 3; i++)
                    {
                        if ((op & (0x10 << i)) != 0)
                        {
                            copySize |= (long)Next(delta, ref position) << (8 * i);
                        }
                    }

                    if (copySize == 0)
                    {
                        copySize = 0x10000;
                    }

                    if (copyOffset + copySize > baseData.Length || written + copySize > resultSize)
                    {
                        throw new GitFormatException("delta copies a range outside its base or past its declared size");
                    }

                    baseData.Slice((int)copyOffset, (int)copySize).CopyTo(result.AsSpan(written));
                    written += (int)copySize;
                }
                else if (op != 0)
                {
                    if (position + op > delta.Length || written + op > resultSize)
                    {
                        throw new GitFormatException("delta inserts bytes it does not hold or past its declared size");
                    }

                    delta.Slice(position, op).CopyTo(result.AsSpan(written));
                    position += op;
                    written += op;
                }
                else
                {
                    throw new GitFormatException("delta holds the reserved instruction 0");
                }
            }

            if (written != resultSize)
            {
                throw new GitFormatException($"delta produces {written} bytes, not the {resultSize} it declares");
            }

            return result;
        }

        private static int ReadSize(ReadOnlySpan<byte> delta, ref int position)
        {
            long size = 0;
            var shift = 0;
            byte b;
            do
            {
                if (shift > 56)
                {
                    throw new GitFormatException("delta has a malformed size");
                }

                b = Next(delta, ref position);
                size |= (long)(b & 0x7F) << shift;
                shift += 7;
            }
            while ((b & 0x80) != 0);

            // Sizes past int range are out of every limit anyway; report them as such.
            return size > int.MaxValue ? int.MaxValue : (int)size;
        }

        private static byte Next(ReadOnlySpan<byte> delta, ref int position)
        {
            if (position >= delta.Length)
            {
                throw new GitFormatException("delta is cut short");
            }

            return delta[position++];
        }
    }
}
