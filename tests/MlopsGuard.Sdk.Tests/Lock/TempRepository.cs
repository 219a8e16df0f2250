using System;
using System.IO;
using System.Text;

namespace MlopsGuard.Sdk.Tests.Lock
{
    /// <summary>A throw-away repository (a folder holding .git) with a project folder inside it.</summary>
    public sealed class TempRepository : IDisposable
    {
        public TempRepository()
        {
            Root = Path.Combine(Path.GetTempPath(), "mlopsguard-tests", Guid.NewGuid().ToString("N").Substring(0, 10));
            Directory.CreateDirectory(Path.Combine(Root, ".git"));
            Project = Path.Combine(Root, "src", "app");
            Directory.CreateDirectory(Project);
            Obj = Path.Combine(Project, "obj");
        }

        public string Root { get; }

        public string Project { get; }

        public string Obj { get; }

        public string LockPath => Path.Combine(Project, "mlops.lock.json");

        public string CachePath => Path.Combine(Obj, "MlopsGuard.HashCache.json");

        /// <summary>Writes a file below the project (folders created) with a last-write time well in the past, so it can be cached.</summary>
        public string Write(string relative, string content) => WriteBytes(relative, Encoding.UTF8.GetBytes(content));

        public string WriteBytes(string relative, byte[] content)
        {
            var path = Path.GetFullPath(Path.Combine(Project, relative));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, content);
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(-10));
            return path;
        }

        public string Full(string relative) => Path.GetFullPath(Path.Combine(Project, relative));

        public string ReadLock() => File.ReadAllText(LockPath);

        public void Dispose()
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
