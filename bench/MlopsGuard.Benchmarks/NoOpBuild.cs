using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;

namespace MlopsGuard.Benchmarks
{
    /// <summary>
    /// What MlopsGuard adds to a no-op rebuild of a small ML project (issue: at most 10%). Two copies of one project in a
    /// temporary folder differ only by the MlopsGuard package reference; after a restore and a first full build of each,
    /// <c>dotnet build --no-restore</c> runs on them alternately (without, with, without, …) so that load on the machine
    /// falls on both alike, and the medians are compared.
    /// Usage: MlopsGuard.Benchmarks noop [runs per side, default 7] [folder holding MlopsGuard.*.nupkg].
    /// </summary>
    internal static class NoOpBuild
    {
        private const double Goal = 0.10;

        public static int Run(string[] args)
        {
            var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 7;
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
                // A private package folder: the package under test is extracted fresh, never taken from a stale cache; every
                // other package comes from the user's cache when it is there (a fallback folder is only read).
                var privatePackages = Path.Combine(root, "packages");
                var globalPackages = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
                Directory.CreateDirectory(root);
                File.WriteAllText(Path.Combine(root, "NuGet.config"), $@"<?xml version=""1.0"" encoding=""utf-8""?>
<configuration>
  <config><add key=""globalPackagesFolder"" value=""{privatePackages}"" /></config>
  <fallbackPackageFolders><clear /><add key=""user"" value=""{globalPackages}"" /></fallbackPackageFolders>
  <packageSources>
    <clear />
    <add key=""local"" value=""{packages}"" />
    <add key=""nuget.org"" value=""https://api.nuget.org/v3/index.json"" protocolVersion=""3"" />
  </packageSources>
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
                for (var i = 0; i < runs; i++)
                {
                    // Alternate which side goes first, so that neither always follows the other.
                    var order = i % 2 == 0 ? new[] { without, with } : new[] { with, without };
                    foreach (var project in order)
                    {
                        times[project].Add(Dotnet(environment, "build", project, "--no-restore").TotalSeconds);
                    }
                }

                var withoutMedian = Median(times[without]);
                var withMedian = Median(times[with]);
                var added = withMedian / withoutMedian - 1;
                Console.WriteLine();
                Console.WriteLine($"No-op rebuild ('dotnet build --no-restore'), {runs} runs each, alternating; MlopsGuard {version}");
                Console.WriteLine();
                Console.WriteLine("| project | median (s) | min (s) | max (s) | runs (s) |");
                Console.WriteLine("|---|---:|---:|---:|---|");
                foreach (var (name, project) in new[] { ("without MlopsGuard", without), ("with MlopsGuard", with) })
                {
                    var list = times[project];
                    Console.WriteLine($"| {name} | {Median(list):F2} | {list.Min():F2} | {list.Max():F2} | {string.Join(" ", list.Select(t => t.ToString("F2", CultureInfo.InvariantCulture)))} |");
                }

                Console.WriteLine();
                Console.WriteLine($"MlopsGuard adds {added:P1} to a no-op rebuild (goal <= {Goal:P0}): {(added <= Goal ? "met" : "NOT met")}");
                return 0;
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
</Project>
");
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

        private static TimeSpan Dotnet(Dictionary<string, string> environment, string verb, string project, params string[] more)
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

            var watch = Stopwatch.StartNew();
            using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started");
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            watch.Stop();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"dotnet {verb} {project} failed ({process.ExitCode}):\n{output}\n{error.Result}");
            }

            return watch.Elapsed;
        }

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
