using System;
using System.Collections.Generic;
using System.Text;

namespace MlopsGuard.Tasks.Packaging.Git
{
    /// <summary>
    /// The headers of a commit object that provenance needs: <c>tree</c>, <c>parent</c>s and the committer's time.
    /// The committer line ends <c>&lt;email&gt; seconds ±hhmm</c>; the offset is kept, as <c>git log --format=%cI</c> shows it.
    /// </summary>
    internal sealed record GitCommit(string Tree, IReadOnlyList<string> Parents, DateTimeOffset CommitTime)
    {
        // Largest Unix time DateTimeOffset can hold (9999-12-31T23:59:59Z).
        private const long MaxUnixSeconds = 253402300799L;

        private const int MaxOffsetMinutes = 14 * 60;

        public static GitCommit Parse(ReadOnlySpan<byte> data, int hashLength)
        {
            string? tree = null;
            var parents = new List<string>();
            DateTimeOffset? committed = null;
            var first = true;
            while (!data.IsEmpty)
            {
                var end = data.IndexOf((byte)'\n');
                var line = end < 0 ? data : data.Slice(0, end);
                data = end < 0 ? ReadOnlySpan<byte>.Empty : data.Slice(end + 1);
                if (line.IsEmpty)
                {
                    break; // The message follows.
                }

                if (first)
                {
                    tree = ReadId(line, "tree "u8, hashLength) ?? throw new GitFormatException("commit does not start with a valid tree line");
                    first = false;
                }
                else if (line.StartsWith("parent "u8))
                {
                    parents.Add(ReadId(line, "parent "u8, hashLength) ?? throw new GitFormatException("commit has an invalid parent line"));
                }
                else if (line.StartsWith("committer "u8) && committed == null)
                {
                    committed = ParseIdentityTime(line.Slice("committer ".Length));
                }
            }

            if (tree == null)
            {
                throw new GitFormatException("commit is empty");
            }

            if (committed == null)
            {
                throw new GitFormatException("commit has no committer line");
            }

            return new GitCommit(tree, parents, committed.Value);
        }

        /// <summary>The time in <c>Name &lt;email&gt; 1700000000 +0530</c>, with its offset.</summary>
        public static DateTimeOffset ParseIdentityTime(ReadOnlySpan<byte> identity)
        {
            var close = identity.LastIndexOf((byte)'>');
            if (close < 0)
            {
                throw new GitFormatException("committer line has no <email>");
            }

            var rest = identity.Slice(close + 1).TrimStart((byte)' ');
            var space = rest.IndexOf((byte)' ');
            if (space <= 0)
            {
                throw new GitFormatException("committer line has no time and time zone");
            }

            var digits = rest.Slice(0, space);
            var zone = rest.Slice(space + 1).TrimEnd((byte)' ');
            if (digits.Length > 12)
            {
                throw new GitFormatException("committer time is out of range");
            }

            long seconds = 0;
            foreach (var d in digits)
            {
                if (d < (byte)'0' || d > (byte)'9')
                {
                    throw new GitFormatException("committer time is not a number");
                }

                seconds = (seconds * 10) + (d - '0');
            }

            if (zone.Length != 5 || (zone[0] != (byte)'+' && zone[0] != (byte)'-'))
            {
                throw new GitFormatException("committer time zone is not ±hhmm");
            }

            var minutes = 0;
            var hours = 0;
            for (var i = 1; i < 5; i++)
            {
                var d = zone[i] - '0';
                if (d < 0 || d > 9)
                {
                    throw new GitFormatException("committer time zone is not ±hhmm");
                }

                if (i < 3)
                {
                    hours = (hours * 10) + d;
                }
                else
                {
                    minutes = (minutes * 10) + d;
                }
            }

            var total = (hours * 60) + minutes;
            if (minutes >= 60 || total > MaxOffsetMinutes)
            {
                throw new GitFormatException($"committer time zone {Encoding.ASCII.GetString(zone)} is out of range");
            }

            var offset = TimeSpan.FromMinutes(zone[0] == (byte)'-' ? -total : total);
            if (seconds > MaxUnixSeconds - MaxOffsetMinutes * 60L)
            {
                throw new GitFormatException("committer time is out of range");
            }

            return DateTimeOffset.FromUnixTimeSeconds(seconds).ToOffset(offset);
        }

        private static string? ReadId(ReadOnlySpan<byte> line, ReadOnlySpan<byte> prefix, int hashLength)
        {
            if (!line.StartsWith(prefix) || !GitObjectId.TryParseHex(line.Slice(prefix.Length), hashLength, out var id))
            {
                return null;
            }

            return GitObjectId.ToHex(id);
        }
    }
}
