using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using Microsoft.Build.Framework;
using MlopsGuard.Sdk.Tests.Infrastructure;

namespace MlopsGuard.Sdk.Tests.Maturity
{
    /// <summary>A recording engine that also keeps registered task objects, as MSBuild does for the length of a build.</summary>
    public sealed class TaskObjectBuildEngine : IBuildEngine4
    {
        private readonly ConcurrentDictionary<object, object> _objects = new();

        public RecordingBuildEngine Recorder { get; } = new();

        public bool ContinueOnError => false;

        public int LineNumberOfTaskNode => 0;

        public int ColumnNumberOfTaskNode => 0;

        public string ProjectFileOfTaskNode => Recorder.ProjectFileOfTaskNode;

        public bool IsRunningMultipleNodes => false;

        public void LogErrorEvent(BuildErrorEventArgs e) => Recorder.LogErrorEvent(e);

        public void LogWarningEvent(BuildWarningEventArgs e) => Recorder.LogWarningEvent(e);

        public void LogMessageEvent(BuildMessageEventArgs e) => Recorder.LogMessageEvent(e);

        public void LogCustomEvent(CustomBuildEventArgs e)
        {
        }

        public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) => false;

        public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs, string toolsVersion) => false;

        public bool BuildProjectFilesInParallel(string[] projectFileNames, string[] targetNames, IDictionary[] globalProperties, IDictionary[] targetOutputsPerProject, string[] toolsVersion, bool useResultsCache, bool unloadProjectsOnCompletion) => false;

        public BuildEngineResult BuildProjectFilesInParallel(string[] projectFileNames, string[] targetNames, IDictionary[] globalProperties, IList<string>[] removeGlobalProperties, string[] toolsVersion, bool returnTargetOutputs) => default;

        public void Yield()
        {
        }

        public void Reacquire()
        {
        }

        public void RegisterTaskObject(object key, object obj, RegisteredTaskObjectLifetime lifetime, bool allowEarlyCollection) => _objects[key] = obj;

        public object? GetRegisteredTaskObject(object key, RegisteredTaskObjectLifetime lifetime) => _objects.TryGetValue(key, out var value) ? value : null;

        public object? UnregisterTaskObject(object key, RegisteredTaskObjectLifetime lifetime) => _objects.TryRemove(key, out var value) ? value : null;
    }
}
