using System.IO;
using System.Linq;
using System.Text.Json;
using MlopsGuard.EndToEnd.Tests.Infrastructure;
using Xunit;

namespace MlopsGuard.EndToEnd.Tests
{
    /// <summary>
    /// Which tasks assembly each MSBuild loads from the installed package: .NET SDK's MSBuild runs on .NET, Visual Studio's
    /// and MSBuild.exe's on .NET Framework, Mono's MSBuild on Mono. This machine has only the first; the others are asked
    /// through the property the choice reads, and the .NET Framework assembly itself is tested under Mono
    /// (tests/MlopsGuard.Sdk.Tests/NetFramework).
    /// </summary>
    [Collection(EndToEndCollection.Name)]
    public class BuildHostTests
    {
        private readonly PackageFeed _feed;

        public BuildHostTests(PackageFeed feed) => _feed = feed;

        [Theory]
        [InlineData(null, "net8.0")]
        [InlineData("Core", "net8.0")]
        [InlineData("Full", "net472")]
        [InlineData("Mono", "net472")]
        public void Each_MSBuild_runtime_loads_the_tasks_built_for_it_from_the_package(string? runtimeType, string framework)
        {
            var project = TestProject.Create(_feed, "host-" + (runtimeType ?? "this").ToLowerInvariant(), withMlNet: false);
            project.WriteFile("Program.cs", "System.Console.WriteLine(1);\n");

            var arguments = new[] { "-restore", "-t:MlopsGuardValidateProperties", "-getProperty:MlopsGuardTasksAssembly", "-getProperty:MSBuildRuntimeType" }.ToList();
            if (runtimeType is not null)
            {
                arguments.Add("-p:_MlopsGuardMSBuildRuntimeType=" + runtimeType);
            }

            var result = project.Dotnet("msbuild", arguments.ToArray());
            Assert.True(result.Succeeded, result.ToString());
            using var document = JsonDocument.Parse(result.Output.Substring(result.Output.IndexOf('{')));
            var properties = document.RootElement.GetProperty("Properties");
            Assert.Equal("Core", properties.GetProperty("MSBuildRuntimeType").GetString());

            var assembly = properties.GetProperty("MlopsGuardTasksAssembly").GetString()!;
            Assert.EndsWith($"tasks/{framework}/MlopsGuard.Tasks.dll", assembly.Replace('\\', '/'));
            Assert.True(File.Exists(assembly), $"{assembly} is not in the restored package");
            if (framework == "net472")
            {
                // The libraries the .NET Framework build binds to travel beside it.
                Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(assembly)!, "System.Text.Json.dll")));
            }
        }

        [Fact]
        public void A_multi_targeted_project_runs_the_commands_once_and_each_framework_checks_the_lock()
        {
            var project = TestProject.Create(_feed, "multi", withMlNet: false, extraProjectContent: @"<PropertyGroup>
    <OutputType>Library</OutputType>
    <TargetFrameworks>net10.0;netstandard2.0</TargetFrameworks>
    <TargetFramework></TargetFramework>
    <Nullable>disable</Nullable>
    <ImplicitUsings>disable</ImplicitUsings>
  </PropertyGroup>
  <ItemGroup>
    <MlData Include=""data/train.csv"" />
  </ItemGroup>");
            project.WriteFile("Library.cs", "public static class Library { }\n");
            project.WriteFile("data/train.csv", "a,b\n1,2\n");

            // -t:MlopsLock on the project itself: the outer build forwards it to the first framework's build.
            var locked = project.Dotnet("build", "-t:MlopsLock");
            Assert.True(locked.Succeeded, locked.ToString());
            Assert.True(File.Exists(Path.Combine(project.Directory, "mlops.lock.json")), locked.ToString());

            // A locked build of both frameworks agrees with it.
            var build = project.Build("-p:MlopsLockedMode=true");
            Assert.True(build.Succeeded, build.ToString());
            Assert.DoesNotContain(build.MlopsGuard, d => d.Severity == "error");
        }

        [Fact]
        public void A_build_where_nothing_changed_loads_no_MlopsGuard_task()
        {
            var project = TestProject.Create(_feed, "noop", withMlNet: false, extraProjectContent: @"<ItemGroup>
    <MlData Include=""data/train.csv"" />
  </ItemGroup>");
            project.WriteFile("Program.cs", "System.Console.WriteLine(1);\n");
            project.WriteFile("data/train.csv", "a,b\n1,2\n");

            // The first build writes the lock; the next one compares the stages with it once.
            Assert.True(project.Build().Succeeded);
            Assert.True(project.Build("--no-restore").Succeeded);

            var noop = project.Build("--no-restore", "-v:d");
            Assert.True(noop.Succeeded, noop.ToString());
            Assert.DoesNotContain("MlopsGuard.Tasks.dll\".", noop.Output.Split('\n').Where(l => l.Contains("task from assembly", System.StringComparison.Ordinal)).DefaultIfEmpty(string.Empty).Aggregate((a, b) => a + b), System.StringComparison.Ordinal);
            Assert.Contains("Skipping target \"_MlopsLockCheckNeeded\"", noop.Output, System.StringComparison.Ordinal);

            // A changed data file is seen again.
            project.WriteFile("data/train.csv", "a,b\n1,3\n");
            var changed = project.Build("--no-restore", "-v:n");
            Assert.True(changed.Succeeded, changed.ToString());
            Assert.Contains("updated mlops.lock.json", changed.Output, System.StringComparison.Ordinal);
        }
    }
}
