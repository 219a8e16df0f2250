using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using MlopsGuard.Tasks.Compatibility;

namespace MlopsGuard.Tasks.Maturity
{
    /// <summary>
    /// Chooses the one project of a build that assesses the repository and writes the report (docs/maturity.md, "One
    /// verdict per repository"). In a solution build: the first project, in path order, that no other project of the
    /// solution references. It is the last to need the others, and none of them can ask for it while it gathers their
    /// evidence, so collecting it can form no cycle. Without a solution: the project itself, on demand; at the end of a
    /// CI build, only a project that no other project of the repository but a test project references (the top of what the build builds).
    /// </summary>
    public sealed class ChooseMaturityReporter : Task
    {
        [Required]
        public string ProjectFile { get; set; } = string.Empty;

        /// <summary>
        /// The items of the MlopsMaturityReferences target of the solution's projects: the project file, with
        /// <c>ProjectReferences</c> (full paths) and <c>Enabled</c> (MlopsGuardEnabled).
        /// </summary>
        public ITaskItem[] SolutionProjects { get; set; } = Array.Empty<ITaskItem>();

        /// <summary>No solution, at the end of a CI build: report only when no project of the repository references this one (test projects aside).</summary>
        public bool OnlyTopProjects { get; set; }

        /// <summary>$(MlopsRepositoryRoot) (for <see cref="OnlyTopProjects"/>).</summary>
        public string? RepositoryRoot { get; set; }

        public string? ScanCacheDirectory { get; set; }

        /// <summary>The project that reports (a full path), or empty when none of this build's projects does.</summary>
        [Output]
        public string Reporter { get; set; } = string.Empty;

        public override bool Execute()
        {
            var self = Path.GetFullPath(ProjectFile);
            if (SolutionProjects.Length > 0)
            {
                Reporter = Choose(SolutionProjects.Select(p => (
                    Path.GetFullPath(p.ItemSpec),
                    (IReadOnlyList<string>)p.GetMetadata("ProjectReferences").Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries).Select(r => r.Trim()).Where(r => r.Length > 0).Select(Path.GetFullPath).ToList(),
                    !string.Equals(p.GetMetadata("Enabled"), "false", StringComparison.OrdinalIgnoreCase)))) ?? string.Empty;
                return true;
            }

            if (!OnlyTopProjects)
            {
                Reporter = self;
                return true;
            }

            var directory = Path.GetDirectoryName(self)!;
            var root = string.IsNullOrWhiteSpace(RepositoryRoot)
                ? RepositoryPath.FindRoot(directory) ?? directory
                : Portable.TrimEndingSeparator(Path.GetFullPath(Path.Combine(directory, RepositoryRoot!)));
            var cache = string.IsNullOrWhiteSpace(ScanCacheDirectory) ? Path.Combine(Path.GetTempPath(), "MlopsGuard") : ScanCacheDirectory;
            RepositoryScan scan;
            try
            {
                scan = RepositoryScanCache.Get(root, cache, BuildEngine, ScanLimits.Default, out _);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                // Without the scan, this project cannot know what references it: it reports rather than leave the build unassessed.
                Log.LogMessage(MessageImportance.Normal, "MlopsGuard: the repository {0} cannot be scanned ({1}); {2} reports.", root, ex.Message, Path.GetFileName(self));
                Reporter = self;
                return true;
            }

            var relative = RepositoryPath.Relative(root, self);
            // Test projects do not count: a CI build of a project is not a build of its tests.
            var referrers = scan.Projects.Where(p => !p.IsTest && p.References.Contains(relative, StringComparer.Ordinal)).Select(p => p.RelativePath).ToList();
            if (referrers.Count == 0)
            {
                Reporter = self;
            }
            else
            {
                Log.LogMessage(MessageImportance.Normal, "MlopsGuard: {0} is referenced by {1}: the repository's maturity is assessed once, by the build of the solution or of a project at the top (the report is not written by this build of {0}).", relative, string.Join(", ", referrers));
            }

            return true;
        }

        /// <summary>The first enabled project, in ordinal path order, that no project of the list references (null when none is enabled).</summary>
        internal static string? Choose(IEnumerable<(string Project, IReadOnlyList<string> References, bool Enabled)> projects)
        {
            var list = projects.ToList();
            var referenced = new HashSet<string>(list.SelectMany(p => p.References), StringComparer.Ordinal);
            var enabled = list.Where(p => p.Enabled).Select(p => p.Project).Distinct(StringComparer.Ordinal).OrderBy(p => p, StringComparer.Ordinal).ToList();
            return enabled.FirstOrDefault(p => !referenced.Contains(p)) ?? enabled.FirstOrDefault();
        }
    }

    /// <summary>The projects of the solution being built, from $(CurrentSolutionConfigurationContents), with the configuration the solution builds each one in.</summary>
    public sealed class ListSolutionProjects : Task
    {
        public string? SolutionConfiguration { get; set; }

        /// <summary>Each project built in the solution, with <c>AdditionalProperties</c> <c>Configuration=…;Platform=…</c>.</summary>
        [Output]
        public ITaskItem[] Projects { get; set; } = Array.Empty<ITaskItem>();

        public override bool Execute()
        {
            Projects = Parse(SolutionConfiguration).Select(p =>
            {
                var item = new TaskItem(p.Path);
                if (p.Configuration.Length > 0)
                {
                    item.SetMetadata("AdditionalProperties", $"Configuration={p.Configuration};Platform={p.Platform}");
                }

                return (ITaskItem)item;
            }).ToArray();
            return true;
        }

        internal static IReadOnlyList<(string Path, string Configuration, string Platform)> Parse(string? contents)
        {
            var projects = new List<(string, string, string)>();
            if (string.IsNullOrWhiteSpace(contents))
            {
                return projects;
            }

            var document = new XmlDocument { XmlResolver = null };
            try
            {
                using var reader = XmlReader.Create(new StringReader(contents!), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
                document.Load(reader);
            }
            catch (XmlException)
            {
                return projects;
            }

            foreach (XmlElement project in document.GetElementsByTagName("ProjectConfiguration"))
            {
                var path = project.GetAttribute("AbsolutePath");
                if (path.Length == 0 || string.Equals(project.GetAttribute("BuildProjectInSolution"), "false", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var text = string.Concat(project.ChildNodes.OfType<XmlText>().Select(t => t.Value)).Trim();
                var bar = text.IndexOf('|');
                projects.Add((Path.GetFullPath(path), bar < 0 ? text : text.Substring(0, bar), bar < 0 ? string.Empty : text.Substring(bar + 1)));
            }

            return projects;
        }
    }
}
