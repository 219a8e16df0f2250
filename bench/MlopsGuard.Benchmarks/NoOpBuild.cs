using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;

namespace MlopsGuard.Benchmarks
{
    /// <summary>
    /// What MlopsGuard adds to a no-op rebuild of a small ML project that declares one data file (goal: at most 1.08× the
    /// wall time and 1.12× the CPU time of the same project without it). Two copies of one project in a temporary folder
    /// differ only by the MlopsGuard package reference; after a restore and a first full build of each,
    /// <c>dotnet build --no-restore</c> runs on them alternately (without, with, with, without, …) so that load on the
    /// machine falls on both alike, and the medians are compared. CPU time is the user and system time of the build and of
    /// every process it waited for (getrusage of this program's children). A last no-op build at diagnostic verbosity
    /// shows whether MSBuild loaded any MlopsGuard task.
    /// Usage: MlopsGuard.Benchmarks noop [pairs, default 10] [folder holding MlopsGuard.*.nupkg].
    /// </summary>
    internal static class NoOpBuild
    {
        private const double WallGoal = 1.08;
        private const double CpuGoal = 1.12;

        public static int Run(string[] args)
        {
            var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
            var packages = args.Length > 2 ? Path.GetFullPath(args[2]) : FindPackageFolder();
            var package = Directory.GetFiles(packages, "MlopsGuard.*.nupkg").OrderBy(p => p, StringComparer.Ordinal).LastOrDefault();
            if (package is null)
            {
                Console.Error.WriteLine($"No MlopsGuard package in {packages}: build the solution in Release first.");
                return 2;
            }

            var version = Path.GetFileNameWithoutExtension(package).Substring("MlopsGuard.".Length);
            var root = Path.Combine(Path.GetTempPath(), "mlopsguard-noop-" + Guid.NewGuid().ToString("N"));
            try
            {
                // A private package folder: the package under test is extracted fresh, never taken from a stale cache. Every other
                // package is restored from the user's cache used as a local feed; source mapping makes MlopsGuard come from the
                // package folder alone (a fallback folder would win with a stale copy of the same version).
                var privatePackages = Path.Combine(root, "packages");
                var globalPackages = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
                Directory.CreateDirectory(root);
                File.WriteAllText(Path.Combine(root, "NuGet.config"), $@"<?xml version=""1.0"" encoding=""utf-8""?>
<configuration>
  <config><add key=""globalPackagesFolder"" value=""{privatePackages}"" /></config>
  <packageSources>
    <clear />
    <add key=""local"" value=""{packages}"" />
    <add key=""user"" value=""{globalPackages}"" />
    <add key=""nuget.org"" value=""https://api.nuget.org/v3/index.json"" protocolVersion=""3"" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key=""local""><package pattern=""MlopsGuard"" /></packageSource>
    <packageSource key=""user""><package pattern=""*"" /></packageSource>
    <packageSource key=""nuget.org""><package pattern=""*"" /></packageSource>
  </packageSourceMapping>
</configuration>
");
                // Keep the temporary projects out of any Directory.Build.* above the temp folder.
                File.WriteAllText(Path.Combine(root, "Directory.Build.props"), "<Project />\n");
                File.WriteAllText(Path.Combine(root, "Directory.Build.targets"), "<Project />\n");
                File.WriteAllText(Path.Combine(root, "Directory.Packages.props"), "<Project><PropertyGroup><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup></Project>\n");

                var without = WriteProject(Path.Combine(root, "without"), null);
                var with = WriteProject(Path.Combine(root, "with"), version);
                var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = privatePackages, ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" };

                foreach (var project in new[] { without, with })
                {
                    Console.WriteLine($"Restoring and building {Path.GetFileName(Path.GetDirectoryName(project))} ...");
                    Dotnet(environment, "restore", project);
                    Dotnet(environment, "build", project, "--no-restore");
                }

                // The package must really be in the build: its targets write this file under obj/.
                var folder = Path.GetDirectoryName(with)!;
                if (Directory.GetFiles(Path.Combine(folder, "obj"), "MlopsGuard.Artifacts.txt", SearchOption.AllDirectories).Length == 0
                    || Directory.GetFiles(Path.Combine(Path.GetDirectoryName(without)!, "obj"), "MlopsGuard.Artifacts.txt", SearchOption.AllDirectories).Length != 0)
                {
                    Console.Error.WriteLine("MlopsGuard's targets did not run in the project that references it (or ran in the other one).");
                    return 3;
                }

                var times = new Dictionary<string, List<double>> { [without] = new List<double>(), [with] = new List<double>() };
                var cpu = new Dictionary<string, List<double>> { [without] = new List<double>(), [with] = new List<double>() };
                for (var i = 0; i < runs; i++)
                {
                    // Alternate which side goes first, so that neither always follows the other.
                    var order = i % 2 == 0 ? new[] { without, with } : new[] { with, without };
                    foreach (var project in order)
                    {
                        var (wall, processor) = Dotnet(environment, "build", project, "--no-restore");
                        times[project].Add(wall.TotalSeconds);
                        cpu[project].Add(processor.TotalSeconds);
                    }
                }

                var wallRatio = Median(times[with]) / Median(times[without]);
                var cpuRatio = Median(cpu[with]) / Median(cpu[without]);
                var loaded = TasksLoaded(environment, with);
                Console.WriteLine();
                Console.WriteLine($"No-op rebuild ('dotnet build --no-restore') of a project declaring one data file, {runs} alternating pairs; MlopsGuard {version}");
                Console.WriteLine();
                Console.WriteLine("| project | wall median (s) | wall min–max (s) | CPU median (s) | CPU min–max (s) |");
                Console.WriteLine("|---|---:|---:|---:|---:|");
                foreach (var (name, project) in new[] { ("without MlopsGuard", without), ("with MlopsGuard", with) })
                {
                    Console.WriteLine($"| {name} | {Median(times[project]):F2} | {times[project].Min():F2}–{times[project].Max():F2} | {Median(cpu[project]):F2} | {cpu[project].Min():F2}–{cpu[project].Max():F2} |");
                }

                Console.WriteLine();
                Console.WriteLine($"wall: {wallRatio:F3}× (goal <= {WallGoal:F2}×: {(wallRatio <= WallGoal ? "met" : "NOT met")}); CPU: {cpuRatio:F3}× (goal <= {CpuGoal:F2}×: {(cpuRatio <= CpuGoal ? "met" : "NOT met")})");
                Console.WriteLine(loaded.Count == 0
                    ? "MlopsGuard tasks loaded by the no-op build: none"
                    : "MlopsGuard tasks loaded by the no-op build: " + string.Join(", ", loaded));
                return wallRatio <= WallGoal && cpuRatio <= CpuGoal && loaded.Count == 0 ? 0 : 1;
            }
            finally
            {
                try
                {
                    Directory.Delete(root, recursive: true);
                }
                catch (IOException)
                {
                    // A build server may still hold a file for a moment; the folder is in the temp directory.
                }
            }
        }

        /// <summary>A small ML.NET project: a few files that train, save and serve a model, as a real repository's smallest project would.</summary>
        private static string WriteProject(string folder, string? mlopsGuardVersion)
        {
            Directory.CreateDirectory(folder);
            var reference = mlopsGuardVersion is null
                ? string.Empty
                : $"\n    <PackageReference Include=\"MlopsGuard\" Version=\"{mlopsGuardVersion}\" PrivateAssets=\"all\" />";
            var project = Path.Combine(folder, "Small.csproj");
            File.WriteAllText(project, $@"<Project Sdk=""Microsoft.NET.Sdk"">
  <PropertyGroup>
    <TargetFramework>net8.0</TargetFramework>
    <Nullable>enable</Nullable>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include=""Microsoft.ML"" Version=""{MicrosoftMlVersion}"" />{reference}
  </ItemGroup>
  <ItemGroup>
    <MlData Include=""data/train.csv"" />
  </ItemGroup>
</Project>
");
            Directory.CreateDirectory(Path.Combine(folder, "data"));
            File.WriteAllText(Path.Combine(folder, "data", "train.csv"), string.Concat(Enumerable.Range(1, 200).Select(i => $"{i},{i * 3 + 7}\n")));
            File.WriteAllText(Path.Combine(folder, "Records.cs"), @"using Microsoft.ML.Data;

namespace Small
{
    public sealed class Record
    {
        [LoadColumn(0)] public float Size { get; set; }
        [LoadColumn(1)] public float Price { get; set; }
    }

    public sealed class Prediction
    {
        [ColumnName(""Score"")] public float Price { get; set; }
    }
}
");
            File.WriteAllText(Path.Combine(folder, "Trainer.cs"), @"using Microsoft.ML;

namespace Small
{
    public sealed class Trainer
    {
        private readonly MLContext _ml = new MLContext(seed: 1);

        public ITransformer Train(string dataPath)
        {
            var data = _ml.Data.LoadFromTextFile<Record>(dataPath, separatorChar: ',');
            var pipeline = _ml.Transforms.Concatenate(""Features"", nameof(Record.Size))
                .Append(_ml.Regression.Trainers.Sdca(labelColumnName: nameof(Record.Price)));
            return pipeline.Fit(data);
        }
    }
}
");
            File.WriteAllText(Path.Combine(folder, "Scorer.cs"), @"using Microsoft.ML;

namespace Small
{
    public sealed class Scorer
    {
        private readonly MLContext _ml = new MLContext(seed: 1);

        public float Score(ITransformer model, Record record) =>
            _ml.Model.CreatePredictionEngine<Record, Prediction>(model).Predict(record).Price;
    }
}
");
            return project;
        }

        private const string MicrosoftMlVersion = "5.0.1";

        private static double Median(List<double> values)
        {
            var sorted = values.OrderBy(v => v).ToList();
            return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
        }

        private static (TimeSpan Wall, TimeSpan Cpu) Dotnet(Dictionary<string, string> environment, string verb, string project, params string[] more)
        {
            var (wall, processor, _) = DotnetWithOutput(environment, verb, project, more);
            return (wall, processor);
        }

        /// <summary>The MlopsGuard tasks MSBuild registered from an assembly in one more no-op build, read from its diagnostic log.</summary>
        private static List<string> TasksLoaded(Dictionary<string, string> environment, string project)
        {
            var (_, _, output) = DotnetWithOutput(environment, "build", project, "--no-restore", "-v:diag");
            return output.Split('\n')
                .Where(line => line.Contains("task from assembly", StringComparison.Ordinal) && line.Contains("MlopsGuard.Tasks.dll", StringComparison.Ordinal))
                .Select(line => line.Trim()).Distinct().ToList();
        }

        private static (TimeSpan Wall, TimeSpan Cpu, string Output) DotnetWithOutput(Dictionary<string, string> environment, string verb, string project, params string[] more)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(verb);
            start.ArgumentList.Add(project);
            foreach (var argument in more)
            {
                start.ArgumentList.Add(argument);
            }

            // No build servers kept between runs: every run pays the same start-up, and nothing lingers after the benchmark.
            start.ArgumentList.Add("-nodeReuse:false");
            start.ArgumentList.Add("-p:UseSharedCompilation=false");
            foreach (var (key, value) in environment)
            {
                start.Environment[key] = value;
            }

            var cpuBefore = ChildrenCpu();
            var watch = Stopwatch.StartNew();
            using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started");
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            watch.Stop();
            var cpu = ChildrenCpu() - cpuBefore;
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"dotnet {verb} {project} failed ({process.ExitCode}):\n{output}\n{error.Result}");
            }

            return (watch.Elapsed, cpu, output);
        }

        // getrusage(RUSAGE_CHILDREN): user + system time of every child this process waited for, and of their waited children.
        private static TimeSpan ChildrenCpu()
        {
            if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
            {
                return TimeSpan.Zero;
            }

            var usage = new RUsage();
            if (GetRUsage(-1, ref usage) != 0)
            {
                return TimeSpan.Zero;
            }

            long Micro(long seconds, long micro) => seconds * 1_000_000 + micro;
            return TimeSpan.FromTicks((Micro(usage.UserSeconds, usage.UserMicro) + Micro(usage.SystemSeconds, usage.SystemMicro)) * 10);
        }

        [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
        private struct RUsage
        {
            public long UserSeconds;
            public long UserMicro;
            public long SystemSeconds;
            public long SystemMicro;

            // The rest of struct rusage: fourteen longs this program does not read.
            [System.Runtime.InteropServices.MarshalAs(System.Runtime.InteropServices.UnmanagedType.ByValArray, SizeConst = 14)]
            public long[] Rest;
        }

        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "getrusage", SetLastError = true)]
        private static extern int GetRUsage(int who, ref RUsage usage);

        /// <summary>artifacts/packages/Release of the repository this program runs from.</summary>
        private static string FindPackageFolder()
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory != null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "artifacts", "packages", "Release");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new InvalidOperationException("artifacts/packages/Release not found above " + AppContext.BaseDirectory);
        }
    }
}
