using System;
using System.IO;
using System.Linq;

namespace MlopsGuard.Tasks.Maturity
{
    /// <summary>
    /// Writes a generated file atomically (a temporary file beside it, then a rename: readers never see half a report)
    /// and only when its bytes change, so an unchanged report keeps its time stamp.
    /// </summary>
    internal static class ReportFile
    {
        /// <summary>Returns true when the file was written.</summary>
        public static bool WriteIfChanged(string path, byte[] content)
        {
            var full = Path.GetFullPath(path);
            if (File.Exists(full))
            {
                var info = new FileInfo(full);
                if (info.Length == content.Length && File.ReadAllBytes(full).SequenceEqual(content))
                {
                    return false;
                }
            }

            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            var temporary = full + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp";
            try
            {
                File.WriteAllBytes(temporary, content);
                File.Move(temporary, full, overwrite: true);
            }
            finally
            {
                if (File.Exists(temporary))
                {
                    File.Delete(temporary);
                }
            }

            return true;
        }
    }
}
