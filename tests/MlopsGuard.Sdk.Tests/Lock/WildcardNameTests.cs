using MlopsGuard.Tasks.Lock.Paths;
using Xunit;

namespace MlopsGuard.Sdk.Tests.Lock
{
    public class WildcardNameTests
    {
        [Theory]
        [InlineData("*.csv", "train.csv", true)]
        [InlineData("*.csv", "train.csv.bak", false)]
        [InlineData("train-?.csv", "train-1.csv", true)]
        [InlineData("train-?.csv", "train-10.csv", false)]
        [InlineData("*", "", true)]
        [InlineData("a*b*c", "aXbYbZc", true)]
        [InlineData("a*b*c", "aXbYbZ", false)]
        [InlineData("**", "anything", true)]
        [InlineData("data", "data", true)]
        [InlineData("data", "Data", false)]
        [InlineData("*.CSV", "train.csv", false)]
        public void Matches_star_and_question_mark_within_one_name(string pattern, string name, bool expected) =>
            Assert.Equal(expected, WildcardName.Matches(pattern, name, ignoreCase: false));

        [Fact]
        public void Ignores_case_where_the_file_system_does() =>
            Assert.True(WildcardName.Matches("*.CSV", "train.csv", ignoreCase: true));

        [Fact]
        public void A_pattern_built_to_backtrack_is_matched_in_linear_steps() =>
            Assert.False(WildcardName.Matches(new string('*', 50) + "a" + new string('*', 50) + "b", new string('a', 100_000), ignoreCase: false));
    }
}
