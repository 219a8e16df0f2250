using System;
using System.IO;
using System.Security.Cryptography;
using MlopsGuard.Tasks.Lock.Hashing;
using Xunit;
using MlopsGuard.Sdk.Tests.Infrastructure;

namespace MlopsGuard.Sdk.Tests.Lock
{
    public class ArtifactHasherTests
    {
        [Fact]
        public void An_empty_file_has_the_well_known_empty_hashes()
        {
            using var repo = new TempRepository();
            var path = repo.Write("empty", string.Empty);
            Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", ArtifactHasher.Sha256(path));
            Assert.Equal("d41d8cd98f00b204e9800998ecf8427e", ArtifactHasher.Md5(path));
        }

        [Fact]
        public void Known_vectors_hash_as_published()
        {
            using var repo = new TempRepository();
            var path = repo.Write("abc", "abc");
            Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ArtifactHasher.Sha256(path));
            Assert.Equal("900150983cd24fb0d6963f7d28e17f72", ArtifactHasher.Md5(path));
        }

        [Fact]
        public void Files_larger_than_the_buffer_hash_like_a_one_shot_hash()
        {
            using var repo = new TempRepository();
            var bytes = new byte[(ArtifactHasher.BufferSize * 2) + 12345];
            new Random(7).NextBytes(bytes);
            var path = repo.WriteBytes("big.bin", bytes);
            Assert.Equal(TestHashes.Sha256Hex(bytes), ArtifactHasher.Sha256(path));
        }

        [Fact]
        public void A_missing_file_is_an_IOException_for_the_caller_to_report()
        {
            using var repo = new TempRepository();
            Assert.ThrowsAny<IOException>(() => ArtifactHasher.Sha256(repo.Full("nope")));
        }
    }
}
