using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Xml.Linq;
using Xunit;
using Xunit.Abstractions;

namespace MlopsGuard.Sdk.Tests.NetFramework
{
    /// <summary>
    /// The task unit tests again, against the .NET Framework build of the tasks (the one Visual Studio and MSBuild.exe load):
    /// tests/MlopsGuard.Tasks.NetFramework.Tests, run by the xunit console runner on .NET Framework, or on Mono where there
    /// is none (.ci/run installs Debian's mono-devel).
    /// </summary>
    public class NetFrameworkTasksTests
    {
        // Fewer than this means the project lost its linked tests, not that they passed.
        private const int MinimumTests = 300;

        private readonly ITestOutputHelper _output;

        public NetFrameworkTasksTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public async System.Threading.Tasks.Task The_task_tests_pass_against_the_NET_Framework_tasks()
        {
            var tests = typeof(NetFrameworkTasksTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "NetFrameworkTests").Value!;
            Assert.True(File.Exists(tests), $"{tests} is missing: the solution builds it before this project.");
            var folder = Path.GetDirectoryName(tests)!;
            var runner = Path.Combine(folder, "runner", "xunit.console.exe");
            var results = Path.Combine(Path.GetTempPath(), $"mlopsguard-netfx-{Guid.NewGuid():N}.xml");

            ProcessStartInfo start;
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                start = new ProcessStartInfo(runner);
            }
            else
            {
                var mono = FindMono();
                Assert.True(mono is not null, "Mono is not installed: the .NET Framework tasks cannot be tested here (.ci/run installs Debian's mono-devel).");
                start = new ProcessStartInfo(mono!);
                start.ArgumentList.Add(runner);
            }

            start.ArgumentList.Add(tests);
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                // Mono does not apply the test assembly's binding redirects in a second application domain the way .NET Framework does.
                start.ArgumentList.Add("-noappdomain");
            }

            start.ArgumentList.Add("-nologo");
            start.ArgumentList.Add("-xml");
            start.ArgumentList.Add(results);
            start.WorkingDirectory = folder;
            start.RedirectStandardOutput = true;
            start.RedirectStandardError = true;
            start.UseShellExecute = false;

            try
            {
                using var process = Process.Start(start)!;
                var stdout = process.StandardOutput.ReadToEndAsync();
                var stderr = process.StandardError.ReadToEndAsync();
                using var limit = new System.Threading.CancellationTokenSource(TimeSpan.FromMinutes(10));
                try
                {
                    await process.WaitForExitAsync(limit.Token);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                    Assert.Fail("The .NET Framework task tests did not finish in 10 minutes.\n" + await stdout);
                }

                var log = await stdout + "\n" + await stderr;
                var summary = Summary(results);
                _output.WriteLine(summary.Text);
                Assert.True(summary.Total >= MinimumTests, $"only {summary.Total} tests ran; expected at least {MinimumTests}.\n{log}");
                Assert.True(summary.Failed == 0 && summary.Errors == 0 && process.ExitCode == 0, $"{summary.Text}\n{log}");
            }
            finally
            {
                File.Delete(results);
            }
        }

        private static string? FindMono() =>
            (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
                .Select(dir => Path.Combine(dir, "mono")).FirstOrDefault(File.Exists);

        private static (int Total, int Failed, int Errors, string Text) Summary(string results)
        {
            Assert.True(File.Exists(results), "the runner wrote no results");
            var assembly = XDocument.Load(results).Descendants("assembly").Single();
            int Count(string name) => int.Parse(assembly.Attribute(name)?.Value ?? "0", System.Globalization.CultureInfo.InvariantCulture);
            var failures = assembly.Descendants("test").Where(t => (string?)t.Attribute("result") == "Fail")
                .Select(t => $"  {t.Attribute("name")?.Value}: {t.Descendants("message").FirstOrDefault()?.Value}");
            var text = $"{assembly.Attribute("environment")?.Value}: {Count("total")} tests, {Count("failed")} failed, {Count("skipped")} skipped, {Count("errors")} errors in {assembly.Attribute("time")?.Value} s"
                + string.Concat(failures.Select(f => "\n" + f));
            return (Count("total"), Count("failed"), Count("errors"), text);
        }
    }
}
