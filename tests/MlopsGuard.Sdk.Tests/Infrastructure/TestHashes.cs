using System;
using System.Security.Cryptography;

namespace MlopsGuard.Sdk.Tests.Infrastructure
{
    /// <summary>Expected hashes, computed with the framework's SHA-256 alone (not the code under test), on both runtimes.</summary>
    internal static class TestHashes
    {
        public static string Sha256Hex(byte[] bytes)
        {
            using var sha = SHA256.Create();
            return BitConverter.ToString(sha.ComputeHash(bytes)).Replace("-", string.Empty).ToLowerInvariant();
        }
    }
}
