using System;
using MlopsGuard.Tasks.Infrastructure;
using Xunit;

namespace MlopsGuard.Sdk.Tests.Infrastructure
{
    public class HumanReadableTests
    {
        [Theory]
        [InlineData(0L, "0 bytes")]
        [InlineData(1L, "1 byte")]
        [InlineData(999L, "999 bytes")]
        [InlineData(1_000L, "1.0 KB")]
        [InlineData(8_961L, "9.0 KB")]
        [InlineData(999_949L, "999.9 KB")]
        [InlineData(999_999L, "1.0 MB")]
        [InlineData(120_300_000L, "120.3 MB")]
        [InlineData(2_147_483_648L, "2.1 GB")]
        [InlineData(5_000_000_000_000L, "5.0 TB")]
        [InlineData(5_000_000_000_000_000L, "5000.0 TB")]
        public void Bytes_count_in_powers_of_a_thousand(long bytes, string expected) =>
            Assert.Equal(expected, HumanReadable.Bytes(bytes));

        [Theory]
        [InlineData(0, "0.0 s")]
        [InlineData(420, "0.4 s")]
        [InlineData(12_345, "12.3 s")]
        [InlineData(59_940, "59.9 s")]
        [InlineData(59_960, "1 min 00 s")]
        [InlineData(125_400, "2 min 05 s")]
        [InlineData(-5, "0.0 s")]
        public void Durations_are_seconds_then_minutes(int milliseconds, string expected) =>
            Assert.Equal(expected, HumanReadable.Duration(TimeSpan.FromMilliseconds(milliseconds)));
    }
}
