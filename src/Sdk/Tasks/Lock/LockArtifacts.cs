using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using Microsoft.Build.Framework;
using MlopsGuard.Tasks.Infrastructure;
using MlopsGuard.Tasks.Lock.Dvc;
using MlopsGuard.Tasks.Lock.Hashing;
using MlopsGuard.Tasks.Lock.Storage;
using MlopsGuard.Tasks.Compatibility;

namespace MlopsGuard.Tasks.Lock
{
    /// <summary>
    /// Hashes the resolved artifacts and compares them with mlops.lock.json. Outside locked mode it writes the lock when
    /// it differs (one message); in locked mode every difference is an MLG2007 error and the lock is never written;
    /// <see cref="Explicit"/> (the MlopsLock target) writes it whatever the mode. Artifacts DVC tracks are checked
    /// against DVC's md5 and size instead of being locked twice.
    /// </summary>
    public sealed class LockArtifacts : MlopsTask
    {
        /// <summary>A folder of thousands of new files must not bury the build log: the rest is counted in one more error.</summary>
        internal const int MaxReportedDifferences = 20;

        /// <summary>
        /// Hashing that reads at least this much says so in one line at the default verbosity, before it starts: a build
        /// that pauses for seconds must tell why. Below it (about a quarter of a second at the hasher's measured 400 MB/s,
        /// a second on a slow disk) the line would be noise: a small project's data is hashed without a word.
        /// </summary>
        internal const long AnnouncedHashingBytes = 100_000_000;

        /// <summary>The threshold of the hashing line (<see cref="AnnouncedHashingBytes"/>; tests lower it).</summary>
        internal long AnnounceHashingFrom { get; set; } = AnnouncedHashingBytes;

        /// <summary>Resolved artifacts (full paths) with <c>RelativePath</c> and <c>Kind</c> metadata, as ResolveArtifacts gives them.</summary>
        public ITaskItem[] Artifacts { get; set; } = Array.Empty<ITaskItem>();

        /// <summary>Declared paths missing on disk (<c>RelativePath</c>): their lock entries are kept as they are.</summary>
        public ITaskItem[] Unavailable { get; set; } = Array.Empty<ITaskItem>();

        [Required]
        public string LockFile { get; set; } = string.Empty;

        [Required]
        public string ProjectDirectory { get; set; } = string.Empty;

        /// <summary>Where a repository-level dvc.lock is looked for; empty: the nearest folder above the project holding .git.</summary>
        public string? RepositoryRoot { get; set; }

        /// <summary>The hash cache (under obj/); empty: no cache.</summary>
        public string? HashCacheFile { get; set; }

        /// <summary><c>$(MlopsLockedMode)</c>: the lock must match and is never written.</summary>
        public bool LockedMode { get; set; }

        /// <summary>The user asked for the lock (<c>-t:MlopsLock</c>): write it even in locked mode.</summary>
        public bool Explicit { get; set; }

        /// <summary>True when the check reported nothing: the build may record it as up to date.</summary>
        [Output]
        public bool Clean { get; private set; }

        /// <summary>Files read to hash them in this run (the others came from the cache).</summary>
        [Output]
        public int FilesHashed { get; private set; }

        protected override void Run()
        {
            Clean = true;
            var project = Path.GetFullPath(ProjectDirectory);
            var lockPath = Portable.FullPath(LockFile, project);
            var lockName = Path.GetFileName(lockPath);
            var root = Paths.RepositoryRoot.Resolve(RepositoryRoot, project);
            var cacheFile = string.IsNullOrWhiteSpace(HashCacheFile) ? null : Portable.FullPath(HashCacheFile!, project);
            var cache = HashCache.Load(cacheFile);

            var lockExists = File.Exists(lockPath);
            var existing = ReadLock(lockPath, lockName, lockExists);
            if (existing == null)
            {
                return;
            }

            var dvc = new DvcTracking(ResolveArtifacts.DvcLockFiles(project, root));
            var actual = new List<LockedArtifact>();
            var keep = Unavailable.Select(u => u.GetMetadata("RelativePath")).Where(p => p.Length != 0).ToList();
            AnnounceHashing(dvc, cache, project, lockPath, cacheFile, lockName);
            foreach (var item in Artifacts)
            {
                var relative = item.GetMetadata("RelativePath");
                var kind = item.GetMetadata("Kind") == ArtifactKind.Model ? ArtifactKind.Model : ArtifactKind.Data;
                var full = Portable.FullPath(item.ItemSpec, project);
                if (relative.Length == 0)
                {
                    relative = Paths.PathContainment.Relative(project, full);
                }

                if (string.Equals(full, lockPath, Paths.PathContainment.Comparison) || string.Equals(full, cacheFile, Paths.PathContainment.Comparison))
                {
                    // A declared folder that holds the lock or the cache: hashing them into the lock would change it on every build.
                    Log.LogMessage(MessageImportance.Low, "MlopsGuard: {0} is written by MlopsGuard itself; it is not locked.", relative);
                    continue;
                }

                try
                {
                    var record = dvc.Find(full);
                    if (record != null)
                    {
                        CheckAgainstDvc(record, relative, full, cache, project);
                        continue;
                    }

                    var size = new FileInfo(full).Length;
                    actual.Add(new LockedArtifact(relative, kind, cache.Sha256(full), size));
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    Flag(RuleIdentifiers.ArtifactMissingOrOutside, full, $"{ArtifactKind.ItemTypeOf(kind)} '{relative}' cannot be read: {ex.Message} Its lock entry is kept as it is.");
                    keep.Add(relative);
                }
            }

            foreach (var (file, message) in dvc.Problems)
            {
                Flag(RuleIdentifiers.ArtifactChanged, file, $"{Path.GetFileName(file)} {message} The artifacts it tracks are locked in {lockName} instead.");
            }

            // What cannot be hashed now (missing, unreadable) keeps its entry: a file not yet pulled is not a change.
            var present = new HashSet<string>(actual.Select(a => a.Path), StringComparer.Ordinal);
            foreach (var entry in existing.Artifacts)
            {
                if (!present.Contains(entry.Path) && keep.Any(k => entry.Path == k || entry.Path.StartsWith(k.TrimEnd('/') + "/", StringComparison.Ordinal)))
                {
                    actual.Add(entry);
                }
            }

            actual.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
            var changes = LockDifference.Compare(existing.Artifacts, actual);
            FinishWithCache(cache);

            if (!lockExists && actual.Count == 0)
            {
                Log.LogMessage(MessageImportance.Normal, "MlopsGuard: no artifact to lock; {0} is not created.", lockName);
                return;
            }

            if (LockedMode && !Explicit)
            {
                foreach (var change in changes.Take(MaxReportedDifferences))
                {
                    ReportLockedDifference(change, project, lockPath, lockName, lockExists);
                }

                if (changes.Count > MaxReportedDifferences)
                {
                    Flag(
                        RuleIdentifiers.ArtifactChanged,
                        lockPath,
                        $"{changes.Count - MaxReportedDifferences} more artifacts differ from {lockName} (only the first {MaxReportedDifferences} are listed). Run 'dotnet build -t:MlopsLock' and commit {lockName} if the changes are intended.",
                        RuleSeverity.Error);
                }

                return;
            }

            bool written;
            try
            {
                // The stages are taken from the lock as it is now: the stage runner may have recorded a stage since it was read.
                written = LockFileUpdate.Write(lockPath, current => new LockFile(actual, current is null ? existing.Stages : current.Stages), replaceUnreadable: true);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                // A read-only checkout, or a file where the lock's folder should be: the old lock (if any) is untouched.
                Flag(RuleIdentifiers.ArtifactChanged, lockPath, $"{lockName} cannot be written: {ex.Message} Make its folder writable, or build in locked mode (MlopsLockedMode=true) to only check it.", RuleSeverity.Error);
                return;
            }
            foreach (var change in changes)
            {
                Log.LogMessage(MessageImportance.Low, "MlopsGuard: {0} {1}", change.Path, Describe(change));
            }

            if (written)
            {
                Log.LogMessage(MessageImportance.High, lockExists
                    ? $"MlopsGuard: updated {lockName} ({Count(changes.Count)} changed)"
                    : $"MlopsGuard: created {lockName} ({Count(actual.Count)})");
            }
            else if (Explicit)
            {
                Log.LogMessage(MessageImportance.High, $"MlopsGuard: {lockName} is up to date ({Count(actual.Count)})");
            }
        }

        private LockFile? ReadLock(string lockPath, string lockName, bool exists)
        {
            if (!exists)
            {
                return Storage.LockFile.Empty;
            }

            try
            {
                return LockFileReader.Read(lockPath);
            }
            catch (Exception ex) when (ex is LockFileFormatException || ex is IOException || ex is UnauthorizedAccessException)
            {
                if (Explicit && ex is LockFileFormatException)
                {
                    // The user asked for a new lock: what cannot be read is replaced (its stages too, which re-run).
                    Log.LogMessage(MessageImportance.High, "MlopsGuard: {0} could not be read ({1}); writing it anew.", lockName, ex.Message);
                    return Storage.LockFile.Empty;
                }

                Flag(RuleIdentifiers.ArtifactChanged, lockPath,
                    $"{lockName} cannot be read: {ex.Message} Fix it, or delete it and run 'dotnet build -t:MlopsLock' to write it anew from the declared artifacts.",
                    RuleSeverity.Error);
                return null;
            }
        }

        private void CheckAgainstDvc(DvcRecord record, string relative, string full, HashCache cache, string project)
        {
            var size = new FileInfo(full).Length;
            var md5 = cache.Md5(full);
            if (md5 == record.Md5 && (record.Size is not long recorded || recorded == size))
            {
                Log.LogMessage(MessageImportance.Low, "MlopsGuard: {0} matches {1} (md5 {2}).", relative, Paths.PathContainment.Relative(project, record.Source), md5);
                return;
            }

            var source = Paths.PathContainment.Relative(project, record.Source);
            var expectedSize = record.Size is long s ? $" ({s} bytes)" : string.Empty;
            Flag(
                RuleIdentifiers.ArtifactChanged,
                full,
                $"'{relative}' differs from {source}: expected md5 {record.Md5}{expectedSize}, actual md5 {md5} ({size} bytes). " +
                $"If the change is intended, record it with 'dvc add' or 'dvc commit'; otherwise restore the versioned file with 'dvc checkout'.",
                LockedMode ? RuleSeverity.Error : null);
        }

        private void ReportLockedDifference(ArtifactChange change, string project, string lockPath, string lockName, bool lockExists)
        {
            const string Fix = "In locked mode the lock is never rewritten: if the change is intended, run 'dotnet build -t:MlopsLock' and commit {0}.";
            var fix = string.Format(System.Globalization.CultureInfo.InvariantCulture, Fix, lockName);
            string message;
            string file;
            if (change.Locked is { } locked && change.Actual is { } now)
            {
                file = Portable.FullPath(now.Path, project);
                message = locked.Sha256 == now.Sha256 && locked.Size == now.Size
                    ? $"'{now.Path}' is locked in {lockName} as {locked.Kind} but declared as {now.Kind}. {fix}"
                    : $"'{now.Path}' differs from {lockName}: expected sha256 {locked.Sha256} ({locked.Size} bytes), actual sha256 {now.Sha256} ({now.Size} bytes). {fix}";
            }
            else if (change.Actual is { } added)
            {
                file = Portable.FullPath(added.Path, project);
                var where = lockExists ? $"is not in {lockName}" : $"is not locked ({lockName} does not exist)";
                message = $"'{added.Path}' {where}: expected an entry, actual sha256 {added.Sha256} ({added.Size} bytes). {fix}";
            }
            else
            {
                var removed = change.Locked!;
                file = lockPath;
                message = $"'{removed.Path}' is locked in {lockName} (sha256 {removed.Sha256}) but no longer declared as {ArtifactKind.ItemTypeOf(removed.Kind)}. {fix}";
            }

            Flag(RuleIdentifiers.ArtifactChanged, file, message, RuleSeverity.Error);
        }

        /// <summary>One line before the hashes are computed, when the files the cache cannot answer for are large (<see cref="AnnouncedHashingBytes"/>).</summary>
        private void AnnounceHashing(DvcTracking dvc, HashCache cache, string project, string lockPath, string? cacheFile, string lockName)
        {
            var files = 0;
            var bytes = 0L;
            foreach (var item in Artifacts)
            {
                var full = Path.GetFullPath(Path.Combine(project, item.ItemSpec));
                if (string.Equals(full, lockPath, Paths.PathContainment.Comparison) || string.Equals(full, cacheFile, Paths.PathContainment.Comparison))
                {
                    continue;
                }

                try
                {
                    var algorithm = dvc.Find(full) != null ? HashAlgorithmName.MD5 : HashAlgorithmName.SHA256;
                    var file = new FileInfo(full);
                    if (file.Exists && !cache.Knows(full, algorithm))
                    {
                        files++;
                        bytes += file.Length;
                    }
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    // Reported by the check itself, which reads the file next.
                }
            }

            if (files > 0 && bytes >= AnnounceHashingFrom)
            {
                Log.LogMessage(MessageImportance.High, "MlopsGuard: hashing {0}, {1}, for {2}", files == 1 ? "1 file" : $"{files} files", HumanReadable.Bytes(bytes), lockName);
            }
        }

        private void FinishWithCache(HashCache cache)
        {
            FilesHashed = cache.Misses;
            cache.Save();
            Log.LogMessage(MessageImportance.Low, "MlopsGuard: hashed {0} file(s) ({1:N0} bytes); {2} hash(es) from the cache.", cache.Misses, cache.BytesHashed, cache.Hits);
        }

        private void Flag(string ruleId, string file, string message, RuleSeverity? severity = null)
        {
            Clean = false;
            Report(ruleId, file, message, severity);
        }

        private static string Describe(ArtifactChange change) =>
            change.Locked == null ? "added" : change.Actual == null ? "removed" : $"changed ({change.Locked.Sha256} -> {change.Actual.Sha256})";

        private static string Count(int n) => n == 1 ? "1 artifact" : $"{n} artifacts";
    }
}
