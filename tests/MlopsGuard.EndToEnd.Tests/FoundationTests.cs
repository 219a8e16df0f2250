using System.IO;
using System.IO.Compression;
using System.Linq;
using MlopsGuard.EndToEnd.Tests.Infrastructure;
using Xunit;

namespace MlopsGuard.EndToEnd.Tests
{
    /// <summary>The package as a user gets it: install either way, the level switch, enforcement, configuration, off switch.</summary>
    [Collection(EndToEndCollection.Name)]
    public class FoundationTests
    {
        /// <summary>Training code with an unseeded context on line 7, column 18 (it makes a trainer: a seed decides its runs).</summary>
        private const string UnseededProgram = @"using Microsoft.ML;

public static class Program
{
    public static void Main()
    {
        var ml = new MLContext();
        System.Console.WriteLine(ml.BinaryClassification.Trainers.SdcaLogisticRegression() is null);
    }
}
";

        /// <summary>An unseeded context on line 7 (MLG3001) and a split without a seed on line 9 (MLG3002): both Development rules.</summary>
        private const string UnseededSplitProgram = @"using Microsoft.ML;

public static class Program
{
    public static void Main()
    {
        var ml = new MLContext();
        var data = ml.Data.LoadFromEnumerable(new[] { new Row { X = 1f }, new Row { X = 2f } });
        var split = ml.Data.TrainTestSplit(data, testFraction: 0.5);
        System.Console.WriteLine(split.TrainSet.Schema.Count);
    }
}

public sealed class Row
{
    public float X { get; set; }
}
";

        private readonly PackageFeed _feed;

        public FoundationTests(PackageFeed feed) => _feed = feed;

        [Fact]
        public void Package_has_the_documented_layout()
        {
            using var package = ZipFile.OpenRead(TestEnvironment.PackagePath);
            var entries = package.Entries.Select(e => e.FullName).ToList();
            Assert.Contains("analyzers/dotnet/cs/MlopsGuard.Analyzers.dll", entries);
            Assert.Contains("analyzers/dotnet/cs/MlopsGuard.CodeFixes.dll", entries);
            Assert.Contains("build/MlopsGuard.props", entries);
            Assert.Contains("build/MlopsGuard.targets", entries);
            Assert.Contains("buildTransitive/MlopsGuard.props", entries);
            Assert.Contains("buildTransitive/MlopsGuard.targets", entries);
            Assert.Contains("buildMultiTargeting/MlopsGuard.props", entries);
            Assert.Contains("buildMultiTargeting/MlopsGuard.targets", entries);
            Assert.Contains("build/MlopsGuard.Lock.targets", entries);
            Assert.Contains("tasks/net8.0/MlopsGuard.Tasks.dll", entries);
            Assert.Contains("tasks/net472/MlopsGuard.Tasks.dll", entries);
            Assert.Contains("Sdk/Sdk.props", entries);
            Assert.Contains("Sdk/Sdk.targets", entries);
            Assert.Contains("tasks/net8.0/MlopsGuard.Tasks.dll", entries);
            // The level reaches the analyzers as properties: no level .globalconfig sets the rules by ID any more.
            Assert.DoesNotContain(entries, e => e.StartsWith("build/config/", System.StringComparison.Ordinal));
            Assert.DoesNotContain(entries, e => e.StartsWith("lib/", System.StringComparison.Ordinal));

            using var nuspec = new StreamReader(package.Entries.Single(e => e.FullName == "MlopsGuard.nuspec").Open());
            var text = nuspec.ReadToEnd();
            Assert.Contains("<developmentDependency>true</developmentDependency>", text);
            Assert.DoesNotContain("<dependencies>", text);
            Assert.DoesNotContain("MSBuildSdk", text);
        }

        [Fact]
        public void Default_build_warns_on_the_offending_line()
        {
            var project = Unseeded("default");
            var result = project.Build();
            Assert.True(result.Succeeded, result.ToString());
            var diagnostic = Assert.Single(result.MlopsGuard);
            Assert.Equal(("warning", "MLG3001", 7, 18), (diagnostic.Severity, diagnostic.Id, diagnostic.Line, diagnostic.Column));
            Assert.EndsWith("Program.cs", diagnostic.File, System.StringComparison.Ordinal);
        }

        [Fact]
        public void Ci_build_fails_with_an_error()
        {
            var result = Unseeded("ci").Build("-p:ContinuousIntegrationBuild=true");
            Assert.False(result.Succeeded, result.ToString());
            Assert.Contains(result.MlopsGuard, d => d is { Severity: "error", Id: "MLG3001", Line: 7 });
        }

        [Fact]
        public void Explicit_enforce_fails_and_explicit_no_enforce_in_ci_warns()
        {
            var enforced = Unseeded("enforce").Build("-p:MlopsEnforce=true");
            Assert.False(enforced.Succeeded, enforced.ToString());
            Assert.Contains(enforced.MlopsGuard, d => d is { Severity: "error", Id: "MLG3001" });

            var relaxed = Unseeded("relaxed").Build("-p:ContinuousIntegrationBuild=true", "-p:MlopsEnforce=false");
            Assert.True(relaxed.Succeeded, relaxed.ToString());
            Assert.Contains(relaxed.MlopsGuard, d => d is { Severity: "warning", Id: "MLG3001" });
        }

        [Fact]
        public void Level_zero_reports_nothing_in_the_build()
        {
            var result = Unseeded("level0").Build("-p:MlopsLevel=0", "-p:ContinuousIntegrationBuild=true");
            Assert.True(result.Succeeded, result.ToString());
            Assert.Empty(result.MlopsGuard);
        }

        [Fact]
        public void Editorconfig_of_the_user_wins_over_the_level()
        {
            var project = Unseeded("editorconfig");
            project.WriteFile(".editorconfig", "root = true\n\n[*.cs]\ndotnet_diagnostic.MLG3001.severity = none\n");
            // The maturity gate of a CI build is not what this test is about (MaturityTests covers it).
            var result = project.Build("-p:ContinuousIntegrationBuild=true", "-p:MlopsReportOnBuild=false");
            Assert.True(result.Succeeded, result.ToString());
            Assert.Empty(result.MlopsGuard);
        }

        [Fact]
        public void A_category_severity_in_editorconfig_wins_over_an_enforced_level_and_an_id_severity_over_the_category()
        {
            var project = TestProject.Create(_feed, "category");
            project.WriteFile("Program.cs", UnseededSplitProgram);

            // Development held to Level 1 by its own property while the project is at 0, and enforced: both rules fail the build.
            string[] arguments = { "-p:MlopsLevel=0", "-p:MlopsLevelDevelopment=1", "-p:MlopsEnforce=true" };
            var enforced = project.Build(arguments);
            Assert.False(enforced.Succeeded, enforced.ToString());
            Assert.Contains(enforced.MlopsGuard, d => d is { Severity: "error", Id: "MLG3001", Line: 7 });
            Assert.Contains(enforced.MlopsGuard, d => d is { Severity: "error", Id: "MLG3002", Line: 9 });

            project.WriteFile(".editorconfig", "root = true\n\n[*.cs]\ndotnet_analyzer_diagnostic.category-MLOps.Development.severity = none\ndotnet_diagnostic.MLG3002.severity = warning\n");
            var configured = project.Build(arguments);
            Assert.True(configured.Succeeded, configured.ToString());
            Assert.DoesNotContain(configured.MlopsGuard, d => d.Id == "MLG3001");
            var split = Assert.Single(configured.MlopsGuard, d => d.Id == "MLG3002");
            Assert.Equal(("warning", 9), (split.Severity, split.Line));
        }

        [Fact]
        public void NoWarn_and_pragma_suppress_like_any_compiler_warning()
        {
            var project = Unseeded("nowarn", "<PropertyGroup><NoWarn>$(NoWarn);MLG3001</NoWarn></PropertyGroup>");
            var result = project.Build();
            Assert.True(result.Succeeded, result.ToString());
            Assert.Empty(result.MlopsGuard);

            var pragma = Unseeded("pragma");
            pragma.WriteFile("Program.cs", UnseededProgram.Replace("        var ml = new MLContext();", "#pragma warning disable MLG3001\n        var ml = new MLContext();\n#pragma warning restore MLG3001"));
            var pragmaResult = pragma.Build("-p:ContinuousIntegrationBuild=true", "-p:MlopsReportOnBuild=false");
            Assert.True(pragmaResult.Succeeded, pragmaResult.ToString());
            Assert.Empty(pragmaResult.MlopsGuard);
        }

        [Fact]
        public void Disabled_package_reports_nothing()
        {
            var result = Unseeded("disabled").Build("-p:MlopsGuardEnabled=false", "-p:ContinuousIntegrationBuild=true");
            Assert.True(result.Succeeded, result.ToString());
            Assert.Empty(result.MlopsGuard);
        }

        [Fact]
        public void Used_as_an_msbuild_sdk_it_warns_the_same()
        {
            var project = TestProject.Create(_feed, "sdk", sdkLine: $@"<Sdk Name=""MlopsGuard"" Version=""{_feed.Version}"" />", packageReference: false);
            project.WriteFile("Program.cs", UnseededProgram);
            var result = project.Build();
            Assert.True(result.Succeeded, result.ToString());
            var diagnostic = Assert.Single(result.MlopsGuard);
            Assert.Equal(("warning", "MLG3001", 7), (diagnostic.Severity, diagnostic.Id, diagnostic.Line));

            var ci = project.Build("-p:ContinuousIntegrationBuild=true");
            Assert.False(ci.Succeeded, ci.ToString());
        }

        [Fact]
        public void A_library_packed_with_the_documented_reference_does_not_make_its_consumers_depend_on_MlopsGuard()
        {
            // The README's install snippet, in a library that is packed and published.
            var project = TestProject.Create(_feed, "library", $@"<PropertyGroup><OutputType>Library</OutputType><IsPackable>true</IsPackable><PackageId>Contoso.Scoring</PackageId><Version>1.0.0</Version></PropertyGroup>
  <ItemGroup><PackageReference Include=""MlopsGuard"" Version=""{_feed.Version}"" PrivateAssets=""all"" /></ItemGroup>", packageReference: false);
            project.WriteFile("Scorer.cs", "namespace Contoso.Scoring; public static class Scorer { public static Microsoft.ML.MLContext Create() => new Microsoft.ML.MLContext(seed: 1); }\n");
            var output = Path.Combine(project.Directory, "out");
            var pack = project.Pack("-o", output);
            Assert.True(pack.Succeeded, pack.ToString());

            using var package = ZipFile.OpenRead(Path.Combine(output, "Contoso.Scoring.1.0.0.nupkg"));
            using var reader = new StreamReader(package.Entries.Single(e => e.FullName.EndsWith(".nuspec", System.StringComparison.Ordinal)).Open());
            var nuspec = reader.ReadToEnd();
            Assert.Contains("id=\"Microsoft.ML\"", nuspec);
            Assert.DoesNotContain("id=\"MlopsGuard\"", nuspec);
        }

        [Fact]
        public void Sdk_and_package_reference_together_load_the_analyzers_once()
        {
            var project = TestProject.Create(_feed, "both", sdkLine: $@"<Sdk Name=""MlopsGuard"" Version=""{_feed.Version}"" />");
            project.WriteFile("Program.cs", UnseededProgram);
            var result = project.Build();
            Assert.True(result.Succeeded, result.ToString());
            Assert.Equal("MLG3001", Assert.Single(result.MlopsGuard).Id);
            Assert.DoesNotContain("MSB4011", result.Output); // imported twice
            Assert.DoesNotContain("CS8034", result.Output);  // analyzer could not be loaded
        }

        [Fact]
        public void Project_without_ml_libraries_builds_clean()
        {
            var project = TestProject.Create(_feed, "noml", withMlNet: false);
            project.WriteFile("Program.cs", "public static class Program { public static void Main() { System.Console.WriteLine(new System.Random(1).Next()); } }\n");
            var result = project.Build("-p:ContinuousIntegrationBuild=true", "-p:MlopsLevel=2");
            Assert.True(result.Succeeded, result.ToString());
            Assert.DoesNotContain(result.Diagnostics, d => d.Severity != "info");
        }

        [Theory]
        [InlineData("-p:MlopsLevel=3", "MlopsLevel is '3'")]
        [InlineData("-p:MlopsEnforce=sometimes", "MlopsEnforce is 'sometimes'")]
        [InlineData("-p:MlopsLevelData=3", "MlopsLevelData is '3'")]
        public void Invalid_properties_stop_the_build_with_MLG5005(string argument, string message)
        {
            var result = Unseeded("invalid").Build(argument);
            Assert.False(result.Succeeded, result.ToString());
            Assert.Contains(result.MlopsGuard, d => d.Id == "MLG5005" && d.Severity == "error" && d.Message.Contains(message, System.StringComparison.Ordinal));
        }

        private TestProject Unseeded(string name, string? extraProjectContent = null)
        {
            var project = TestProject.Create(_feed, name, extraProjectContent);
            project.WriteFile("Program.cs", UnseededProgram);
            return project;
        }
    }
}
