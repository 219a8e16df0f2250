using System;
using System.Collections.Generic;
using System.Text;

namespace MlopsGuard.Tasks.Packaging.Git
{
    /// <summary>
    /// A git config file as git parses it: <c>[section]</c> and <c>[section "subsection"]</c> headers, <c>key = value</c>
    /// lines, a key alone meaning true, <c>#</c>/<c>;</c> comments, quotes, backslash escapes and continued lines.
    /// Section and key names ignore case; subsection names do not. Includes are not followed.
    /// </summary>
    internal sealed class GitConfig
    {
        private readonly List<Entry> entries;

        private GitConfig(List<Entry> entries)
        {
            this.entries = entries;
        }

        public static GitConfig Empty { get; } = new GitConfig(new List<Entry>());

        public static GitConfig Parse(ReadOnlySpan<byte> utf8)
        {
            var text = Encoding.UTF8.GetString(utf8).Replace("\r\n", "\n");
            return new Parser(text).Run();
        }

        /// <summary>The last value of a key, as <c>git config --get</c> gives it; null when absent or a bare key.</summary>
        public string? Get(string section, string? subsection, string key)
        {
            string? value = null;
            foreach (var entry in entries)
            {
                if (Matches(entry, section, subsection, key))
                {
                    value = entry.Value;
                }
            }

            return value;
        }

        /// <summary>The fetch URL of <c>origin</c>, else of the first remote in the file that has one.</summary>
        public string? RemoteUrl()
        {
            string? first = null;
            foreach (var entry in entries)
            {
                if (entry.Section == "remote" && entry.Subsection != null && entry.Key == "url" && !string.IsNullOrEmpty(entry.Value))
                {
                    if (entry.Subsection == "origin")
                    {
                        return entry.Value;
                    }

                    first ??= entry.Value;
                }
            }

            return first;
        }

        private static bool Matches(Entry entry, string section, string? subsection, string key) =>
            entry.Section == section.ToLowerInvariant()
            && string.Equals(entry.Subsection, subsection, StringComparison.Ordinal)
            && entry.Key == key.ToLowerInvariant();

        private readonly record struct Entry(string Section, string? Subsection, string Key, string? Value);

        private sealed class Parser
        {
            private readonly string text;
            private readonly List<Entry> entries = new List<Entry>();
            private int position;
            private string? section;
            private string? subsection;

            public Parser(string text)
            {
                this.text = text;
                if (text.Length > 0 && text[0] == '\uFEFF')
                {
                    position = 1;
                }
            }

            public GitConfig Run()
            {
                while (position < text.Length)
                {
                    var c = text[position];
                    if (c == '\n' || c == ' ' || c == '\t' || c == '\r')
                    {
                        position++;
                    }
                    else if (c == '#' || c == ';')
                    {
                        SkipLine();
                    }
                    else if (c == '[')
                    {
                        ReadHeader();
                    }
                    else if (IsAsciiLetter(c))
                    {
                        ReadEntry();
                    }
                    else
                    {
                        throw Bad();
                    }
                }

                return new GitConfig(entries);
            }

            private void ReadHeader()
            {
                position++;
                var start = position;
                while (position < text.Length && (IsAsciiLetterOrDigit(text[position]) || text[position] == '-' || text[position] == '.'))
                {
                    position++;
                }

                var name = text.Substring(start, position - start);
                if (name.Length == 0 || position >= text.Length)
                {
                    throw Bad();
                }

                string? sub = null;
                if (text[position] == ' ' || text[position] == '\t')
                {
                    while (position < text.Length && (text[position] == ' ' || text[position] == '\t'))
                    {
                        position++;
                    }

                    if (position >= text.Length || text[position] != '"' || name.Contains('.', StringComparison.Ordinal))
                    {
                        throw Bad();
                    }

                    position++;
                    var builder = new StringBuilder();
                    while (true)
                    {
                        if (position >= text.Length || text[position] == '\n')
                        {
                            throw Bad();
                        }

                        var c = text[position++];
                        if (c == '"')
                        {
                            break;
                        }

                        if (c == '\\')
                        {
                            if (position >= text.Length || text[position] == '\n')
                            {
                                throw Bad();
                            }

                            c = text[position++];
                        }

                        builder.Append(c);
                    }

                    sub = builder.ToString();
                }
                else if (name.Contains('.', StringComparison.Ordinal))
                {
                    // The old [section.subsection] form: the subsection is compared in lower case.
                    var dot = name.IndexOf('.');
                    sub = name.Substring(dot + 1).ToLowerInvariant();
                    name = name.Substring(0, dot);
                }

                if (position >= text.Length || text[position] != ']')
                {
                    throw Bad();
                }

                position++;
                section = name.ToLowerInvariant();
                subsection = sub;
            }

            private void ReadEntry()
            {
                if (section == null)
                {
                    throw Bad();
                }

                var start = position;
                while (position < text.Length && (IsAsciiLetterOrDigit(text[position]) || text[position] == '-'))
                {
                    position++;
                }

                var key = text.Substring(start, position - start).ToLowerInvariant();
                while (position < text.Length && (text[position] == ' ' || text[position] == '\t'))
                {
                    position++;
                }

                string? value = null;
                if (position < text.Length && text[position] == '=')
                {
                    position++;
                    value = ReadValue();
                }
                else if (position < text.Length && text[position] != '\n' && text[position] != '#' && text[position] != ';')
                {
                    throw Bad();
                }
                else
                {
                    SkipLine();
                }

                entries.Add(new Entry(section, subsection, key, value));
            }

            private string ReadValue()
            {
                var builder = new StringBuilder();
                var quoted = false;
                var pendingSpaces = 0;
                while (position < text.Length)
                {
                    var c = text[position++];
                    if (c == '\n')
                    {
                        if (quoted)
                        {
                            throw Bad();
                        }

                        return builder.ToString();
                    }

                    if (!quoted && (c == '#' || c == ';'))
                    {
                        SkipLine();
                        return builder.ToString();
                    }

                    if (!quoted && (c == ' ' || c == '\t'))
                    {
                        // Leading blanks vanish, inner ones stay, trailing ones are dropped when the line ends.
                        if (builder.Length > 0)
                        {
                            pendingSpaces++;
                        }

                        continue;
                    }

                    builder.Append(' ', pendingSpaces);
                    pendingSpaces = 0;
                    if (c == '"')
                    {
                        quoted = !quoted;
                    }
                    else if (c == '\\')
                    {
                        if (position >= text.Length)
                        {
                            throw Bad();
                        }

                        var escaped = text[position++];
                        switch (escaped)
                        {
                            case '\n':
                                break; // Continued on the next line.
                            case 'n':
                                builder.Append('\n');
                                break;
                            case 't':
                                builder.Append('\t');
                                break;
                            case 'b':
                                builder.Append('\b');
                                break;
                            case '\\':
                            case '"':
                                builder.Append(escaped);
                                break;
                            default:
                                throw Bad();
                        }
                    }
                    else
                    {
                        builder.Append(c);
                    }
                }

                if (quoted)
                {
                    throw Bad();
                }

                return builder.ToString();
            }

            private void SkipLine()
            {
                while (position < text.Length && text[position] != '\n')
                {
                    position++;
                }
            }

            private GitFormatException Bad()
            {
                var line = 1;
                for (var i = 0; i < Math.Min(position, text.Length); i++)
                {
                    if (text[i] == '\n')
                    {
                        line++;
                    }
                }

                return new GitFormatException($"bad config line {line}");
            }

            private static bool IsAsciiLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

            private static bool IsAsciiLetterOrDigit(char c) => IsAsciiLetter(c) || (c >= '0' && c <= '9');
        }
    }
}
