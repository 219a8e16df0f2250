using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace MlopsGuard.Analyzers.Infrastructure
{
    /// <summary>
    /// The <c>MlData</c> and <c>MlModel</c> items of the project, read from the additional file <c>MlopsGuard.Artifacts.txt</c> that
    /// MlopsGuard.targets writes (docs/artifacts-file.md). Parsed once per file text; matching allocates nothing per pattern.
    /// </summary>
    internal sealed class DeclaredArtifacts
    {
        public const string FileName = "MlopsGuard.Artifacts.txt";

        private static readonly ConditionalWeakTable<SourceText, DeclaredArtifacts> Cache = new ConditionalWeakTable<SourceText, DeclaredArtifacts>();

        private readonly string[] _data;
        private readonly string[] _models;

        private DeclaredArtifacts(string? root, string[] data, string[] models)
        {
            Root = root;
            _data = data;
            _models = models;
        }

        /// <summary>The project directory (with <c>/</c> separators, no trailing one), or null when the file does not say.</summary>
        public string? Root { get; }

        /// <summary>The declared items of the compilation, or null when MlopsGuard's MSBuild part did not pass the file.</summary>
        public static DeclaredArtifacts? Find(AnalyzerOptions options, CancellationToken cancellationToken)
        {
            foreach (var file in options.AdditionalFiles)
            {
                if (string.Equals(Path.GetFileName(file.Path), FileName, StringComparison.OrdinalIgnoreCase)
                    && file.GetText(cancellationToken) is SourceText text)
                {
                    return Cache.GetValue(text, Parse);
                }
            }

            return null;
        }

        /// <summary>Reads the tab-separated records; unknown kinds and malformed lines are skipped (the format may grow).</summary>
        internal static DeclaredArtifacts Parse(SourceText text)
        {
            string? root = null;
            var data = new List<string>();
            var models = new List<string>();
            foreach (var line in text.Lines)
            {
                var content = text.ToString(line.Span);
                if (content.Length == 0 || content[0] == '#')
                {
                    continue;
                }

                var firstTab = content.IndexOf('\t');
                if (firstTab <= 0)
                {
                    continue;
                }

                var end = content.IndexOf('\t', firstTab + 1);
                var value = (end < 0 ? content.Substring(firstTab + 1) : content.Substring(firstTab + 1, end - firstTab - 1)).Trim();
                if (value.Length == 0)
                {
                    continue;
                }

                if (IsKind(content, firstTab, "root"))
                {
                    root = Normalize(value).TrimEnd('/');
                }
                else if (IsKind(content, firstTab, "data"))
                {
                    data.Add(value);
                }
                else if (IsKind(content, firstTab, "model"))
                {
                    models.Add(value);
                }
            }

            return new DeclaredArtifacts(root, Patterns(data, root), Patterns(models, root));
        }

        /// <summary>True when an <c>MlData</c> item covers the path (relative to the project, or absolute under it).</summary>
        public bool DeclaresData(string path) => Declares(_data, path);

        /// <summary>True when an <c>MlModel</c> item covers the path.</summary>
        public bool DeclaresModel(string path) => Declares(_models, path);

        /// <summary>
        /// The path as a project-relative path with <c>/</c>, <c>.</c> and <c>..</c> segments folded; null when it is absolute and
        /// outside the project (nothing to compare it with).
        /// </summary>
        public string? ProjectRelative(string path)
        {
            var normalized = Normalize(path);
            if (!IsAbsolute(normalized))
            {
                return normalized;
            }

            if (Root is string root && normalized.Length > root.Length + 1
                && normalized.StartsWith(root, StringComparison.OrdinalIgnoreCase) && normalized[root.Length] == '/')
            {
                return normalized.Substring(root.Length + 1);
            }

            return null;
        }

        /// <summary>Backslashes to <c>/</c>; <c>./</c>, empty segments and <c>dir/..</c> folded; leading <c>..</c> kept.</summary>
        internal static string Normalize(string path)
        {
            path = path.Replace('\\', '/');
            var unc = path.StartsWith("//", StringComparison.Ordinal);
            var rooted = path.StartsWith("/", StringComparison.Ordinal);
            var trailingSlash = path.EndsWith("/", StringComparison.Ordinal);
            var segments = new List<string>();
            foreach (var segment in path.Split('/'))
            {
                if (segment.Length == 0 || segment == ".")
                {
                    continue;
                }

                if (segment == ".." && segments.Count > 0 && segments[segments.Count - 1] != "..")
                {
                    segments.RemoveAt(segments.Count - 1);
                    continue;
                }

                segments.Add(segment);
            }

            var joined = string.Join("/", segments);
            if (trailingSlash && joined.Length > 0)
            {
                joined += "/";
            }

            return (unc ? "//" : rooted ? "/" : string.Empty) + joined;
        }

        /// <summary>Matches a normalized path against an item: a file, a folder (<c>dir/</c>) or a glob with <c>*</c>, <c>**</c>, <c>?</c>; case-insensitive.</summary>
        internal static bool Matches(string pattern, string path)
        {
            if (pattern.IndexOf('*') >= 0 || pattern.IndexOf('?') >= 0)
            {
                return Glob(pattern, 0, path, 0);
            }

            if (pattern.EndsWith("/", StringComparison.Ordinal))
            {
                return path.StartsWith(pattern, StringComparison.OrdinalIgnoreCase);
            }

            // An item naming a folder without the slash covers the files under it too.
            return string.Equals(pattern, path, StringComparison.OrdinalIgnoreCase)
                || (path.Length > pattern.Length && path[pattern.Length] == '/' && path.StartsWith(pattern, StringComparison.OrdinalIgnoreCase));
        }

        private bool Declares(string[] patterns, string path)
        {
            var relative = ProjectRelative(path);
            if (relative is null)
            {
                return true;
            }

            // Code often reaches project files from bin/Debug/netX.Y with "../../../": compare without leading "..".
            var stripped = StripParents(relative);
            foreach (var pattern in patterns)
            {
                if (Matches(pattern, relative) || Matches(StripParents(pattern), stripped))
                {
                    return true;
                }
            }

            return false;
        }

        private static string[] Patterns(List<string> items, string? root)
        {
            var patterns = new string[items.Count];
            for (var i = 0; i < items.Count; i++)
            {
                var pattern = Normalize(items[i]);
                if (root is not null && pattern.Length > root.Length + 1
                    && pattern.StartsWith(root, StringComparison.OrdinalIgnoreCase) && pattern[root.Length] == '/')
                {
                    pattern = pattern.Substring(root.Length + 1);
                }

                patterns[i] = pattern;
            }

            return patterns;
        }

        /// <summary>The path without leading <c>../</c> segments.</summary>
        internal static string StripParents(string path)
        {
            var start = 0;
            while (string.CompareOrdinal(path, start, "../", 0, 3) == 0)
            {
                start += 3;
            }

            return start == 0 ? path : path.Substring(start);
        }

        private static bool IsAbsolute(string normalized) =>
            normalized.StartsWith("/", StringComparison.Ordinal)
            || (normalized.Length > 1 && normalized[1] == ':')
            || normalized.StartsWith("~", StringComparison.Ordinal);

        private static bool IsKind(string line, int length, string kind) =>
            length == kind.Length && string.CompareOrdinal(line, 0, kind, 0, length) == 0;

        /// <summary>Glob matching on indices: <c>**</c> spans whole segments, <c>*</c> and <c>?</c> stay inside one.</summary>
        private static bool Glob(string pattern, int p, string path, int s)
        {
            while (p < pattern.Length)
            {
                var c = pattern[p];
                if (c == '*')
                {
                    if (p + 1 < pattern.Length && pattern[p + 1] == '*')
                    {
                        var next = p + 2;
                        if (next < pattern.Length && pattern[next] == '/')
                        {
                            next++;
                        }

                        for (var k = s; k <= path.Length; k++)
                        {
                            if ((k == s || path[k - 1] == '/') && Glob(pattern, next, path, k))
                            {
                                return true;
                            }
                        }

                        return false;
                    }

                    for (var k = s; k <= path.Length; k++)
                    {
                        if (Glob(pattern, p + 1, path, k))
                        {
                            return true;
                        }

                        if (k < path.Length && path[k] == '/')
                        {
                            break;
                        }
                    }

                    return false;
                }

                if (s >= path.Length)
                {
                    return false;
                }

                if (c == '?' ? path[s] == '/' : char.ToUpperInvariant(c) != char.ToUpperInvariant(path[s]))
                {
                    return false;
                }

                p++;
                s++;
            }

            return s == path.Length;
        }
    }
}
