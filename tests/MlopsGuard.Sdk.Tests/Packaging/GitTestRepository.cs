using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;

namespace MlopsGuard.Sdk.Tests.Packaging
{
    /// <summary>
    /// A throw-away repository made by the real git CLI (tests only: the reader under test never runs git). Every run
    /// is isolated from the machine's git setup (own HOME, no system or global config, no inherited GIT_* variables)
    /// and deterministic (fixed identity and dates), so ids and times are the same on every machine.
    /// </summary>
    public sealed class GitTestRepository : IDisposable
    {
        public const long BaseTime = 1_700_000_000;

        private int commits;

        public GitTestRepository(params string[] initArguments)
        {
            Root = Path.Combine(Path.GetTempPath(), "mlopsguard-tests", "git-" + Guid.NewGuid().ToString("N").Substring(0, 10));
            Home = Path.Combine(Root, "home");
            Work = Path.Combine(Root, "repo");
            Directory.CreateDirectory(Home);
            Directory.CreateDirectory(Work);
            File.WriteAllText(Path.Combine(Home, ".gitconfig"), string.Empty);
            Run(Work, new[] { "init", "-q" }.Concat(initArguments).ToArray());
        }

        /// <summary>The temp folder holding the repository and anything a test places beside it.</summary>
        public string Root { get; }

        public string Home { get; }

        /// <summary>The work tree (holds .git).</summary>
        public string Work { get; }

        public string GitDir => Path.Combine(Work, ".git");

        /// <summary>Runs git in the work tree and returns its standard output.</summary>
        public string Git(params string[] arguments) => Run(Work, arguments);

        /// <summary>Runs git in <paramref name="directory"/>; fails the test with git's error output when git fails.</summary>
        public string Run(string directory, params string[] arguments) => Run(directory, null, arguments);

        public string Run(string directory, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
        {
            var start = new ProcessStartInfo("git")
            {
                WorkingDirectory = directory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardOutputEncoding = Encoding.UTF8,
            };
            foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("GIT_", StringComparison.OrdinalIgnoreCase)).ToList())
            {
                start.Environment.Remove(key);
            }

            start.Environment["HOME"] = Home;
            start.Environment["XDG_CONFIG_HOME"] = Home;
            start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
            start.Environment["GIT_CONFIG_GLOBAL"] = Path.Combine(Home, ".gitconfig");
            start.Environment["GIT_TERMINAL_PROMPT"] = "0";
            start.Environment["GIT_AUTHOR_DATE"] = $"{BaseTime} +0000";
            start.Environment["GIT_COMMITTER_DATE"] = $"{BaseTime} +0000";
            if (environment != null)
            {
                foreach (var pair in environment)
                {
                    start.Environment[pair.Key] = pair.Value;
                }
            }

            foreach (var setting in new[]
            {
                "user.name=Test Author", "user.email=author@example.com", "init.defaultBranch=main", "commit.gpgSign=false",
                "core.autocrlf=false", "gc.auto=0", "maintenance.auto=false", "protocol.file.allow=always", "advice.detachedHead=false",
            })
            {
                start.ArgumentList.Add("-c");
                start.ArgumentList.Add(setting);
            }

            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"git {string.Join(" ", arguments)} failed ({process.ExitCode}): {error.Result}");
            }

            return output;
        }

        /// <summary>Commits a change of <c>file.txt</c> at <paramref name="seconds"/> in <paramref name="zone"/> (e.g. +0530).</summary>
        public string Commit(string message, long? seconds = null, string zone = "+0000", string? directory = null, string? content = null)
        {
            directory ??= Work;
            commits++;
            File.WriteAllText(Path.Combine(directory, "file.txt"), content ?? $"change {commits}\n");
            Run(directory, new[] { "add", "file.txt" });
            var when = $"{seconds ?? BaseTime + commits * 60} {zone}";
            var environment = new Dictionary<string, string> { ["GIT_AUTHOR_DATE"] = when, ["GIT_COMMITTER_DATE"] = when };
            var messageFile = Path.Combine(Root, "message.txt");
            File.WriteAllText(messageFile, message);
            Run(directory, environment, "commit", "-q", "-F", messageFile);
            return Run(directory, new[] { "rev-parse", "HEAD" }).Trim();
        }

        /// <summary>What git says about HEAD: <c>%H %ct %cI</c>.</summary>
        public (string Commit, long Seconds, string Iso) Head(string? directory = null)
        {
            var parts = Run(directory ?? Work, new[] { "log", "-1", "--format=%H %ct %cI" }).Trim().Split(' ');
            return (parts[0], long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), parts[2]);
        }

        public void Dispose()
        {
            try
            {
                // Git makes object files read-only; clear that so the folder can go on Windows too.
                foreach (var file in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories))
                {
                    File.SetAttributes(file, FileAttributes.Normal);
                }

                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
