using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Build.Framework;

namespace MlopsGuard.Sdk.Tests.Infrastructure
{
    /// <summary>A build engine that records what a task logs, for asserting on codes, files and messages.</summary>
    public sealed class RecordingBuildEngine : IBuildEngine
    {
        public ConcurrentQueue<BuildErrorEventArgs> Errors { get; } = new();

        public ConcurrentQueue<BuildWarningEventArgs> Warnings { get; } = new();

        public ConcurrentQueue<BuildMessageEventArgs> Messages { get; } = new();

        public bool ContinueOnError => false;

        public int LineNumberOfTaskNode => 0;

        public int ColumnNumberOfTaskNode => 0;

        public string ProjectFileOfTaskNode => "test.csproj";

        /// <summary>Codes of errors and warnings, in the order they were logged.</summary>
        public IReadOnlyList<string> Codes => Errors.Select(e => e.Code).Concat(Warnings.Select(w => w.Code)).ToList();

        public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) => false;

        public void LogCustomEvent(CustomBuildEventArgs e)
        {
        }

        public void LogErrorEvent(BuildErrorEventArgs e) => Errors.Enqueue(e);

        public void LogMessageEvent(BuildMessageEventArgs e) => Messages.Enqueue(e);

        public void LogWarningEvent(BuildWarningEventArgs e) => Warnings.Enqueue(e);
    }
}
