using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using MlopsGuard.Analyzers.Tests.Verifiers;
using MlopsGuard.Generator;
using Xunit;

namespace MlopsGuard.Analyzers.Tests.Meta
{
    /// <summary>
    /// Every analyzer and fixer over every C# file of the repository's samples and tests, whole and cut at many
    /// points (code as it is while typed): nothing may throw.
    /// </summary>
    public class RepositorySourcesTests
    {
        private const int CutsPerFile = 8;

        public static TheoryData<string> SourceFiles()
        {
            var data = new TheoryData<string>();
            foreach (var folder in new[] { "samples", "tests" })
            {
                var root = RepositoryPaths.Combine(folder);
                if (!Directory.Exists(root))
                {
                    continue;
                }

                foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
                    .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or ".packages"))
                    .OrderBy(f => f, StringComparer.Ordinal))
                {
                    data.Add(Path.GetRelativePath(RepositoryPaths.Root, file).Replace('\\', '/'));
                }
            }

            return data;
        }

        [Theory]
        [MemberData(nameof(SourceFiles))]
        public async Task Analyzers_and_fixers_survive_the_file_cut_while_typing(string relativePath)
        {
            var text = File.ReadAllText(RepositoryPaths.Combine(relativePath.Split('/')));
            var cuts = Enumerable.Range(1, CutsPerFile).Select(i => text.Substring(0, text.Length * i / (CutsPerFile + 1))).Append(text);
            foreach (var source in cuts)
            {
                var failures = await RunAnalyzersAndFixersAsync(source);
                Assert.True(failures.Count == 0, $"{relativePath} cut at {source.Length}:\n{string.Join("\n", failures)}");
            }
        }

        /// <summary>Analyzes the code, then asks every fixer for its actions on every diagnostic and applies them.</summary>
        private static async Task<IReadOnlyList<string>> RunAnalyzersAndFixersAsync(string source)
        {
            var (diagnostics, exceptions) = await AnalyzerRunner.RunAsync(new[] { source });
            var failures = exceptions.Select(e => e.ToString()).ToList();
            var fixable = diagnostics.Where(d => RuleInventory.FixableIds.Contains(d.Id)).ToList();
            if (fixable.Count == 0)
            {
                return failures;
            }

            using var workspace = new AdhocWorkspace();
            var references = await AnalyzerRunner.ReferencesAsync(MlReferences.MlNet);
            var project = workspace.AddProject(ProjectInfo.Create(
                ProjectId.CreateNewId(), VersionStamp.Default, "Probe", "Probe", LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(OutputKind.ConsoleApplication),
                parseOptions: CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest),
                metadataReferences: references));
            var document = workspace.AddDocument(project.Id, "File0.cs", SourceText.From(source));
            foreach (var diagnostic in fixable)
            {
                foreach (var fixer in RuleInventory.Fixers.Where(f => f.FixableDiagnosticIds.Contains(diagnostic.Id)))
                {
                    try
                    {
                        var actions = new List<CodeAction>();
                        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
                        await fixer.RegisterCodeFixesAsync(context);
                        foreach (var action in actions)
                        {
                            await action.GetOperationsAsync(CancellationToken.None);
                        }
                    }
                    catch (Exception ex)
                    {
                        failures.Add($"{fixer.GetType().Name} on {diagnostic}: {ex}");
                    }
                }
            }

            return failures;
        }
    }
}
