using System;
using System.IO;
using System.Text;

namespace MlopsGuard.Tasks.Packaging.Git
{
    /// <summary>
    /// HEAD and the refs it leads to: loose ref files first, then <c>packed-refs</c>, following symbolic refs a few
    /// levels. Ref names are checked before they become paths, so HEAD cannot point a read outside the repository.
    /// </summary>
    internal static class GitReferences
    {
        private const int MaxRefNameLength = 1024;

        /// <summary>Resolves HEAD of <paramref name="layout"/>.</summary>
        public static GitHeadReference ResolveHead(GitLayout layout, int hashLength)
        {
            var head = GitFile.ReadBounded(Path.Combine(layout.GitDirectory, "HEAD"), GitLimits.MaxSmallFileBytes, "HEAD")
                ?? throw new GitFormatException("HEAD is missing");
            var value = ParseRefFile(head, hashLength, "HEAD");
            if (value.Id != null)
            {
                return new GitHeadReference(null, value.Id);
            }

            var branch = value.SymbolicTarget!;
            var name = branch;
            byte[]? packedRefs = null;
            var packedRefsRead = false;
            for (var depth = 0; depth < GitLimits.MaxSymbolicRefDepth; depth++)
            {
                var loose = GitFile.ReadBounded(LooseRefPath(layout, name), GitLimits.MaxSmallFileBytes, $"ref {name}");
                if (loose != null)
                {
                    value = ParseRefFile(loose, hashLength, $"ref {name}");
                    if (value.Id != null)
                    {
                        return new GitHeadReference(branch, value.Id);
                    }

                    name = value.SymbolicTarget!;
                    continue;
                }

                if (!packedRefsRead)
                {
                    packedRefs = GitFile.ReadBounded(Path.Combine(layout.CommonDirectory, "packed-refs"), GitLimits.MaxPackedRefsBytes, "packed-refs");
                    packedRefsRead = true;
                }

                // Neither loose nor packed: the branch exists in name only (unborn).
                return new GitHeadReference(branch, packedRefs == null ? null : FindPacked(packedRefs, name, hashLength));
            }

            throw new GitFormatException($"HEAD leads through more than {GitLimits.MaxSymbolicRefDepth} symbolic refs");
        }

        /// <summary>Parses HEAD or a loose ref: <c>ref: name</c> or hex id, each optionally followed by a line break.</summary>
        public static GitReferenceValue ParseRefFile(ReadOnlySpan<byte> content, int hashLength, string what)
        {
            var line = GitFile.TrimLine(content);
            if (line.StartsWith("ref:"u8))
            {
                var target = line.Slice(4);
                while (!target.IsEmpty && (target[0] == (byte)' ' || target[0] == (byte)'\t'))
                {
                    target = target.Slice(1);
                }

                var name = Encoding.UTF8.GetString(target);
                if (!IsSafeRefName(name))
                {
                    throw new GitFormatException($"{what} names an invalid ref '{Printable(name)}'");
                }

                return new GitReferenceValue(name, null);
            }

            if (GitObjectId.TryParseHex(line, hashLength, out var id))
            {
                return new GitReferenceValue(null, id);
            }

            throw new GitFormatException($"{what} holds neither a ref name nor a {hashLength * 2}-digit object id");
        }

        /// <summary>
        /// The id <paramref name="refName"/> has in a <c>packed-refs</c> file (lines <c>id name</c>, <c>^id</c> peeled
        /// tags and <c>#</c> header lines), or null when it is not there.
        /// </summary>
        public static byte[]? FindPacked(ReadOnlySpan<byte> packedRefs, string refName, int hashLength)
        {
            var wanted = Encoding.UTF8.GetBytes(refName);
            var lineNumber = 0;
            while (!packedRefs.IsEmpty)
            {
                lineNumber++;
                var end = packedRefs.IndexOf((byte)'\n');
                var line = end < 0 ? packedRefs : packedRefs.Slice(0, end);
                packedRefs = end < 0 ? ReadOnlySpan<byte>.Empty : packedRefs.Slice(end + 1);
                if (line.IsEmpty || line[0] == (byte)'#' || line[0] == (byte)'^')
                {
                    continue;
                }

                var hexLength = hashLength * 2;
                if (line.Length < hexLength + 2 || line[hexLength] != (byte)' ' || !GitObjectId.TryParseHex(line.Slice(0, hexLength), hashLength, out var id))
                {
                    throw new GitFormatException($"packed-refs line {lineNumber} is not '<id> <ref name>'");
                }

                if (line.Slice(hexLength + 1).SequenceEqual(wanted))
                {
                    return id;
                }
            }

            return null;
        }

        /// <summary>
        /// A ref name this reader may turn into a path: below <c>refs/</c>, no empty, dot-led or <c>..</c> components,
        /// no control characters and none of the characters git forbids in ref names.
        /// </summary>
        public static bool IsSafeRefName(string name)
        {
            if (name.Length > MaxRefNameLength || !name.StartsWith("refs/", StringComparison.Ordinal) || name.EndsWith(".lock", StringComparison.Ordinal))
            {
                return false;
            }

            foreach (var c in name)
            {
                if (c < 0x20 || c == 0x7F || c == '\\' || c == ':' || c == '?' || c == '*' || c == '[' || c == '~' || c == '^' || c == ' ')
                {
                    return false;
                }
            }

            foreach (var component in name.Split('/'))
            {
                if (component.Length == 0 || component[0] == '.' || component.Contains("..", StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>A ref name shown in a message: control characters replaced and length capped.</summary>
        public static string Printable(string text)
        {
            var builder = new StringBuilder(Math.Min(text.Length, 100));
            foreach (var c in text)
            {
                if (builder.Length == 100)
                {
                    builder.Append('…');
                    break;
                }

                builder.Append(char.IsControl(c) ? '?' : c);
            }

            return builder.ToString();
        }

        // Per-worktree refs live in the worktree's own git folder; all others in the common folder.
        private static string LooseRefPath(GitLayout layout, string name)
        {
            var perWorktree = name.StartsWith("refs/worktree/", StringComparison.Ordinal)
                || name.StartsWith("refs/bisect/", StringComparison.Ordinal)
                || name.StartsWith("refs/rewritten/", StringComparison.Ordinal);
            var root = perWorktree ? layout.GitDirectory : layout.CommonDirectory;
            return Path.Combine(root, name.Replace('/', Path.DirectorySeparatorChar));
        }
    }
}
