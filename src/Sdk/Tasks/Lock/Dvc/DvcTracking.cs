using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using MlopsGuard.Tasks.Lock.Paths;
using MlopsGuard.Tasks.Compatibility;

namespace MlopsGuard.Tasks.Lock.Dvc
{
    /// <summary>
    /// Finds what DVC already versions: a <c>&lt;file&gt;.dvc</c> beside an artifact, or an out (or dep) of a stage in a
    /// <c>dvc.lock</c> of the project or the repository root. Folder-level records (an md5 ending in '.dir') need DVC's
    /// cache to check file by file, so files below them are left to mlops.lock.json.
    /// </summary>
    internal sealed class DvcTracking
    {
        private readonly Dictionary<string, DvcRecord> _fromLockFiles;
        private readonly StringComparer _comparer;

        public DvcTracking(IEnumerable<string> dvcLockFiles)
        {
            _comparer = PathContainment.Comparer;
            _fromLockFiles = new Dictionary<string, DvcRecord>(_comparer);
            var seen = new HashSet<string>(_comparer);
            foreach (var file in dvcLockFiles)
            {
                if (seen.Add(Path.GetFullPath(file)) && File.Exists(file))
                {
                    ReadDvcLock(Path.GetFullPath(file));
                }
            }
        }

        /// <summary>The .dvc files and dvc.lock files that could not be read, with why: the caller reports them.</summary>
        public List<(string File, string Message)> Problems { get; } = new();

        private readonly Dictionary<string, YamlNode?> _loaded = new(StringComparer.Ordinal);

        /// <summary>The files whose change may change what DVC says (for the build's incremental inputs).</summary>
        public static IEnumerable<string> CandidateFiles(string artifactFullPath) => new[] { artifactFullPath + ".dvc" };

        /// <summary>The DVC record for <paramref name="artifactFullPath"/>, or null when DVC does not track it file by file.</summary>
        public DvcRecord? Find(string artifactFullPath)
        {
            var dvcFile = artifactFullPath + ".dvc";
            if (File.Exists(dvcFile))
            {
                var record = ReadDvcFile(dvcFile, artifactFullPath);
                if (record != null)
                {
                    return record;
                }
            }

            return _fromLockFiles.TryGetValue(artifactFullPath, out var locked) ? locked : null;
        }

        private DvcRecord? ReadDvcFile(string dvcFile, string artifactFullPath)
        {
            var root = Load(dvcFile);
            if (root?["outs"] is not YamlSequence outs)
            {
                return null;
            }

            var folder = Path.GetDirectoryName(dvcFile)!;
            foreach (var output in outs.Items)
            {
                var record = ToRecord(output, folder, dvcFile);
                if (record != null && _comparer.Equals(record.FullPath, artifactFullPath))
                {
                    return record;
                }
            }

            return null;
        }

        private void ReadDvcLock(string dvcLock)
        {
            if (Load(dvcLock)?["stages"] is not YamlMapping stages)
            {
                return;
            }

            // Paths in dvc.lock are relative to the folder of dvc.yaml/dvc.lock. Outs win over deps: they are what DVC caches.
            var folder = Path.GetDirectoryName(dvcLock)!;
            foreach (var section in new[] { "deps", "outs" })
            {
                foreach (var stage in stages.Entries.Values)
                {
                    if (stage[section] is YamlSequence entries)
                    {
                        foreach (var entry in entries.Items)
                        {
                            var record = ToRecord(entry, folder, dvcLock);
                            if (record != null)
                            {
                                _fromLockFiles[record.FullPath] = record;
                            }
                        }
                    }
                }
            }
        }

        internal static DvcRecord? ToRecord(YamlNode entry, string folder, string source)
        {
            var path = entry["path"]?.Text;
            var md5 = entry["md5"]?.Text;
            // A NUL (a quoted "\0") makes Path.GetFullPath throw: such an entry is no path DVC could have written.
            if (string.IsNullOrEmpty(path) || path!.IndexOf('\0') >= 0 || string.IsNullOrEmpty(md5) || md5!.EndsWith(".dir", StringComparison.Ordinal) || md5.Length != 32)
            {
                return null;
            }

            long? size = long.TryParse(entry["size"]?.Text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var bytes) ? bytes : null;
            var full = Portable.FullPath(path!.Replace('/', Path.DirectorySeparatorChar), folder);
            return new DvcRecord(source, full, md5.ToLowerInvariant(), size);
        }

        // Each file is read once per check, and so reported once, however often it is asked about.
        private YamlNode? Load(string file)
        {
            if (!_loaded.TryGetValue(file, out var node))
            {
                node = Parse(file);
                _loaded[file] = node;
            }

            return node;
        }

        private YamlNode? Parse(string file)
        {
            try
            {
                var info = new FileInfo(file);
                if (info.Length > DvcYamlReader.MaxLength)
                {
                    Problems.Add((file, $"is larger than {DvcYamlReader.MaxLength / (1024 * 1024)} MiB; MlopsGuard does not read it."));
                    return null;
                }

                return DvcYamlReader.Parse(File.ReadAllText(file, Encoding.UTF8));
            }
            catch (DvcYamlException ex)
            {
                Problems.Add((file, "cannot be read: " + ex.Message));
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                Problems.Add((file, "cannot be read: " + ex.Message));
            }

            return null;
        }
    }
}
