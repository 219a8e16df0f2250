using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace MlopsGuard.RealCode
{
    /// <summary>
    /// One project of a corpus folder, read the way the .NET SDK reads a project: every <c>.cs</c> file under the project's
    /// folder that no nearer project file claims, except <c>bin/</c> and <c>obj/</c>.
    /// </summary>
    public sealed class CorpusProject
    {
        private static readonly string[] TestFrameworkPackages = { "xunit", "nunit", "mstest", "microsoft.net.test.sdk" };

        private CorpusProject(string projectFile, IReadOnlyList<string> sources, bool isExe, bool isWeb, bool implicitUsings, bool nullable, bool isTest, IReadOnlyList<string> packages)
        {
            Packages = packages;
            IsTest = isTest;
            ProjectFile = projectFile;
            Sources = sources;
            IsExe = isExe;
            IsWeb = isWeb;
            ImplicitUsings = implicitUsings;
            Nullable = nullable;
        }

        public string ProjectFile { get; }

        public string Name => Path.GetFileNameWithoutExtension(ProjectFile);

        public string Directory => Path.GetDirectoryName(ProjectFile)!;

        /// <summary>Full paths of the project's C# files, sorted.</summary>
        public IReadOnlyList<string> Sources { get; }

        public bool IsExe { get; }

        /// <summary>A <c>Microsoft.NET.Sdk.Web</c> project: its implicit usings include ASP.NET Core's.</summary>
        public bool IsWeb { get; }

        public bool ImplicitUsings { get; }

        public bool Nullable { get; }

        /// <summary>A test project (it references a test framework): only it compiles against xunit, as in a real build.</summary>
        public bool IsTest { get; }

        /// <summary>The ids of the packages the project file references.</summary>
        public IReadOnlyList<string> Packages { get; }

        /// <summary>Every project under <paramref name="root"/>, in path order.</summary>
        public static IReadOnlyList<CorpusProject> FindAll(string root)
        {
            var projectFiles = System.IO.Directory.EnumerateFiles(root, "*.csproj", SearchOption.AllDirectories)
                .Select(Path.GetFullPath)
                .OrderBy(p => p, StringComparer.Ordinal)
                .ToList();
            var projectDirectories = new HashSet<string>(projectFiles.Select(p => Path.GetDirectoryName(p)!), StringComparer.Ordinal);

            // A source file belongs to the project of its nearest folder that has one (several project files in one folder share it).
            var owners = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var source in System.IO.Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories).Select(Path.GetFullPath))
            {
                if (InBuildOutput(source, root))
                {
                    continue;
                }

                for (var folder = Path.GetDirectoryName(source); folder != null && folder.Length >= root.Length; folder = Path.GetDirectoryName(folder))
                {
                    if (projectDirectories.Contains(folder))
                    {
                        if (!owners.TryGetValue(folder, out var list))
                        {
                            owners[folder] = list = new List<string>();
                        }

                        list.Add(source);
                        break;
                    }
                }
            }

            return projectFiles
                .Select(file => Read(file, owners.TryGetValue(Path.GetDirectoryName(file)!, out var sources) ? sources : new List<string>()))
                .ToList();
        }

        private static bool InBuildOutput(string source, string root)
        {
            var relative = Path.GetRelativePath(root, source).Replace('\\', '/');
            return relative.Split('/').Any(part => part.Equals("bin", StringComparison.OrdinalIgnoreCase) || part.Equals("obj", StringComparison.OrdinalIgnoreCase));
        }

        private static CorpusProject Read(string projectFile, List<string> sources)
        {
            string sdk = "", outputType = "", implicitUsings = "", nullable = "";
            var packages = new List<string>();
            try
            {
                var project = XDocument.Load(projectFile).Root;
                sdk = project?.Attribute("Sdk")?.Value ?? "";
                string Property(string name) => project?.Descendants().FirstOrDefault(e => e.Name.LocalName == name)?.Value.Trim() ?? "";
                outputType = Property("OutputType");
                implicitUsings = Property("ImplicitUsings");
                nullable = Property("Nullable");
                packages.AddRange(project?.Descendants()
                    .Where(e => e.Name.LocalName == "PackageReference")
                    .Select(e => e.Attribute("Include")?.Value ?? "")
                    .Where(id => id.Length > 0) ?? Enumerable.Empty<string>());
            }
            catch (System.Xml.XmlException)
            {
                // A project file that is not XML compiles as a plain library.
            }

            sources.Sort(StringComparer.Ordinal);
            return new CorpusProject(
                projectFile,
                sources,
                isExe: outputType.Equals("Exe", StringComparison.OrdinalIgnoreCase) || outputType.Equals("WinExe", StringComparison.OrdinalIgnoreCase)
                    || sdk.StartsWith("Microsoft.NET.Sdk.Web", StringComparison.OrdinalIgnoreCase),
                isWeb: sdk.StartsWith("Microsoft.NET.Sdk.Web", StringComparison.OrdinalIgnoreCase),
                implicitUsings: implicitUsings.Equals("enable", StringComparison.OrdinalIgnoreCase) || implicitUsings.Equals("true", StringComparison.OrdinalIgnoreCase),
                nullable: nullable.Equals("enable", StringComparison.OrdinalIgnoreCase),
                isTest: packages.Any(id => TestFrameworkPackages.Any(t => id.StartsWith(t, StringComparison.OrdinalIgnoreCase))),
                packages: packages);
        }
    }
}
