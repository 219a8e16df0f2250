using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace MlopsGuard.EndToEnd.Tests.Infrastructure
{
    /// <summary>A real project on disk in a test workspace, built with the real dotnet CLI.</summary>
    public sealed class TestProject
    {
        private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(5);

        private readonly PackageFeed _feed;

        public TestProject(PackageFeed feed, string directory, string name)
        {
            _feed = feed;
            Directory = directory;
            Name = name;
        }

        public string Directory { get; }

        public string Name { get; }

        public string ProjectFile => Path.Combine(Directory, Name + ".csproj");

        /// <summary>Environment variables of every dotnet command run on the project (SOURCE_DATE_EPOCH, say).</summary>
        public IDictionary<string, string?> Variables { get; } = new Dictionary<string, string?>();

        /// <summary>A console project that references Microsoft.ML and MlopsGuard as a PackageReference.</summary>
        public static TestProject Create(PackageFeed feed, string name, string? extraProjectContent = null, bool withMlNet = true, string sdkLine = "", bool packageReference = true)
        {
            var workspace = feed.NewWorkspace(name);
            var directory = Path.Combine(workspace, name);
            System.IO.Directory.CreateDirectory(directory);
            var project = new TestProject(feed, directory, name);
            project.WriteFile(name + ".csproj", $@"<Project Sdk=""Microsoft.NET.Sdk"">
  {sdkLine}
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
  </PropertyGroup>
  <ItemGroup>
    {(withMlNet ? @"<PackageReference Include=""Microsoft.ML"" Version=""5.0.1"" />" : string.Empty)}
    {(packageReference ? $@"<PackageReference Include=""MlopsGuard"" Version=""{feed.Version}"" />" : string.Empty)}
  </ItemGroup>
  {extraProjectContent}
</Project>
");
            return project;
        }

        /// <summary>Writes a file relative to the project directory and returns its full path.</summary>
        public string WriteFile(string relativePath, string content)
        {
            var path = Path.Combine(Directory, relativePath);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content.Replace("\r\n", "\n"));
            return path;
        }

        public BuildResult Build(params string[] arguments) => Dotnet("build", arguments);

        public BuildResult Pack(params string[] arguments) => Dotnet("pack", arguments);

        /// <summary>Runs the built program (<c>dotnet run --no-build</c>) in the project directory.</summary>
        public BuildResult Run(params string[] programArguments)
        {
            var args = new List<string> { "run", "--project", ProjectFile, "--no-build", "--" };
            args.AddRange(programArguments);
            return new BuildResult(ProcessRunner.Run(TestEnvironment.Dotnet, args, Directory, Environment(), BuildTimeout));
        }

        /// <summary>Runs <c>dotnet &lt;verb&gt;</c> on another project or solution file of the workspace, like <see cref="Dotnet"/>.</summary>
        public BuildResult DotnetOn(string projectOrSolution, string verb, params string[] arguments)
        {
            var args = new List<string> { verb, projectOrSolution, "-nologo", "-nodeReuse:false", "-p:UseSharedCompilation=false", "-clp:NoSummary" };
            args.AddRange(arguments);
            return new BuildResult(ProcessRunner.Run(TestEnvironment.Dotnet, args, Directory, Environment(), BuildTimeout));
        }

        /// <summary>Runs <c>dotnet &lt;verb&gt;</c> on the project with the run's own NuGet cache; no build servers are left behind.</summary>
        public BuildResult Dotnet(string verb, params string[] arguments) => DotnetOn(ProjectFile, verb, arguments);

        /// <summary>The run's own NuGet cache, no telemetry or build servers, and the test's <see cref="Variables"/>.</summary>
        private Dictionary<string, string?> Environment()
        {
            var environment = new Dictionary<string, string?>
            {
                ["NUGET_PACKAGES"] = _feed.PackagesDirectory,
                ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
                ["DOTNET_NOLOGO"] = "1",
                ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",

                // The maturity report's repository-scan cache (default: the user's temp folder) stays in the run's folder.
                ["MlopsGuardScanCacheDirectory"] = Path.Combine(_feed.Root, "scan-cache"),
            };
            foreach (var (name, value) in Variables)
            {
                environment[name] = value;
            }

            return environment;
        }
    }

    /// <summary>A diagnostic as MSBuild printed it.</summary>
    public sealed record BuildDiagnostic(string File, int Line, int Column, string Severity, string Id, string Message);

    public sealed class BuildResult
    {
        // path(line,col): warning MLG3001: message [project]   and   path : error MLG2007: message [project]
        private static readonly Regex DiagnosticLine = new Regex(
            @"^(?<file>.*?)(\((?<line>\d+),(?<col>\d+)(,\d+,\d+)?\))?\s*:\s*(?<severity>warning|error|info)\s+(?<id>[A-Z]+\d+)\s*:\s*(?<message>.*?)(\s+\[[^\]]+\])?$",
            RegexOptions.Compiled | RegexOptions.Multiline);

        public BuildResult(ProcessResult process)
        {
            Process = process;
            Diagnostics = DiagnosticLine.Matches(process.Output)
                .Select(m => new BuildDiagnostic(
                    m.Groups["file"].Value.Trim(),
                    m.Groups["line"].Success ? int.Parse(m.Groups["line"].Value) : 0,
                    m.Groups["col"].Success ? int.Parse(m.Groups["col"].Value) : 0,
                    m.Groups["severity"].Value,
                    m.Groups["id"].Value,
                    m.Groups["message"].Value.Trim()))
                .Distinct()
                .ToList();
        }

        public ProcessResult Process { get; }

        public int ExitCode => Process.ExitCode;

        public bool Succeeded => Process.ExitCode == 0;

        public string Output => Process.Output;

        /// <summary>Each diagnostic once (MSBuild repeats them in its summary).</summary>
        public IReadOnlyList<BuildDiagnostic> Diagnostics { get; }

        public IEnumerable<BuildDiagnostic> MlopsGuard => Diagnostics.Where(d => d.Id.StartsWith("MLG", StringComparison.Ordinal));

        public override string ToString() => Process.ToString();
    }
}
