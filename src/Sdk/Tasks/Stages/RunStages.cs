using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using MlopsGuard.Tasks.Infrastructure;
using MlopsGuard.Tasks.Lock.Hashing;
using MlopsGuard.Tasks.Lock.Storage;
using MlopsGuard.Tasks.Compatibility;

namespace MlopsGuard.Tasks.Stages
{
    /// <summary>
    /// Runs the <c>MlStage</c> steps whose command, deps, parameters or outs differ from their entry in mlops.lock.json, in
    /// dependency order, and records each stage that ran (like <c>dvc repro</c> and <c>dvc.lock</c>). In locked mode nothing
    /// runs: a stage that differs from the lock is MLG2007. An invalid graph is MLG3401; a stage that fails, or does not
    /// write its outs, is MLG3402 and stops the stages after it.
    /// </summary>
    public sealed class RunStages : MlopsTask, ICancelableTask
    {
        private readonly CancellationTokenSource _cancel = new();

        /// <summary>The <c>MlStage</c> items: Include is the name; Command, Deps, Outs, Params, WorkingDirectory metadata.</summary>
        public ITaskItem[] Stages { get; set; } = Array.Empty<ITaskItem>();

        [Required]
        public string LockFile { get; set; } = string.Empty;

        [Required]
        public string ProjectDirectory { get; set; } = string.Empty;

        /// <summary><c>$(MlopsRepositoryRoot)</c>; empty: the nearest folder above the project that holds .git.</summary>
        public string? RepositoryRoot { get; set; }

        /// <summary>The stages' hash cache (under obj/); empty: no cache.</summary>
        public string? HashCacheFile { get; set; }

        /// <summary><c>$(MlopsLockedMode)</c>: nothing runs and the lock is never written.</summary>
        public bool LockedMode { get; set; }

        /// <summary>The names of the stages that ran in this build, in order.</summary>
        [Output]
        public ITaskItem[] RanStages { get; private set; } = Array.Empty<ITaskItem>();

        /// <summary>Every file the stages' outs stand for now (full paths, <c>RelativePath</c> metadata): not locked again as artifacts.</summary>
        [Output]
        public ITaskItem[] OutFiles { get; private set; } = Array.Empty<ITaskItem>();

        /// <summary>Ctrl+C: stops waiting, kills the running command's process tree; the stage is not recorded.</summary>
        public void Cancel() => _cancel.Cancel();

        protected override void Run()
        {
            var project = Path.GetFullPath(ProjectDirectory);
            var root = Lock.Paths.RepositoryRoot.Resolve(RepositoryRoot, project);
            var lockPath = Portable.FullPath(LockFile, project);
            var lockName = Path.GetFileName(lockPath);

            var problems = new List<string>();
            var stages = StageDefinition.Parse(Stages, project, problems);
            var order = problems.Count == 0 ? StageGraph.Order(stages, problems) : null;
            foreach (var problem in problems)
            {
                Report(RuleIdentifiers.InvalidStageGraph, null, problem, RuleSeverity.Error);
            }

            if (order == null)
            {
                return;
            }

            // One runner per lock file at a time: the inner builds of a multi-targeted project share the project's stages.
            using var guard = AcquireRunnerLock(lockPath);
            if (guard == null)
            {
                throw new OperationCanceledException();
            }

            var existing = ReadLock(lockPath, lockName);
            if (existing == null)
            {
                return;
            }

            var recorded = ReadRecords(existing, lockName, lockPath);
            if (recorded == null)
            {
                return;
            }

            var cacheFile = string.IsNullOrWhiteSpace(HashCacheFile) ? null : Portable.FullPath(HashCacheFile!, project);
            var cache = HashCache.Load(cacheFile);
            try
            {
                if (LockedMode)
                {
                    Verify(order, recorded, project, root, cache, lockPath, lockName);
                }
                else
                {
                    Reproduce(order, recorded, project, root, cache, lockPath, lockName);
                }
            }
            finally
            {
                cache.Save();
                OutFiles = order
                    .SelectMany(s => s.Outs.SelectMany(o => StageState.Resolve(o, project, allowPatterns: false)))
                    .Distinct(StringComparer.Ordinal)
                    .Select(full =>
                    {
                        var item = new TaskItem(full);
                        item.SetMetadata("RelativePath", Lock.Paths.PathContainment.Relative(project, full));
                        return (ITaskItem)item;
                    })
                    .ToArray();
            }

            // A cancelled build is a failed one (MlopsTask says so), whatever ran before the cancellation.
            _cancel.Token.ThrowIfCancellationRequested();
        }

        /// <summary>Locked mode: every stage is compared with the lock; nothing runs and nothing is written.</summary>
        private void Verify(List<StageDefinition> order, Dictionary<string, StageRecord> recorded, string project, string root, HashCache cache, string lockPath, string lockName)
        {
            foreach (var stage in order)
            {
                var state = Inspect(stage, project, root, cache);
                foreach (var problem in state.Problems)
                {
                    Report(RuleIdentifiers.InvalidStageGraph, lockPath, $"stage '{stage.Name}': {problem}", RuleSeverity.Error);
                }

                recorded.TryGetValue(stage.Name, out var entry);
                var differences = state.Differences(stage, entry, lockName);
                if (differences.Count != 0)
                {
                    Report(RuleIdentifiers.ArtifactChanged, lockPath,
                        $"stage '{stage.Name}' differs from {lockName}: {string.Join("; ", differences)}. In locked mode stages never run: " +
                        $"run the build outside locked mode to rerun it (or restore the locked files), and commit {lockName}.",
                        RuleSeverity.Error);
                }
                else
                {
                    Log.LogMessage(MessageImportance.Normal, "MlopsGuard: stage '{0}' matches {1}.", stage.Name, lockName);
                }
            }

            var declared = new HashSet<string>(order.Select(s => s.Name), StringComparer.Ordinal);
            foreach (var name in recorded.Keys.Where(n => !declared.Contains(n)).OrderBy(n => n, StringComparer.Ordinal))
            {
                Report(RuleIdentifiers.ArtifactChanged, lockPath,
                    $"stage '{name}' is in {lockName} but no longer declared as an MlStage. In locked mode the lock is never rewritten: build outside locked mode and commit {lockName}.",
                    RuleSeverity.Error);
            }
        }

        /// <summary>Outside locked mode: runs what differs, in order, recording each stage as soon as it succeeded.</summary>
        private void Reproduce(List<StageDefinition> order, Dictionary<string, StageRecord> recorded, string project, string root, HashCache cache, string lockPath, string lockName)
        {
            var ran = new List<ITaskItem>();
            var declared = new HashSet<string>(order.Select(s => s.Name), StringComparer.Ordinal);
            var current = new Dictionary<string, StageRecord>(StringComparer.Ordinal);
            foreach (var (name, entry) in recorded)
            {
                if (declared.Contains(name))
                {
                    current[name] = entry;
                }
            }

            var upToDate = 0;
            var unwritable = false;
            foreach (var stage in order)
            {
                if (_cancel.IsCancellationRequested)
                {
                    break;
                }

                var state = Inspect(stage, project, root, cache);
                if (Stop(stage, state, lockPath))
                {
                    break;
                }

                recorded.TryGetValue(stage.Name, out var entry);
                var differences = state.Differences(stage, entry, lockName);
                if (differences.Count == 0)
                {
                    upToDate++;
                    Log.LogMessage(MessageImportance.Normal, "MlopsGuard: stage '{0}' is up to date.", stage.Name);
                    continue;
                }

                if (state.MissingDeps.Count != 0)
                {
                    Report(RuleIdentifiers.StageFailed, lockPath,
                        $"stage '{stage.Name}' cannot run: dep '{state.MissingDeps[0]}' does not exist, and no stage before it writes it. Restore the file (git lfs pull, dvc pull), fix the path, or add the stage that produces it.",
                        RuleSeverity.Error);
                    break;
                }

                Log.LogMessage(MessageImportance.High, "MlopsGuard: running stage '{0}' ({1}{2})", stage.Name, differences[0], differences.Count > 1 ? $"; {differences.Count - 1} more difference(s)" : string.Empty);
                foreach (var difference in differences.Skip(1))
                {
                    Log.LogMessage(MessageImportance.Low, "MlopsGuard: stage '{0}': {1}", stage.Name, difference);
                }

                var clock = Stopwatch.StartNew();
                if (!RunCommand(stage, project, lockPath))
                {
                    break;
                }

                var elapsed = clock.Elapsed;
                var after = Inspect(stage, project, root, cache);
                if (after.MissingOuts.Count != 0)
                {
                    Report(RuleIdentifiers.StageFailed, lockPath,
                        $"stage '{stage.Name}' succeeded but did not write {string.Join(", ", after.MissingOuts.Select(o => $"'{o}'"))}: a stage must write every out it declares. Fix the command or the Outs.",
                        RuleSeverity.Error);
                    break;
                }

                if (Stop(stage, after, lockPath))
                {
                    break;
                }

                Log.LogMessage(MessageImportance.High, "MlopsGuard: stage '{0}' ran in {1}: {2}", stage.Name, HumanReadable.Duration(elapsed), Wrote(after.Outs));

                current[stage.Name] = after.ToRecord(stage);
                ran.Add(new TaskItem(stage.Name));
                if (!WriteLock(lockPath, current, stage.Name))
                {
                    unwritable = true;
                    break;
                }
            }

            // Stages no longer declared leave the lock too (written only when something differs).
            if (!unwritable)
            {
                WriteLock(lockPath, current, null);
            }
            RanStages = ran.ToArray();
            if (ran.Count != 0)
            {
                Log.LogMessage(MessageImportance.High, "MlopsGuard: {0} stage(s) ran ({1}), {2} up to date; recorded in {3}", ran.Count, string.Join(", ", ran.Select(r => r.ItemSpec)), upToDate, lockName);
            }
        }

        /// <summary>The threshold of the hashing line (<see cref="Lock.LockArtifacts.AnnouncedHashingBytes"/>, as the lock check; tests lower it).</summary>
        internal long AnnounceHashingFrom { get; set; } = Lock.LockArtifacts.AnnouncedHashingBytes;

        /// <summary>A stage's state, saying first in one line when hashing its deps and outs must read much (as the lock check does).</summary>
        private StageState Inspect(StageDefinition stage, string project, string root, HashCache cache) =>
            StageState.Inspect(stage, project, root, cache, files =>
            {
                var count = 0;
                var bytes = 0L;
                foreach (var full in files)
                {
                    try
                    {
                        var file = new FileInfo(full);
                        if (file.Exists && !cache.Knows(full, HashAlgorithmName.SHA256))
                        {
                            count++;
                            bytes += file.Length;
                        }
                    }
                    catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                    {
                        // Reported by the inspection, which reads the file next.
                    }
                }

                if (count > 0 && bytes >= AnnounceHashingFrom)
                {
                    Log.LogMessage(MessageImportance.High, "MlopsGuard: hashing {0}, {1}, for stage '{2}'", count == 1 ? "1 file" : $"{count} files", HumanReadable.Bytes(bytes), stage.Name);
                }
            });

        /// <summary>What a stage wrote, in a few words: its files by name when there are up to three, else how many; and their size.</summary>
        internal static string Wrote(IReadOnlyList<StageFile> outs)
        {
            var size = HumanReadable.Bytes(outs.Sum(o => o.Size));
            return outs.Count <= 3
                ? $"wrote {string.Join(", ", outs.Select(o => o.Path))} ({size})"
                : $"wrote {outs.Count} files ({size})";
        }

        private bool Stop(StageDefinition stage, StageState state, string lockPath)
        {
            foreach (var problem in state.Problems)
            {
                Report(RuleIdentifiers.InvalidStageGraph, lockPath, $"stage '{stage.Name}': {problem}", RuleSeverity.Error);
            }

            return state.Problems.Count != 0;
        }

        /// <summary>Runs the command with its output in the build log; false (with MLG3402, or cancelled) when it did not succeed.</summary>
        private bool RunCommand(StageDefinition stage, string project, string lockPath)
        {
            var workingDirectory = Portable.FullPath(stage.WorkingDirectory, project);
            if (!Directory.Exists(workingDirectory))
            {
                Report(RuleIdentifiers.StageFailed, lockPath, $"stage '{stage.Name}' cannot run: its WorkingDirectory '{stage.WorkingDirectory}' does not exist.", RuleSeverity.Error);
                return false;
            }

            PrepareOuts(stage, project);
            var prefix = $"  [{stage.Name}] ";
            CommandResult result;
            try
            {
                // The command's own output is the build log's detail (normal verbosity, and the binary log), not the console's:
                // the lines around it say that the stage started and what it did.
                result = ShellCommand.Run(stage.Command, workingDirectory, line => Log.LogMessage(MessageImportance.Normal, "{0}{1}", prefix, line), _cancel.Token);
            }
            catch (System.ComponentModel.Win32Exception ex)
            {
                Report(RuleIdentifiers.StageFailed, lockPath, $"stage '{stage.Name}' could not start the shell: {ex.Message}", RuleSeverity.Error);
                return false;
            }

            if (result.Cancelled)
            {
                Log.LogWarning("MlopsGuard: stage '{0}' was cancelled; its command and the processes it started were stopped. It is not recorded and runs again in the next build.", stage.Name);
                return false;
            }

            if (result.ExitCode != 0)
            {
                // One line (MSBuild repeats every line of a message as an error); the whole output is in the log above.
                var tail = result.LastLines.Count == 0 ? " It printed nothing." : $" Its last lines: {string.Join(" | ", result.LastLines.Select(l => l.Trim()))}";
                Report(RuleIdentifiers.StageFailed, lockPath,
                    $"stage '{stage.Name}' failed with exit code {result.ExitCode}: {stage.Command}.{tail}",
                    RuleSeverity.Error);
                return false;
            }

            return true;
        }

        /// <summary>
        /// Removes the out files a previous run left (so a stale file never passes for fresh output, as DVC does) and creates
        /// the folders of the outs, so a command can simply write 'models/model.zip'. Out folders are kept as they are.
        /// </summary>
        private static void PrepareOuts(StageDefinition stage, string project)
        {
            foreach (var output in stage.Outs)
            {
                var full = Portable.FullPath(output, project);
                if (File.Exists(full))
                {
                    File.Delete(full);
                }

                var folder = Directory.Exists(full) ? full : Path.GetDirectoryName(full);
                if (!string.IsNullOrEmpty(folder))
                {
                    Directory.CreateDirectory(folder);
                }
            }
        }

        /// <summary>Writes the stages into the lock through the lock writer (artifacts as the lock has them now), atomically.</summary>
        /// <returns>False (with MLG3402) when the lock cannot be read again or written: what ran is then not recorded.</returns>
        private bool WriteLock(string lockPath, Dictionary<string, StageRecord> stages, string? stageName)
        {
            try
            {
                // Read again right before writing: the artifacts part belongs to the lock check, which may have written since.
                var elements = stages.Values.OrderBy(s => s.Name, StringComparer.Ordinal).Select(s => s.ToJson()).ToList();
                var written = LockFileUpdate.Write(lockPath, current =>
                {
                    var latest = current ?? Lock.Storage.LockFile.Empty;
                    return stages.Count == 0 && latest.Stages == null ? null : new LockFile(latest.Artifacts, elements.Count == 0 ? null : elements);
                });
                if (written)
                {
                    Log.LogMessage(MessageImportance.Normal, "MlopsGuard: wrote the stages into {0}.", Path.GetFileName(lockPath));
                }

                return true;
            }
            catch (Exception ex) when (ex is LockFileFormatException || ex is IOException || ex is UnauthorizedAccessException)
            {
                var what = stageName is null ? "the stages" : $"stage '{stageName}' ran but";
                Report(RuleIdentifiers.StageFailed, lockPath,
                    $"{what} cannot be recorded in {Path.GetFileName(lockPath)}: {ex.Message} It runs again in the next build; make the lock's folder writable (or fix the lock).",
                    RuleSeverity.Error);
                return false;
            }
        }

        private LockFile? ReadLock(string lockPath, string lockName)
        {
            if (!File.Exists(lockPath))
            {
                return Lock.Storage.LockFile.Empty;
            }

            try
            {
                return LockFileReader.Read(lockPath);
            }
            catch (Exception ex) when (ex is LockFileFormatException || ex is IOException || ex is UnauthorizedAccessException)
            {
                Report(RuleIdentifiers.ArtifactChanged, lockPath,
                    $"{lockName} cannot be read: {ex.Message} Fix it, or delete it and build again: stages then run and are recorded anew.",
                    RuleSeverity.Error);
                return null;
            }
        }

        private Dictionary<string, StageRecord>? ReadRecords(LockFile lockFile, string lockName, string lockPath)
        {
            var records = new Dictionary<string, StageRecord>(StringComparer.Ordinal);
            var index = 0;
            foreach (var element in lockFile.Stages ?? Array.Empty<JsonElement>())
            {
                try
                {
                    var record = StageRecord.FromJson(element, index++);
                    records[record.Name] = record;
                }
                catch (LockFileFormatException ex)
                {
                    // Outside locked mode a damaged entry is just out of date (the stage reruns and replaces it).
                    if (LockedMode)
                    {
                        Report(RuleIdentifiers.ArtifactChanged, lockPath, $"{lockName} cannot be read: {ex.Message}", RuleSeverity.Error);
                        return null;
                    }

                    Log.LogMessage(MessageImportance.Normal, "MlopsGuard: ignoring a damaged stage entry of {0}: {1}", lockName, ex.Message);
                }
            }

            return records;
        }

        /// <summary>
        /// An exclusive lock on a file named after the lock file's path (in the temp folder): a second build of the same
        /// project waits, then finds the stages up to date. Null when cancelled while waiting.
        /// </summary>
        private FileStream? AcquireRunnerLock(string lockPath)
        {
            var key = ArtifactHasher.ToHex(Portable.Sha256(Encoding.UTF8.GetBytes(lockPath))).Substring(0, 16);
            var path = Path.Combine(Path.GetTempPath(), $"mlopsguard-stages-{key}.lock");
            var said = false;
            while (true)
            {
                try
                {
                    return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
                }
                catch (IOException)
                {
                    if (!said)
                    {
                        Log.LogMessage(MessageImportance.High, "MlopsGuard: waiting for another build that runs the stages of {0}…", Path.GetFileName(lockPath));
                        said = true;
                    }

                    if (_cancel.Token.WaitHandle.WaitOne(250))
                    {
                        return null;
                    }
                }
            }
        }
    }
}
