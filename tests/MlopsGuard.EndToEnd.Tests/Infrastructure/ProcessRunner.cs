using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;

namespace MlopsGuard.EndToEnd.Tests.Infrastructure
{
    /// <summary>The outcome of one command: exit code and everything it printed.</summary>
    public sealed record ProcessResult(string Command, int ExitCode, string Output)
    {
        public override string ToString() => $"> {Command}\nexit code {ExitCode}\n{Output}";
    }

    public static class ProcessRunner
    {
        /// <summary>Variables of the test host's own build that must not leak into the builds under test.</summary>
        private static readonly string[] HostVariables =
        {
            "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly",
            "MSBUILDNOINPROCNODE", "DOTNET_HOST_PATH", "VSTEST_HOST_DEBUG", "ContinuousIntegrationBuild", "MlopsLevel", "MlopsEnforce", "SOURCE_DATE_EPOCH",
        };

        public static ProcessResult Run(string fileName, IEnumerable<string> arguments, string workingDirectory, IDictionary<string, string?> environment, TimeSpan timeout)
        {
            var start = new ProcessStartInfo(fileName)
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            foreach (var name in HostVariables)
            {
                start.Environment.Remove(name);
            }

            foreach (var (name, value) in environment)
            {
                start.Environment[name] = value;
            }

            var output = new StringBuilder();
            using var process = new Process { StartInfo = start };
            process.OutputDataReceived += (_, e) => { if (e.Data != null) { lock (output) { output.AppendLine(e.Data); } } };
            process.ErrorDataReceived += (_, e) => { if (e.Data != null) { lock (output) { output.AppendLine(e.Data); } } };
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                lock (output)
                {
                    output.AppendLine($"[killed after {timeout.TotalSeconds:0} s]");
                }
            }
            else
            {
                process.WaitForExit();
            }

            var command = fileName + " " + string.Join(" ", start.ArgumentList);
            lock (output)
            {
                return new ProcessResult(command, process.HasExited ? process.ExitCode : -1, output.ToString());
            }
        }
    }
}
