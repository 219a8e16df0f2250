using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using MlopsGuard.Sdk.Tests.Infrastructure;
using MlopsGuard.Tasks.Maturity;

namespace MlopsGuard.Sdk.Tests.Maturity
{
    /// <summary>A throw-away repository (a folder holding .git) with an ML project in src/Sentiment.</summary>
    public sealed class TestRepository : IDisposable
    {
        public const string ProjectRelative = "src/Sentiment/Sentiment.csproj";

        public const string MlProject = @"<Project Sdk=""Microsoft.NET.Sdk"">
  <ItemGroup>
    <PackageReference Include=""Microsoft.ML"" Version=""5.0.1"" />
  </ItemGroup>
</Project>
";

        public const string TestProject = @"<Project Sdk=""Microsoft.NET.Sdk"">
  <ItemGroup>
    <PackageReference Include=""Microsoft.NET.Test.Sdk"" />
    <PackageReference Include=""xunit"" />
    <ProjectReference Include=""..\..\src\Sentiment\Sentiment.csproj"" />
  </ItemGroup>
</Project>
";

        public const string FullWorkflow = @"name: ci
on: [push]
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: dotnet restore --locked-mode
      - run: dotnet build -c Release -p:ContinuousIntegrationBuild=true
      - run: dotnet test -c Release --no-build
      - run: dotnet pack src/Sentiment -c Release -o out
      - run: dotnet nuget push out/*.nupkg --source https://nuget.example.com
";

        public TestRepository(bool git = true)
        {
            Root = Path.Combine(Path.GetTempPath(), "mlopsguard-maturity-tests", Guid.NewGuid().ToString("N").Substring(0, 10));
            Directory.CreateDirectory(Root);
            if (git)
            {
                Directory.CreateDirectory(Path.Combine(Root, ".git"));
            }

            CacheDirectory = Path.Combine(Root, ".cache");
            Directory.CreateDirectory(CacheDirectory);
            Write(ProjectRelative, MlProject);
        }

        public string Root { get; }

        public string CacheDirectory { get; }

        public string ProjectFile => Full(ProjectRelative);

        public string ProjectDirectory => Path.GetDirectoryName(ProjectFile)!;

        public string ReportDirectory => Path.Combine(ProjectDirectory, "bin", "mlops");

        public string Write(string relative, string content)
        {
            var path = Full(relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content.Replace("\r\n", "\n"));
            return path;
        }

        /// <summary>Moves every write time of the tree a minute back, as if the files had been there for a while (the scan cache does not keep scans of just-changed trees).</summary>
        public void Age()
        {
            var past = DateTime.UtcNow.AddMinutes(-1);
            foreach (var file in Directory.GetFiles(Root, "*", SearchOption.AllDirectories))
            {
                File.SetLastWriteTimeUtc(file, past);
            }

            foreach (var directory in Directory.GetDirectories(Root, "*", SearchOption.AllDirectories).Append(Root))
            {
                Directory.SetLastWriteTimeUtc(directory, past);
            }
        }

        public string Full(string relative) => Path.GetFullPath(Path.Combine(Root, relative));

        public string ReadReport(string name) => File.ReadAllText(Path.Combine(ReportDirectory, name));

        /// <summary>A lock file (CONTRACT §6) listing the given project-relative files with their real hashes.</summary>
        public void WriteLock(params string[] projectRelativePaths)
        {
            var entries = projectRelativePaths.Select(p =>
            {
                var bytes = File.ReadAllBytes(Path.Combine(ProjectDirectory, p));
                var hash = TestHashes.Sha256Hex(bytes);
                return $"    {{ \"path\": \"{p}\", \"kind\": \"data\", \"sha256\": \"{hash}\", \"size\": {bytes.Length} }}";
            });
            Write("src/Sentiment/mlops.lock.json", "{\n  \"version\": 1,\n  \"artifacts\": [\n" + string.Join(",\n", entries) + "\n  ],\n  \"stages\": []\n}\n");
        }

        /// <summary>The task as the targets call it, for this repository's project.</summary>
        public AssessMaturity Task(RecordingBuildEngine engine, int level = 1, bool enforce = false, string? errorLog = null)
        {
            return new AssessMaturity
            {
                BuildEngine = engine,
                ProjectFile = ProjectFile,
                ReportDirectory = ReportDirectory,
                ScanCacheDirectory = CacheDirectory,
                MlopsLevel = level,
                MlopsEnforce = enforce,
                ErrorLog = errorLog,
                LockFile = Path.Combine(ProjectDirectory, "mlops.lock.json"),
                IntermediateDirectory = Path.Combine(ProjectDirectory, "obj"),
                PackageReferences = new ITaskItem[] { new TaskItem("Microsoft.ML") },
            };
        }

        public static ITaskItem Item(string spec, params (string Name, string Value)[] metadata)
        {
            var item = new TaskItem(spec);
            foreach (var (name, value) in metadata)
            {
                item.SetMetadata(name, value);
            }

            return item;
        }

        public void Dispose()
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    /// <summary>SARIF 2.1 logs shaped as the C# compiler writes them.</summary>
    public static class CompilerLogs
    {
        public static string Empty => Log(string.Empty, string.Empty);

        public static string With(params (string Id, int Level, string File)[] results)
        {
            var rules = string.Join(",\n", results.Select(r => r.Id).Distinct().Select(id =>
                $@"        {{ ""id"": ""{id}"", ""shortDescription"": {{ ""text"": ""x"" }}, ""properties"": {{ ""category"": ""MLOps"", ""tags"": [ ""MlopsGuard"", ""MlopsLevel{results.First(r => r.Id == id).Level}"" ] }} }}"));
            var items = string.Join(",\n", results.Select(r =>
                $@"        {{ ""ruleId"": ""{r.Id}"", ""ruleIndex"": 0, ""level"": ""warning"", ""message"": {{ ""text"": ""finding {r.Id}"" }}, ""locations"": [ {{ ""physicalLocation"": {{ ""artifactLocation"": {{ ""uri"": ""file:///{r.File.TrimStart('/')}"" }}, ""region"": {{ ""startLine"": 7, ""startColumn"": 18 }} }} }} ] }}"));
            return Log(items, rules);
        }

        private static string Log(string results, string rules) => $@"{{
  ""$schema"": ""http://json.schemastore.org/sarif-2.1.0"",
  ""version"": ""2.1.0"",
  ""runs"": [
    {{
      ""results"": [
{results}
      ],
      ""tool"": {{ ""driver"": {{ ""name"": ""Microsoft (R) Visual C# Compiler"", ""version"": ""5.0.0"", ""rules"": [
{rules}
      ] }} }},
      ""columnKind"": ""utf16CodeUnits""
    }}
  ]
}}
";
    }
}
