using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using MlopsGuard.Analyzers;

namespace MlopsGuard.RealCode
{
    /// <summary>
    /// One diagnostic of MlopsGuard on real code, with the path relative to the corpus folder it was found in, and the lines of the
    /// statement it sits in (a rule may move a finding to a better place in the same statement).
    /// </summary>
    public sealed record Finding(string Rule, string File, int Line, string Message, string SourceLine, int StatementStart, int StatementEnd);

    /// <summary>A project of the corpus compiled and analyzed: its findings, and what the analyzer threw (AD0001), which must be nothing.</summary>
    public sealed record ProjectResult(CorpusProject Project, IReadOnlyList<Finding> Findings, IReadOnlyList<string> AnalyzerFailures, int CompileErrors);

    /// <summary>
    /// Compiles the projects of a corpus folder the way a new user's build does — net10.0 reference assemblies, ASP.NET Core, and
    /// the ML libraries this program references (ML.NET 5 with its trainers and transforms, ONNX Runtime, TorchSharp,
    /// TorchVision, xunit) — with an artifacts file that declares nothing, and runs MlopsGuard's analyzer on each.
    /// </summary>
    public static class CorpusAnalysis
    {
        private static readonly Lazy<ImmutableArray<(string Name, MetadataReference Reference)>> References = new(LoadReferences);

        private static readonly Lazy<MetadataReference> ExtensionsML = new(() => StandIns.MicrosoftExtensionsML.Compile(MetadataReferences(testProject: false)));

        /// <summary>The framework and package reference assemblies, as the build of this program resolved them; xunit's only for a test project.</summary>
        public static ImmutableArray<MetadataReference> MetadataReferences(bool testProject) =>
            References.Value.Where(r => testProject || !r.Name.StartsWith("xunit", StringComparison.OrdinalIgnoreCase)).Select(r => r.Reference).ToImmutableArray();

        /// <summary>What a project compiles against: the common set, and the stand-in of a package the registry copy lacks when the project references it.</summary>
        public static ImmutableArray<MetadataReference> MetadataReferences(CorpusProject project)
        {
            var references = MetadataReferences(project.IsTest);
            return project.Packages.Contains(StandIns.MicrosoftExtensionsML.PackageId, StringComparer.OrdinalIgnoreCase) ? references.Add(ExtensionsML.Value) : references;
        }

        public static IReadOnlyList<ProjectResult> Run(string corpusRoot, IEnumerable<DiagnosticAnalyzer>? analyzers = null)
        {
            var root = Path.GetFullPath(corpusRoot);
            var projects = CorpusProject.FindAll(root).Where(p => p.Sources.Count > 0).ToList();
            var analyzerSet = (analyzers ?? new DiagnosticAnalyzer[] { new MlopsGuardAnalyzer() }).ToImmutableArray();
            var results = new ProjectResult[projects.Count];
            Parallel.For(0, projects.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
            {
                results[i] = Analyze(projects[i], root, analyzerSet);
            });

            // Two project files in one folder compile the same sources: a finding there is one finding, kept with the first.
            var seen = new HashSet<(string, string, int, string)>();
            return results
                .Select(r => r with { Findings = r.Findings.Where(f => seen.Add((f.Rule, f.File, f.Line, f.Message))).ToList() })
                .ToList();
        }

        /// <summary>The project's compilation, as its build would create it.</summary>
        public static CSharpCompilation Compile(CorpusProject project)
        {
            var parseOptions = CSharpParseOptions.Default
                .WithLanguageVersion(LanguageVersion.Latest)
                .WithPreprocessorSymbols("NET", "NETCOREAPP", "NET10_0", "NET10_0_OR_GREATER", "RELEASE", "TRACE");
            var trees = project.Sources
                .Select(path => CSharpSyntaxTree.ParseText(SourceText.From(File.ReadAllText(path), Encoding.UTF8), parseOptions, path))
                .ToList();
            if (project.ImplicitUsings)
            {
                trees.Add(CSharpSyntaxTree.ParseText(GlobalUsings(project.IsWeb), parseOptions, Path.Combine(project.Directory, "obj", project.Name + ".GlobalUsings.g.cs")));
            }

            return CSharpCompilation.Create(
                project.Name,
                trees,
                MetadataReferences(project),
                new CSharpCompilationOptions(
                    project.IsExe ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                    nullableContextOptions: project.Nullable ? NullableContextOptions.Enable : NullableContextOptions.Disable,
                    allowUnsafe: true));
        }

        private static ProjectResult Analyze(CorpusProject project, string root, ImmutableArray<DiagnosticAnalyzer> analyzers)
        {
            var compilation = Compile(project);
            var failures = new ConcurrentQueue<string>();
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray.Create(ArtifactsFile(project))),
                (exception, analyzer, diagnostic) => failures.Enqueue($"{project.Name}: {diagnostic.GetMessage()}"),
                concurrentAnalysis: false,
                logAnalyzerExecutionTime: false);
            var diagnostics = compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
            var findings = new List<Finding>();
            foreach (var diagnostic in diagnostics)
            {
                if (diagnostic.Id == "AD0001")
                {
                    failures.Enqueue($"{project.Name}: {diagnostic.GetMessage()}");
                    continue;
                }

                var span = diagnostic.Location.GetLineSpan();
                var text = diagnostic.Location.SourceTree?.GetText();
                var line = span.StartLinePosition.Line;
                var source = text != null && line < text.Lines.Count ? text.Lines[line].ToString().Trim() : "";
                var statement = StatementLines(diagnostic.Location) ?? (line, line);
                findings.Add(new Finding(
                    diagnostic.Id,
                    Path.GetRelativePath(root, span.Path).Replace('\\', '/'),
                    line + 1,
                    diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture),
                    source,
                    statement.Start + 1,
                    statement.End + 1));
            }

            findings.Sort((a, b) => (a.File, a.Line, a.Rule).CompareTo((b.File, b.Line, b.Rule)));
            var errors = compilation.GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);
            return new ProjectResult(project, findings, failures.ToList(), errors);
        }

        /// <summary>The first and last line (0-based) of the statement, or else the member, that holds the location.</summary>
        private static (int Start, int End)? StatementLines(Location location)
        {
            if (location.SourceTree?.GetRoot().FindNode(location.SourceSpan, getInnermostNodeForTie: true) is not SyntaxNode node)
            {
                return null;
            }

            var holder = node.AncestorsAndSelf().FirstOrDefault(n =>
                (n is Microsoft.CodeAnalysis.CSharp.Syntax.StatementSyntax && n is not Microsoft.CodeAnalysis.CSharp.Syntax.BlockSyntax)
                || n is Microsoft.CodeAnalysis.CSharp.Syntax.MemberDeclarationSyntax) ?? node;
            var lines = holder.GetLocation().GetLineSpan();
            return (lines.StartLinePosition.Line, lines.EndLinePosition.Line);
        }

        private static string GlobalUsings(bool web)
        {
            var namespaces = new List<string> { "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks" };
            if (web)
            {
                namespaces.AddRange(new[]
                {
                    "System.Net.Http.Json", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Http",
                    "Microsoft.AspNetCore.Routing", "Microsoft.Extensions.Configuration", "Microsoft.Extensions.DependencyInjection",
                    "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging",
                });
            }

            return string.Concat(namespaces.Select(n => $"global using global::{n};\n"));
        }

        private static ImmutableArray<(string Name, MetadataReference Reference)> LoadReferences()
        {
            var value = typeof(CorpusAnalysis).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .FirstOrDefault(a => a.Key == "CorpusReferences")?.Value
                ?? throw new InvalidOperationException("the build did not embed the corpus reference assemblies");
            return value.Split('|', StringSplitOptions.RemoveEmptyEntries)
                .Where(File.Exists)
                .Select(path => (System.IO.Path.GetFileName(path), (MetadataReference)MetadataReference.CreateFromFile(path)))
                .ToImmutableArray();
        }

        /// <summary>The declared-artifacts file MlopsGuard's targets would write for the project: it declares no data and no model.</summary>
        public static AdditionalText ArtifactsFile(CorpusProject project) => new EmptyArtifactsFile(project.Directory);

        private sealed class EmptyArtifactsFile : AdditionalText
        {
            private readonly string _projectDirectory;

            public EmptyArtifactsFile(string projectDirectory)
            {
                _projectDirectory = projectDirectory;
            }

            public override string Path => System.IO.Path.Combine(_projectDirectory, "obj", "MlopsGuard.Artifacts.txt");

            public override SourceText GetText(CancellationToken cancellationToken = default) =>
                SourceText.From($"# MlopsGuard declared artifacts\nroot\t{_projectDirectory}\n", Encoding.UTF8);
        }
    }
}
