using System.Collections.Generic;
using System.IO;

namespace MlopsGuard.Tasks.Lock.Paths
{
    /// <summary>Lists the files of a folder the same way on both MSBuild runtimes.</summary>
    internal static class FileTree
    {
        /// <summary>
        /// Every file below <paramref name="folder"/>, hidden and system files included; links to folders (and junctions) are
        /// not followed, as on .NET, so they cannot loop or reach out of the repository. An unreadable folder throws
        /// (<see cref="IOException"/> or <see cref="System.UnauthorizedAccessException"/>) rather than being skipped, so a
        /// lock never silently loses files.
        /// </summary>
        public static string[] AllFiles(string folder)
        {
#if NETFRAMEWORK
            // .NET Framework's AllDirectories follows links to folders; this walk does not.
            var files = new List<string>();
            var pending = new Stack<string>();
            pending.Push(folder);
            while (pending.Count > 0)
            {
                var current = pending.Pop();
                files.AddRange(Directory.GetFiles(current));
                foreach (var sub in Directory.GetDirectories(current))
                {
                    if ((File.GetAttributes(sub) & FileAttributes.ReparsePoint) == 0)
                    {
                        pending.Push(sub);
                    }
                }
            }

            return files.ToArray();
#else
            return Directory.GetFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false });
#endif
        }
    }
}
