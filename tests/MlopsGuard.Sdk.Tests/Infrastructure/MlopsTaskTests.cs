using System;
using MlopsGuard.Tasks.Infrastructure;
using Xunit;

namespace MlopsGuard.Sdk.Tests.Infrastructure
{
    public class MlopsTaskTests
    {
        [Theory]
        [InlineData(0, false, RuleSeverity.Suggestion)]
        [InlineData(1, false, RuleSeverity.Warning)]
        [InlineData(1, true, RuleSeverity.Error)]
        [InlineData(2, true, RuleSeverity.Error)]
        public void Level_one_rules_follow_the_level_switch(int level, bool enforce, RuleSeverity expected)
        {
            var task = new ProbeTask { MlopsLevel = level, MlopsEnforce = enforce };
            Assert.Equal(expected, task.Severity(RuleIdentifiers.UnseededMLContext));
        }

        [Fact]
        public void Rules_without_a_level_warn_and_fail_when_enforced()
        {
            Assert.Equal(RuleSeverity.Warning, new ProbeTask { MlopsLevel = 0 }.Severity(RuleIdentifiers.InvalidConfiguration));
            Assert.Equal(RuleSeverity.Error, new ProbeTask { MlopsEnforce = true }.Severity(RuleIdentifiers.InvalidConfiguration));
        }

        [Fact]
        public void A_parameter_level_overrides_MlopsLevel_for_that_parameter_only()
        {
            // As the targets pass them: every parameter, empty where the project sets none.
            var levels = "MlopsLevelGovernance=;MlopsLevelData=2;MlopsLevelDevelopment=0;MlopsLevelModelRelease=;MlopsLevelCI=;MlopsLevelCD=;MlopsLevelTesting=;MlopsLevelMonitoring=";
            var task = new ProbeTask { MlopsLevel = 1, MlopsParameterLevels = levels };

            Assert.Equal(RuleSeverity.Warning, task.Severity(RuleIdentifiers.DownloadWithoutIntegrityCheck)); // Level 2 rule, Data at 2
            Assert.Equal(RuleSeverity.Suggestion, task.Severity(RuleIdentifiers.UnseededMLContext));          // Development at 0
            Assert.Equal(RuleSeverity.Suggestion, task.Severity(RuleIdentifiers.ArtifactWithoutOwner));       // Governance follows MlopsLevel 1
            Assert.Equal(RuleSeverity.Warning, task.Severity(RuleIdentifiers.MlProjectWithoutTests));          // Testing follows MlopsLevel 1

            task.MlopsEnforce = true;
            Assert.Equal(RuleSeverity.Error, task.Severity(RuleIdentifiers.ArtifactChanged));
            Assert.Equal(RuleSeverity.Suggestion, task.Severity(RuleIdentifiers.UnseededMLContext));
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("MlopsLevelData=")]
        [InlineData("MlopsLevelData=7;nonsense;=2")]
        public void Missing_or_unusable_parameter_levels_follow_MlopsLevel(string? levels)
        {
            var task = new ProbeTask { MlopsLevel = 2, MlopsParameterLevels = levels };
            Assert.Equal(RuleSeverity.Warning, task.Severity(RuleIdentifiers.DownloadWithoutIntegrityCheck));
        }

        [Fact]
        public void Reports_carry_code_file_and_help_link()
        {
            var engine = new RecordingBuildEngine();
            var task = new ProbeTask { BuildEngine = engine, MlopsEnforce = true, Action = t => t.ReportProbe("data/x.csv", "broken") };
            Assert.False(task.Execute());
            var error = Assert.Single(engine.Errors);
            Assert.Equal(RuleIdentifiers.UnseededMLContext, error.Code);
            Assert.Equal("data/x.csv", error.File);
            Assert.Equal("broken", error.Message);
            Assert.EndsWith("/docs/rules/MLG3001.md", error.HelpLink, StringComparison.Ordinal);
        }

        [Fact]
        public void Suggestions_are_messages_not_warnings()
        {
            var engine = new RecordingBuildEngine();
            var task = new ProbeTask { BuildEngine = engine, MlopsLevel = 0, Action = t => t.ReportProbe(null, "hint") };
            Assert.True(task.Execute());
            Assert.Empty(engine.Codes);
            Assert.Contains(engine.Messages, m => m.Message!.Contains("MLG3001", StringComparison.Ordinal));
        }

        [Fact]
        public void An_unexpected_exception_becomes_an_error_not_a_crash()
        {
            var engine = new RecordingBuildEngine();
            var task = new ProbeTask { BuildEngine = engine, Action = _ => throw new InvalidOperationException("boom") };
            Assert.False(task.Execute());
            Assert.Contains("boom", Assert.Single(engine.Errors).Message, StringComparison.Ordinal);
        }

        private sealed class ProbeTask : MlopsTask
        {
            public Action<ProbeTask>? Action { get; set; }

            public RuleSeverity Severity(string id) => SeverityOf(id);

            public void ReportProbe(string? file, string message) => Report(RuleIdentifiers.UnseededMLContext, file, message);

            protected override void Run() => Action?.Invoke(this);
        }
    }
}
