using System.IO;

namespace MlopsGuard.Tasks.Lock.Paths
{
    /// <summary>Lists the files of a folder the same way on both MSBuild runtimes.</summary>
    internal static class FileTree
    {
        /// <summary>
        /// Every file below <paramref name="folder"/>, hidden and system files included; an unreadable folder throws
        /// (<see cref="IOException"/> or <see cref="System.UnauthorizedAccessException"/>) rather than being skipped, so a
        /// lock never silently loses files.
        /// </summary>
        public static string[] AllFiles(string folder) =>
#if NETFRAMEWORK
            // .NET Framework lists hidden files and throws on an unreadable folder by default.
            Directory.GetFiles(folder, "*", SearchOption.AllDirectories);
#else
            Directory.GetFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false });
#endif
    }
}
