using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using MlopsGuard.Tasks.Compatibility;

namespace MlopsGuard.Tasks.Maturity
{
    /// <summary>
    /// A CODEOWNERS file as GitHub and GitLab read it: one gitignore-like pattern per line followed by owners; the last
    /// matching line wins, and a line without owners takes ownership away. Unsupported syntax (negation, GitLab
    /// sections) is skipped rather than guessed.
    /// </summary>
    internal sealed class CodeOwners
    {
        /// <summary>The places GitHub looks, in its order of precedence (the first one found is used).</summary>
        public static readonly string[] Locations = { ".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS" };

        private const int MaxBacktrackingWildcards = 3;

        private readonly List<(Regex Pattern, IReadOnlyList<string> Owners)> _rules;

        private CodeOwners(string relativePath, List<(Regex, IReadOnlyList<string>)> rules)
        {
            RelativePath = relativePath;
            _rules = rules;
        }

        /// <summary>The file's path relative to the repository root.</summary>
        public string RelativePath { get; }

        /// <summary>Lines that name at least one owner.</summary>
        public int OwnedPatterns => _rules.Count(r => r.Owners.Count > 0);

        /// <summary>The CODEOWNERS file of the repository, or null when there is none.</summary>
        public static CodeOwners? Find(string repositoryRoot)
        {
            foreach (var location in Locations)
            {
                var path = Path.Combine(repositoryRoot, location);
                if (File.Exists(path))
                {
                    return Parse(location, BoundedText.Lines(path));
                }
            }

            return null;
        }

        public static CodeOwners Parse(string relativePath, IEnumerable<string> lines)
        {
            var rules = new List<(Regex, IReadOnlyList<string>)>();
            foreach (var raw in lines)
            {
                var line = raw.Trim();
                if (line.Length == 0 || line[0] == '#' || line[0] == '!' || line[0] == '[' || line.StartsWith("^[", StringComparison.Ordinal))
                {
                    continue;
                }

                var tokens = Tokens(line);
                if (tokens.Count == 0)
                {
                    continue;
                }

                var owners = tokens.Skip(1).TakeWhile(t => t[0] != '#').ToList();
                var pattern = ToRegex(tokens[0]);
                if (pattern != null)
                {
                    rules.Add((pattern, owners));
                }
            }

            return new CodeOwners(relativePath, rules);
        }

        /// <summary>The owners of a path relative to the repository root ('/'-separated); empty when nobody owns it.</summary>
        public IReadOnlyList<string> OwnersOf(string relativePath)
        {
            var path = relativePath.Replace('\\', '/').TrimStart('/');
            for (var i = _rules.Count - 1; i >= 0; i--)
            {
                try
                {
                    if (_rules[i].Pattern.IsMatch(path))
                    {
                        return _rules[i].Owners;
                    }
                }
                catch (RegexMatchTimeoutException)
                {
                    // Only a pathological path can get here: a line that cannot be decided owns nothing.
                }
            }

            return Array.Empty<string>();
        }

        /// <summary>Whitespace-separated tokens; '\ ' keeps a space inside a pattern.</summary>
        private static List<string> Tokens(string line)
        {
            var tokens = new List<string>();
            var current = new StringBuilder();
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (c == '\\' && i + 1 < line.Length && (line[i + 1] == ' ' || line[i + 1] == '#'))
                {
                    current.Append(line[++i]);
                }
                else if (char.IsWhiteSpace(c))
                {
                    if (current.Length > 0)
                    {
                        tokens.Add(current.ToString());
                        current.Clear();
                    }
                }
                else
                {
                    current.Append(c);
                }
            }

            if (current.Length > 0)
            {
                tokens.Add(current.ToString());
            }

            return tokens;
        }

        /// <summary>
        /// gitignore semantics as CODEOWNERS uses them: a leading or inner '/' anchors the pattern at the root, otherwise
        /// it matches at any depth; a match on a folder covers everything below it, except that a final '*' segment
        /// (<c>docs/*</c>) covers only the folder's direct files; '**' spans folders.
        /// </summary>
        internal static Regex? ToRegex(string pattern)
        {
            if (pattern.Length > 4096 || pattern.Contains('[', StringComparison.Ordinal))
            {
                return null; // character classes are not supported by GitHub either
            }

            var directoryOnly = pattern.EndsWith("/", StringComparison.Ordinal);
            var body = pattern.Trim('/');
            if (body.Length == 0)
            {
                return null;
            }

            var anchored = pattern.StartsWith("/", StringComparison.Ordinal) || body.Contains('/', StringComparison.Ordinal);
            var text = new StringBuilder(anchored ? "^" : "^(?:.*/)?");
            for (var i = 0; i < body.Length; i++)
            {
                var c = body[i];
                if (c == '*' && i + 1 < body.Length && body[i + 1] == '*')
                {
                    var slashAfter = i + 2 < body.Length && body[i + 2] == '/';
                    text.Append(slashAfter ? "(?:.*/)?" : ".*");
                    i += slashAfter ? 2 : 1;
                }
                else if (c == '*')
                {
                    text.Append("[^/]*");
                }
                else if (c == '?')
                {
                    text.Append("[^/]");
                }
                else
                {
                    text.Append(Regex.Escape(c.ToString()));
                }
            }

            var lastSegmentIsStar = body == "*" ? false : body.EndsWith("/*", StringComparison.Ordinal);
            text.Append(directoryOnly ? "/.*$" : lastSegmentIsStar ? "$" : "(?:/.*)?$");
            // Each wildcard run multiplies the backtracking: '*a*a*a…' against a long path would hit the timeout. Patterns with
            // many runs use the linear non-backtracking engine; it costs about a millisecond to build, so the usual
            // patterns ('*', 'models/**/*.zip') keep the cheap one.
            var runs = 0;
            for (var i = 0; i < body.Length; i++)
            {
                runs += body[i] == '*' && (i == 0 || body[i - 1] != '*') ? 1 : 0;
            }

            var options = runs > MaxBacktrackingWildcards ? RegexOptions.CultureInvariant | Portable.Linear : RegexOptions.CultureInvariant;
            return new Regex(text.ToString(), options, TimeSpan.FromMilliseconds(200));
        }
    }
}
