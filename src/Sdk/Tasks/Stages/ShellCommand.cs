using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using MlopsGuard.Tasks.Compatibility;

namespace MlopsGuard.Tasks.Stages
{
    /// <summary>The outcome of a command: its exit code, or that it was cancelled (its process tree killed).</summary>
    internal sealed record CommandResult(int ExitCode, bool Cancelled, IReadOnlyList<string> LastLines);

    /// <summary>
    /// Runs a stage's command with the platform shell (<c>/bin/sh -c</c> on Unix, <c>cmd /d /s /c</c> on Windows): the one
    /// thing a stage ever executes. Output lines go to <c>onLine</c> on the calling thread as they come (MSBuild wants its
    /// logging on the task's thread); cancellation kills the whole process tree.
    /// </summary>
    internal static class ShellCommand
    {
        /// <summary>How many of the last output lines a failure quotes.</summary>
        public const int KeptLines = 5;

        /// <summary>Variables the dotnet CLI sets for the MSBuild it hosts; a nested 'dotnet build' or 'dotnet run' must choose its own.</summary>
        private static readonly string[] HostVariables =
        {
            "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly", "MSBUILDNOINPROCNODE",
        };

        public static CommandResult Run(string command, string workingDirectory, Action<string> onLine, CancellationToken cancellation)
        {
            var start = Portable.IsWindows
                ? new ProcessStartInfo(Environment.GetEnvironmentVariable("ComSpec") ?? "cmd.exe") { Arguments = "/d /s /c \"" + command + "\"" }
                : Portable.StartInfo("/bin/sh", "-c", command);
            start.WorkingDirectory = workingDirectory;
            start.UseShellExecute = false;
            start.RedirectStandardOutput = true;
            start.RedirectStandardError = true;
            start.RedirectStandardInput = true;
            start.CreateNoWindow = true;
            foreach (var name in HostVariables)
            {
                start.Environment.Remove(name);
            }

            var lines = new BlockingCollection<string>();
            var open = 2;
            void Receive(DataReceivedEventArgs e)
            {
                if (e.Data != null)
                {
                    lines.Add(e.Data);
                }
                else if (Interlocked.Decrement(ref open) == 0)
                {
                    lines.CompleteAdding();
                }
            }

            var last = new Queue<string>();
            using var process = new Process { StartInfo = start };
            process.OutputDataReceived += (_, e) => Receive(e);
            process.ErrorDataReceived += (_, e) => Receive(e);
            process.Start();
            process.StandardInput.Close(); // a command that asks for input gets end-of-file, not a build that hangs
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            try
            {
                DateTime? exited = null;
                while (!lines.IsCompleted)
                {
                    if (lines.TryTake(out var line, 100, cancellation))
                    {
                        onLine(line);
                        last.Enqueue(line);
                        if (last.Count > KeptLines)
                        {
                            last.Dequeue();
                        }

                        continue;
                    }

                    // A background child of the command may hold the output open after the command ended: stop listening soon after.
                    if (process.HasExited)
                    {
                        exited ??= DateTime.UtcNow;
                        if (DateTime.UtcNow - exited > TimeSpan.FromSeconds(2))
                        {
                            break;
                        }
                    }
                }

                while (!process.HasExited)
                {
                    cancellation.ThrowIfCancellationRequested();
                    Thread.Sleep(20);
                }

                return new CommandResult(process.ExitCode, false, last.ToArray());
            }
            catch (OperationCanceledException)
            {
                Kill(process);
                return new CommandResult(-1, true, last.ToArray());
            }
        }

        private static void Kill(Process process)
        {
            try
            {
                Portable.KillTree(process);
                process.WaitForExit(10_000);
            }
            catch (InvalidOperationException)
            {
                // It ended on its own between the request and the kill.
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // Some process of the tree could not be killed (gone, or not ours); the rest were.
            }
        }
    }
}
