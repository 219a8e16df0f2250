using System;
using MlopsGuard.Tasks.Maturity;
using Xunit;

namespace MlopsGuard.Sdk.Tests.Maturity
{
    public class ParameterAssessmentTests
    {
        [Theory]
        [InlineData(false, false, 0)]
        [InlineData(false, true, 0)] // a Level 2 criterion never counts while a Level 1 one fails
        [InlineData(true, false, 1)]
        [InlineData(true, true, 2)]
        public void Level_is_the_highest_level_whose_criteria_all_hold(bool levelOne, bool levelTwo, int expected)
        {
            var assessment = ParameterAssessment.Assess(5, new[] { "fact" }, new[]
            {
                new Criterion(1, levelOne, "one holds", "one is missing"),
                new Criterion(2, levelTwo, "two holds", "two is missing"),
            });
            Assert.Equal(expected, assessment.Level);
            Assert.Equal("CI", assessment.Name);
            Assert.Equal("fact", assessment.Evidence[0]);
            Assert.Equal(expected switch { 0 => new[] { "one is missing" }, 1 => new[] { "two is missing" }, _ => Array.Empty<string>() }, assessment.Missing);
        }

        [Fact]
        public void Without_criteria_of_a_level_that_level_is_reached()
        {
            Assert.Equal(2, ParameterAssessment.Assess(8, Array.Empty<string>(), new[] { new Criterion(1, true, "ok", "x") }).Level);
            Assert.Throws<ArgumentOutOfRangeException>(() => ParameterAssessment.Assess(9, Array.Empty<string>(), Array.Empty<Criterion>()));
        }
    }
}
