using System;
using System.IO;
using System.Threading;
using MlopsGuard.Tasks.Compatibility;

namespace MlopsGuard.Tasks.Lock.Storage
{
    /// <summary>
    /// Replaces a file all at once: the new bytes go to a temporary file in the same folder, flushed to disk, then
    /// renamed over the old one. A reader (or a crash) sees the old file or the new one, never half of either; two
    /// builds writing the same file at once each rename a complete file. Every file MlopsGuard generates is written here.
    /// </summary>
    internal static class AtomicFile
    {
        private const int MoveAttempts = 5;
        private const int CompareBufferSize = 1 << 16;

        /// <summary>Writes <paramref name="content"/> unless the file already holds exactly these bytes; returns whether it wrote.</summary>
        /// <param name="beforeCommit">Called once the temporary file is complete, before the rename (a test seam for crashes).</param>
        public static bool WriteIfChanged(string path, byte[] content, Action<string>? beforeCommit = null)
        {
            var full = Path.GetFullPath(path);
            if (HasContent(full, content))
            {
                return false;
            }

            Commit(full, stream => stream.Write(content, 0, content.Length), keepIdentical: false, beforeCommit);
            return true;
        }

        /// <summary>Writes <paramref name="content"/> even when it is unchanged: the file's time moves (an incremental target's output).</summary>
        public static void Write(string path, byte[] content) =>
            Commit(Path.GetFullPath(path), stream => stream.Write(content, 0, content.Length), keepIdentical: false, beforeCommit: null);

        /// <summary>Streams the content (a large file that is not held in memory); replaces the file whatever it holds.</summary>
        public static void Write(string path, Action<Stream> write) =>
            Commit(Path.GetFullPath(path), write, keepIdentical: false, beforeCommit: null);

        /// <summary>Streams the content, then keeps the old file (and its time) when the new bytes are the same; returns whether it wrote.</summary>
        public static bool WriteIfChanged(string path, Action<Stream> write) =>
            Commit(Path.GetFullPath(path), write, keepIdentical: true, beforeCommit: null);

        private static bool Commit(string full, Action<Stream> write, bool keepIdentical, Action<string>? beforeCommit)
        {
            var folder = Path.GetDirectoryName(full)!;
            Directory.CreateDirectory(folder);
            var temporary = Path.Combine(folder, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N").Substring(0, 12) + ".tmp");
            try
            {
                // Read and write: a zip archive seeks back into what it wrote.
                using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 4096, FileOptions.None))
                {
                    write(stream);
                    stream.Flush(flushToDisk: true);
                }

                if (keepIdentical && SameContent(temporary, full))
                {
                    return false;
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

        /// <summary>Compares two files in blocks (they may be larger than memory).</summary>
        private static bool SameContent(string first, string second)
        {
            try
            {
                var a = new FileInfo(first);
                var b = new FileInfo(second);
                if (!b.Exists || a.Length != b.Length)
                {
                    return false;
                }

                using var left = a.OpenRead();
                using var right = b.OpenRead();
                var x = new byte[CompareBufferSize];
                var y = new byte[CompareBufferSize];
                int read;
                while ((read = left.Read(x, 0, x.Length)) > 0)
                {
                    right.ReadExactly(y, 0, read);
                    if (!x.AsSpan(0, read).SequenceEqual(y.AsSpan(0, read)))
                    {
                        return false;
                    }
                }

                return true;
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
                    Portable.MoveReplacing(temporary, destination);
                    return;
                }
                catch (IOException) when (attempt < MoveAttempts)
                {
                    // Windows refuses to replace a file another process has open (an editor, a parallel build reading it).
                    Thread.Sleep(50 * attempt);
                }
                catch (UnauthorizedAccessException) when (attempt < MoveAttempts && Portable.IsWindows)
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
