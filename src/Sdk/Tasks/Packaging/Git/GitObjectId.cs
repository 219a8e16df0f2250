using System;
using System.Security.Cryptography;
using System.Text;

namespace MlopsGuard.Tasks.Packaging.Git
{
    /// <summary>
    /// Object ids: raw bytes (20 for SHA-1, 32 for SHA-256), their hex form, and the hash git computes over
    /// <c>type size\0content</c>, which lets the reader prove the commit it returns is the one HEAD names.
    /// </summary>
    internal static class GitObjectId
    {
        public const int Sha1Length = 20;

        public const int Sha256Length = 32;

        /// <summary>Parses exactly <c>2 * hashLength</c> hex digits (either case); false for anything else.</summary>
        public static bool TryParseHex(ReadOnlySpan<byte> ascii, int hashLength, out byte[] id)
        {
            id = Array.Empty<byte>();
            if (ascii.Length != hashLength * 2)
            {
                return false;
            }

            var bytes = new byte[hashLength];
            for (var i = 0; i < hashLength; i++)
            {
                var high = HexValue(ascii[2 * i]);
                var low = HexValue(ascii[(2 * i) + 1]);
                if (high < 0 || low < 0)
                {
                    return false;
                }

                bytes[i] = (byte)((high << 4) | low);
            }

            id = bytes;
            return true;
        }

        public static bool TryParseHex(string text, int hashLength, out byte[] id) =>
            TryParseHex(Encoding.ASCII.GetBytes(text), hashLength, out id);

        public static string ToHex(ReadOnlySpan<byte> id) => Convert.ToHexString(id).ToLowerInvariant();

        /// <summary>The id git gives an object of this type and content.</summary>
        public static byte[] Compute(GitObjectType type, ReadOnlySpan<byte> data, int hashLength)
        {
            using var hash = IncrementalHash.CreateHash(hashLength == Sha256Length ? HashAlgorithmName.SHA256 : HashAlgorithmName.SHA1);
            hash.AppendData(Encoding.ASCII.GetBytes($"{TypeName(type)} {data.Length}\0"));
            hash.AppendData(data);
            return hash.GetHashAndReset();
        }

        public static string TypeName(GitObjectType type) => type switch
        {
            GitObjectType.Commit => "commit",
            GitObjectType.Tree => "tree",
            GitObjectType.Blob => "blob",
            GitObjectType.Tag => "tag",
            _ => type.ToString(),
        };

        private static int HexValue(byte c) => c switch
        {
            >= (byte)'0' and <= (byte)'9' => c - '0',
            >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
            >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
            _ => -1,
        };
    }
}
