using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace MlopsGuard.Tasks.Compatibility
{
    /// <summary>
    /// The few platform calls the tasks make that .NET Framework 4.7.2 (Visual Studio's and MSBuild.exe's runtime) lacks, each
    /// with one meaning on both runtimes. The .NET build forwards to the framework; the .NET Framework build does the same work
    /// by hand. docs/build-hosts.md lists what differs.
    /// </summary>
    internal static class Portable
    {
        public static bool IsWindows { get; } = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        public static bool IsMacOS { get; } = RuntimeInformation.IsOSPlatform(OSPlatform.OSX);

        /// <summary>Options for a regular expression that must run in linear time: guaranteed on .NET; on .NET Framework the caller's timeout guards it.</summary>
        public static RegexOptions Linear =>
#if NETFRAMEWORK
            RegexOptions.None;
#else
            RegexOptions.NonBacktracking;
#endif

        public static DateTimeOffset UnixEpoch { get; } = new DateTimeOffset(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);

        /// <summary><paramref name="path"/> made absolute against <paramref name="basePath"/> (a rooted path stays as it is), then normalized.</summary>
        public static string FullPath(string path, string basePath)
        {
#if NETFRAMEWORK
            // .NET Framework's path calls throw on wildcards and on characters Windows forbids ('*', '?', '<', '|', ...), which
            // a glob or a foreign path may hold; such a path is normalized lexically, as .NET does.
            if (path.IndexOfAny(ForbiddenOnFramework) >= 0 || basePath.IndexOfAny(ForbiddenOnFramework) >= 0)
            {
                return Lexical(IsRooted(path) ? path : basePath.TrimEnd('/', '\\') + Path.DirectorySeparatorChar + path);
            }

            return Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(basePath, path));
#else
            return Path.GetFullPath(path, basePath);
#endif
        }

        /// <summary>The path of <paramref name="path"/> seen from the folder <paramref name="relativeTo"/>, with '..' where it lies outside.</summary>
        public static string RelativePath(string relativeTo, string path)
        {
#if NETFRAMEWORK
            var comparison = IsWindows || IsMacOS ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            var from = Segments(Path.GetFullPath(relativeTo));
            var to = Segments(Path.GetFullPath(path));
            if (!string.Equals(Path.GetPathRoot(Path.GetFullPath(relativeTo)), Path.GetPathRoot(Path.GetFullPath(path)), comparison))
            {
                return Path.GetFullPath(path); // another drive: no relative path exists
            }

            var common = 0;
            while (common < from.Length && common < to.Length && string.Equals(from[common], to[common], comparison))
            {
                common++;
            }

            var builder = new StringBuilder();
            for (var i = common; i < from.Length; i++)
            {
                builder.Append(builder.Length == 0 ? string.Empty : Path.DirectorySeparatorChar.ToString()).Append("..");
            }

            for (var i = common; i < to.Length; i++)
            {
                builder.Append(builder.Length == 0 ? string.Empty : Path.DirectorySeparatorChar.ToString()).Append(to[i]);
            }

            var relative = builder.Length == 0 ? "." : builder.ToString();

            // As .NET's GetRelativePath: a path that ends with a separator keeps it.
            return path.Length > 0 && (path[path.Length - 1] == '/' || path[path.Length - 1] == '\\') && relative != "." ? relative + Path.DirectorySeparatorChar : relative;
#else
            return Path.GetRelativePath(relativeTo, path);
#endif
        }

        /// <summary>The path without a trailing separator, unless it is a root ("/", "C:\").</summary>
        public static string TrimEndingSeparator(string path)
        {
#if NETFRAMEWORK
            var root = Path.GetPathRoot(path) ?? string.Empty;
            var end = path.Length;
            while (end > root.Length && (path[end - 1] == Path.DirectorySeparatorChar || path[end - 1] == Path.AltDirectorySeparatorChar))
            {
                end--;
            }

            return path.Substring(0, end);
#else
            return Path.TrimEndingDirectorySeparator(path);
#endif
        }

        /// <summary>
        /// The target of a symbolic link, or null when <paramref name="info"/> is no link. .NET Framework cannot read link
        /// targets, so there every path counts as no link: containment is then judged on the lexical path alone.
        /// </summary>
        public static string? LinkTarget(FileSystemInfo info) =>
#if NETFRAMEWORK
            null;
#else
            info.LinkTarget;
#endif

        public static byte[] Sha256(byte[] data)
        {
#if NETFRAMEWORK
            using var sha = SHA256.Create();
            return sha.ComputeHash(data);
#else
            return SHA256.HashData(data);
#endif
        }

        /// <summary>Lower-case hexadecimal digits of <paramref name="bytes"/>.</summary>
        public static string ToHex(byte[] bytes)
        {
#if NETFRAMEWORK
            const string digits = "0123456789abcdef";
            var chars = new char[bytes.Length * 2];
            for (var i = 0; i < bytes.Length; i++)
            {
                chars[2 * i] = digits[bytes[i] >> 4];
                chars[(2 * i) + 1] = digits[bytes[i] & 0xF];
            }

            return new string(chars);
#else
            return Convert.ToHexString(bytes).ToLowerInvariant();
#endif
        }

        public static bool IsValidUtf8(ReadOnlySpan<byte> bytes)
        {
#if NETFRAMEWORK
            try
            {
                _ = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetCharCount(bytes.ToArray());
                return true;
            }
            catch (DecoderFallbackException)
            {
                return false;
            }
#else
            return System.Text.Unicode.Utf8.IsValid(bytes);
#endif
        }

        /// <summary>Moves <paramref name="source"/> over <paramref name="destination"/> in one step (rename(2), MoveFileEx or ReplaceFile).</summary>
        public static void MoveReplacing(string source, string destination)
        {
#if NETFRAMEWORK
            if (File.Exists(destination))
            {
                File.Replace(source, destination, destinationBackupFileName: null, ignoreMetadataErrors: true);
            }
            else
            {
                File.Move(source, destination);
            }
#else
            File.Move(source, destination, overwrite: true);
#endif
        }

        /// <summary>A process start for <paramref name="program"/> with each argument passed as one, whatever its spaces and quotes.</summary>
        public static ProcessStartInfo StartInfo(string program, params string[] arguments)
        {
#if NETFRAMEWORK
            var line = new StringBuilder();
            foreach (var argument in arguments)
            {
                line.Append(line.Length == 0 ? string.Empty : " ").Append(Quote(argument));
            }

            return new ProcessStartInfo(program) { Arguments = line.ToString() };
#else
            var start = new ProcessStartInfo(program);
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            return start;
#endif
        }

        /// <summary>Ends <paramref name="process"/> and, where the runtime can, the processes it started.</summary>
        public static void KillTree(Process process)
        {
#if NETFRAMEWORK
            if (IsWindows)
            {
                try
                {
                    using var taskkill = Process.Start(new ProcessStartInfo("taskkill", "/T /F /PID " + process.Id) { UseShellExecute = false, CreateNoWindow = true });
                    taskkill?.WaitForExit(10_000);
                }
                catch (System.ComponentModel.Win32Exception)
                {
                    // No taskkill: the process itself is still ended below.
                }
            }

            else
            {
                // Mono on Linux: the children, from /proc, before the parent (killing it first would orphan them).
                foreach (var child in Descendants(process.Id))
                {
                    try
                    {
                        using var running = Process.GetProcessById(child);
                        running.Kill();
                    }
                    catch (Exception ex) when (ex is ArgumentException || ex is InvalidOperationException || ex is System.ComponentModel.Win32Exception)
                    {
                        // It ended in the meantime.
                    }
                }
            }

            if (!process.HasExited)
            {
                process.Kill();
            }
#else
            process.Kill(entireProcessTree: true);
#endif
        }

#if NETFRAMEWORK
        private static readonly char[] ForbiddenOnFramework = { '*', '?', '<', '>', '|', '"', '\0' };

        private static bool IsRooted(string path) =>
            path.StartsWith("/", StringComparison.Ordinal) || path.StartsWith("\\", StringComparison.Ordinal) || (path.Length >= 2 && path[1] == ':');

        /// <summary>'.' and '..' resolved and separators made the platform's, without the framework's checks of the characters.</summary>
        private static string Lexical(string path)
        {
            var root = path.StartsWith("/", StringComparison.Ordinal) || path.StartsWith("\\", StringComparison.Ordinal) ? Path.DirectorySeparatorChar.ToString()
                : path.Length >= 2 && path[1] == ':' ? path.Substring(0, 2) + Path.DirectorySeparatorChar : string.Empty;
            var parts = new List<string>();
            foreach (var part in path.Substring(Math.Min(root.Length, path.Length)).Split(new[] { '/', '\\' }, StringSplitOptions.RemoveEmptyEntries))
            {
                if (part == "..")
                {
                    if (parts.Count > 0)
                    {
                        parts.RemoveAt(parts.Count - 1);
                    }
                }
                else if (part != ".")
                {
                    parts.Add(part);
                }
            }

            return root + string.Join(Path.DirectorySeparatorChar.ToString(), parts);
        }

        private static List<int> Descendants(int id)
        {
            var found = new List<int>();
            var pending = new Stack<int>();
            pending.Push(id);
            while (pending.Count > 0 && found.Count < 10_000)
            {
                var parent = pending.Pop();
                string[] tasks;
                try
                {
                    tasks = Directory.GetDirectories($"/proc/{parent}/task");
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    continue;
                }

                foreach (var task in tasks)
                {
                    string children;
                    try
                    {
                        children = File.ReadAllText(Path.Combine(task, "children"));
                    }
                    catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                    {
                        continue;
                    }

                    foreach (var text in children.Split(new[] { ' ', '\n' }, StringSplitOptions.RemoveEmptyEntries))
                    {
                        if (int.TryParse(text, out var child))
                        {
                            found.Add(child);
                            pending.Push(child);
                        }
                    }
                }
            }

            found.Reverse(); // the deepest first
            return found;
        }

        private static string[] Segments(string fullPath) =>
            fullPath.Substring((Path.GetPathRoot(fullPath) ?? string.Empty).Length)
                .Split(new[] { Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar }, StringSplitOptions.RemoveEmptyEntries);

        // The rules of CommandLineToArgvW: quotes around an argument with spaces or quotes, a quote escaped by a backslash,
        // and backslashes doubled only where they precede a quote.
        private static string Quote(string argument)
        {
            if (argument.Length > 0 && argument.IndexOfAny(new[] { ' ', '\t', '\n', '\v', '"' }) < 0)
            {
                return argument;
            }

            var quoted = new StringBuilder("\"");
            var backslashes = 0;
            foreach (var c in argument)
            {
                if (c == '\\')
                {
                    backslashes++;
                    continue;
                }

                quoted.Append('\\', c == '"' ? (backslashes * 2) + 1 : backslashes).Append(c);
                backslashes = 0;
            }

            return quoted.Append('\\', backslashes * 2).Append('"').ToString();
        }
#endif
    }
}
