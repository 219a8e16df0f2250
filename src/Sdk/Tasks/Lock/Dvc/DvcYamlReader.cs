using System;
using System.Collections.Generic;
using System.Text;

namespace MlopsGuard.Tasks.Lock.Dvc
{
    /// <summary>The input is not the YAML subset this reader understands (line numbers are 1-based).</summary>
    internal sealed class DvcYamlException : Exception
    {
        public DvcYamlException(int line, string message)
            : base($"line {line}: {message}")
        {
            Line = line;
        }

        public int Line { get; }
    }

    /// <summary>
    /// A bounded reader for the YAML that DVC writes in <c>.dvc</c> files and <c>dvc.lock</c>: block mappings and
    /// sequences by indentation, plain and quoted scalars, block scalars ('|', '>') and comments. Flow collections
    /// ('[a, b]', '{}') are kept as scalar text; anchors, tags and multiple documents are not DVC's and are not read.
    /// Bounded in size and depth so a hostile file cannot make the build hang or overflow.
    /// </summary>
    internal static class DvcYamlReader
    {
        public const int MaxLength = 16 * 1024 * 1024;
        private const int MaxDepth = 64;

        public static YamlNode? Parse(string text)
        {
            if (text.Length > MaxLength)
            {
                throw new DvcYamlException(1, $"the file is larger than {MaxLength / (1024 * 1024)} MiB.");
            }

            var lines = Tokenize(text);
            if (lines.Count == 0)
            {
                return null;
            }

            var index = 0;
            var node = ParseBlock(lines, ref index, lines[0].Indent, 0);
            if (index < lines.Count)
            {
                throw new DvcYamlException(lines[index].Number, "unexpected indentation.");
            }

            return node;
        }

        private static YamlNode ParseBlock(List<Line> lines, ref int index, int indent, int depth)
        {
            if (depth > MaxDepth)
            {
                throw new DvcYamlException(lines[index].Number, "nested too deeply.");
            }

            return IsSequenceItem(lines[index].Content)
                ? ParseSequence(lines, ref index, indent, depth)
                : ParseMapping(lines, ref index, indent, depth);
        }

        private static YamlSequence ParseSequence(List<Line> lines, ref int index, int indent, int depth)
        {
            var sequence = new YamlSequence();
            while (index < lines.Count && lines[index].Indent == indent && IsSequenceItem(lines[index].Content))
            {
                var line = lines[index];
                var rest = line.Content.Length > 1 ? line.Content.Substring(2).TrimStart() : string.Empty;
                if (rest.Length == 0)
                {
                    index++;
                    sequence.Items.Add(index < lines.Count && lines[index].Indent > indent ? ParseBlock(lines, ref index, lines[index].Indent, depth + 1) : new YamlScalar(string.Empty));
                    continue;
                }

                // "- key: value" opens a mapping whose keys line up with "key": re-read the rest as a line of its own.
                var column = line.Indent + (line.Content.Length - rest.Length);
                lines[index] = new Line(line.Number, column, rest);
                if (IsSequenceItem(rest) || SplitKey(rest, line.Number) != null)
                {
                    sequence.Items.Add(ParseBlock(lines, ref index, column, depth + 1));
                }
                else
                {
                    index++;
                    sequence.Items.Add(new YamlScalar(ReadScalar(rest, lines, ref index, indent, line.Number)));
                }
            }

            return sequence;
        }

        private static YamlMapping ParseMapping(List<Line> lines, ref int index, int indent, int depth)
        {
            var mapping = new YamlMapping();
            while (index < lines.Count && lines[index].Indent == indent && !IsSequenceItem(lines[index].Content))
            {
                var line = lines[index];
                var (key, value) = SplitKey(line.Content, line.Number) ?? throw new DvcYamlException(line.Number, "expected 'key: value'.");
                index++;
                YamlNode node;
                if (value.Length == 0)
                {
                    if (index < lines.Count && (lines[index].Indent > indent || (lines[index].Indent == indent && IsSequenceItem(lines[index].Content))))
                    {
                        // A nested block, or a sequence written at the key's own indentation (DVC's style).
                        node = ParseBlock(lines, ref index, lines[index].Indent, depth + 1);
                    }
                    else
                    {
                        node = new YamlScalar(string.Empty);
                    }
                }
                else
                {
                    node = new YamlScalar(ReadScalar(value, lines, ref index, indent, line.Number));
                }

                mapping.Entries[key] = node;
            }

            return mapping;
        }

        private static string ReadScalar(string value, List<Line> lines, ref int index, int indent, int number)
        {
            if (value[0] == '|' || value[0] == '>')
            {
                // Block scalar: every following line indented deeper belongs to it (blank lines were dropped: harmless for hashes and paths).
                var text = new StringBuilder();
                while (index < lines.Count && lines[index].Indent > indent)
                {
                    text.Append(lines[index].Raw).Append(value[0] == '|' ? '\n' : ' ');
                    index++;
                }

                return text.ToString().TrimEnd();
            }

            if (value[0] == '\'' || value[0] == '"')
            {
                return Unquote(value, number);
            }

            // A plain scalar may go on over deeper-indented lines, folded with spaces.
            var plain = new StringBuilder(value);
            while (index < lines.Count && lines[index].Indent > indent)
            {
                plain.Append(' ').Append(lines[index].Content);
                index++;
            }

            return plain.ToString();
        }

        private static string Unquote(string value, int number)
        {
            var quote = value[0];
            var text = new StringBuilder();
            for (var i = 1; i < value.Length; i++)
            {
                var c = value[i];
                if (quote == '\'' && c == '\'')
                {
                    if (i + 1 < value.Length && value[i + 1] == '\'')
                    {
                        text.Append('\'');
                        i++;
                        continue;
                    }

                    return text.ToString();
                }

                if (quote == '"' && c == '"')
                {
                    return text.ToString();
                }

                if (quote == '"' && c == '\\' && i + 1 < value.Length)
                {
                    i++;
                    text.Append(value[i] switch { 'n' => '\n', 't' => '\t', 'r' => '\r', '0' => '\0', _ => value[i] });
                    continue;
                }

                text.Append(c);
            }

            throw new DvcYamlException(number, "a quoted value is not closed on its line.");
        }

        private static bool IsSequenceItem(string content) => content == "-" || content.StartsWith("- ", StringComparison.Ordinal);

        /// <summary>Splits "key: value" at the first ': ' (or a final ':') outside quotes; null when the line is no mapping entry.</summary>
        private static (string Key, string Value)? SplitKey(string content, int number)
        {
            var start = 0;
            string? quotedKey = null;
            if (content[0] == '\'' || content[0] == '"')
            {
                var close = content.IndexOf(content[0], 1);
                if (close < 0)
                {
                    return null;
                }

                quotedKey = Unquote(content.Substring(0, close + 1), number);
                start = close + 1;
            }

            for (var i = start; i < content.Length; i++)
            {
                if (content[i] == ':' && (i + 1 == content.Length || content[i + 1] == ' ' || content[i + 1] == '\t'))
                {
                    var key = quotedKey ?? content.Substring(0, i).TrimEnd();
                    return (key, content.Substring(i + 1).Trim());
                }
            }

            return null;
        }

        private static List<Line> Tokenize(string text)
        {
            var lines = new List<Line>();
            var raw = text.Replace("\r\n", "\n").Split('\n');
            for (var i = 0; i < raw.Length; i++)
            {
                var line = raw[i];
                if (line.StartsWith("%", StringComparison.Ordinal) || line == "---" || line == "...")
                {
                    continue;
                }

                if (line.IndexOf('\t') >= 0 && line.TrimStart(' ').StartsWith("\t", StringComparison.Ordinal))
                {
                    throw new DvcYamlException(i + 1, "tabs cannot indent YAML.");
                }

                var content = StripComment(line).TrimEnd();
                var indent = content.Length - content.TrimStart(' ').Length;
                content = content.Trim();
                if (content.Length != 0)
                {
                    lines.Add(new Line(i + 1, indent, content) { Raw = line.Trim() });
                }
            }

            return lines;
        }

        private static string StripComment(string line)
        {
            var quote = '\0';
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (quote != '\0')
                {
                    if (c == quote)
                    {
                        quote = '\0';
                    }
                }
                else if ((c == '\'' || c == '"') && (i == 0 || line[i - 1] == ' ' || line[i - 1] == ':' || line[i - 1] == '-'))
                {
                    quote = c;
                }
                else if (c == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t'))
                {
                    return line.Substring(0, i);
                }
            }

            return line;
        }

        private sealed record Line(int Number, int Indent, string Content)
        {
            public string Raw { get; init; } = Content;
        }
    }
}
