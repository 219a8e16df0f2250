using MlopsGuard.Tasks.Packaging;
using Xunit;

namespace MlopsGuard.Sdk.Tests.Packaging
{
    public class PackageIdentityTests
    {
        [Theory]
        [InlineData("1.2.0", "1.2.0", "1.2.0")]
        [InlineData("1.2", "1.2.0", "1.2.0")]
        [InlineData("01.002.3", "1.2.3", "1.2.3")]
        [InlineData("1.2.3.0", "1.2.3", "1.2.3")]
        [InlineData("1.2.3.4", "1.2.3.4", "1.2.3.4")]
        [InlineData("1.0.0-beta.1", "1.0.0-beta.1", "1.0.0-beta.1")]
        [InlineData("1.0.0-beta+sha.abc", "1.0.0-beta", "1.0.0-beta+sha.abc")]
        public void Versions_are_normalized_like_NuGet(string version, string normalized, string full)
        {
            Assert.True(PackageIdentity.TryCreate("Contoso.Model.sentiment", version, out var identity, out _));
            Assert.Equal(normalized, identity!.Version);
            Assert.Equal(full, identity.FullVersion);
            Assert.Equal("Contoso.Model.sentiment." + normalized + ".nupkg", identity.FileName);
        }

        [Theory]
        [InlineData("")]
        [InlineData("1.2.3.4.5")]
        [InlineData("v1.0")]
        [InlineData("1.0.0-")]
        [InlineData("1.0.0-beta..1")]
        [InlineData("99999999999.0.0")]
        public void Invalid_versions_are_refused(string version) =>
            Assert.False(PackageIdentity.TryCreate("Contoso", version, out _, out _));

        [Theory]
        [InlineData("Contoso.Model.sentiment", true)]
        [InlineData("heart-onnx", true)]
        [InlineData("a_b.c-d", true)]
        [InlineData("my model", false)]
        [InlineData("a..b", false)]
        [InlineData(".a", false)]
        [InlineData("a/b", false)]
        public void Ids_follow_NuGets_rule(string id, bool valid) => Assert.Equal(valid, PackageIdentity.IsValidId(id));

        [Fact]
        public void Ids_longer_than_100_characters_are_refused() => Assert.False(PackageIdentity.IsValidId(new string('a', 101)));
    }
}
