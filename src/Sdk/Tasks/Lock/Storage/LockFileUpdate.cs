using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using MlopsGuard.Tasks.Lock.Hashing;
using MlopsGuard.Tasks.Compatibility;

namespace MlopsGuard.Tasks.Lock.Storage
{
    /// <summary>
    /// Read-modify-write of mlops.lock.json by its two writers: the lock check owns <c>artifacts</c>, the stage runner owns
    /// <c>stages</c>. Each re-reads the file and replaces only its own part, holding an exclusive lock on a file in the
    /// temp folder for those milliseconds, so two builds (or both writers of one build) never drop each other's part.
    /// </summary>
    internal static class LockFileUpdate
    {
        /// <summary>How long to wait for another build's write; past it the write goes ahead (a stall must not hang a build).</summary>
        private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

        /// <summary>
        /// Writes <paramref name="update"/> of the current lock (null when there is none, or when it cannot be read and
        /// <paramref name="replaceUnreadable"/>); returns whether the bytes changed. An unreadable lock otherwise throws
        /// <see cref="LockFileFormatException"/>; an unwritable one IOException or UnauthorizedAccessException.
        /// </summary>
        public static bool Write(string lockPath, Func<LockFile?, LockFile?> update, bool replaceUnreadable = false)
        {
            using var guard = Acquire(lockPath);
            LockFile? current = null;
            if (File.Exists(lockPath))
            {
                try
                {
                    current = LockFileReader.Read(lockPath);
                }
                catch (LockFileFormatException) when (replaceUnreadable)
                {
                }
            }

            var next = update(current);
            return next != null && AtomicFile.WriteIfChanged(lockPath, LockFileWriter.Serialize(next));
        }

        private static FileStream? Acquire(string lockPath)
        {
            var key = ArtifactHasher.ToHex(Portable.Sha256(Encoding.UTF8.GetBytes(Path.GetFullPath(lockPath)))).Substring(0, 16);
            var path = Path.Combine(Path.GetTempPath(), $"mlopsguard-lockfile-{key}.lock");
            var deadline = DateTime.UtcNow + MaxWait;
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
                }
                catch (IOException) when (DateTime.UtcNow < deadline)
                {
                    Thread.Sleep(Math.Min(5 * (attempt + 1), 100));
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    return null;
                }
            }
        }
    }
}
