using System;
using System.IO;
using System.Threading;

namespace MlopsGuard.Tasks.Lock.Storage
{
    /// <summary>
    /// Replaces a file all at once: the new bytes go to a temporary file in the same folder, flushed to disk, then
    /// renamed over the old one. A reader (or a crash) sees the old file or the new one, never half of either; two
    /// builds writing the same file at once each rename a complete file.
    /// </summary>
    internal static class AtomicFile
    {
        private const int MoveAttempts = 5;

        /// <summary>Writes <paramref name="content"/> unless the file already holds exactly these bytes; returns whether it wrote.</summary>
        /// <param name="beforeCommit">Called once the temporary file is complete, before the rename (a test seam for crashes).</param>
        public static bool WriteIfChanged(string path, byte[] content, Action<string>? beforeCommit = null)
        {
            var full = Path.GetFullPath(path);
            if (HasContent(full, content))
            {
                return false;
            }

            var folder = Path.GetDirectoryName(full)!;
            Directory.CreateDirectory(folder);
            var temporary = Path.Combine(folder, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N").Substring(0, 12) + ".tmp");
            try
            {
                using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.None))
                {
                    stream.Write(content, 0, content.Length);
                    stream.Flush(flushToDisk: true);
                }

                beforeCommit?.Invoke(temporary);
                Move(temporary, full);
                return true;
            }
            finally
            {
                TryDelete(temporary);
            }
        }

        private static bool HasContent(string path, byte[] content)
        {
            try
            {
                var info = new FileInfo(path);
                if (!info.Exists || info.Length != content.Length)
                {
                    return false;
                }

                return File.ReadAllBytes(path).AsSpan().SequenceEqual(content);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return false;
            }
        }

        private static void Move(string temporary, string destination)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    // rename(2) on Unix, MoveFileEx(REPLACE_EXISTING) on Windows: the destination is replaced in one step.
                    File.Move(temporary, destination, overwrite: true);
                    return;
                }
                catch (IOException) when (attempt < MoveAttempts)
                {
                    // Windows refuses to replace a file another process has open (an editor, a parallel build reading it).
                    Thread.Sleep(50 * attempt);
                }
                catch (UnauthorizedAccessException) when (attempt < MoveAttempts && OperatingSystem.IsWindows())
                {
                    Thread.Sleep(50 * attempt);
                }
            }
        }

        private static void TryDelete(string path)
        {
            try
            {
                if (File.Exists(path))
                {
                    File.Delete(path);
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                // A stray temporary file is harmless; the build must not fail for it.
            }
        }
    }
}
