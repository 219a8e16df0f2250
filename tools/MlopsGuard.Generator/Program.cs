using System;
using System.IO;
using System.Reflection;
using System.Linq;
using System.Text;

namespace MlopsGuard.Generator
{
    public static class Program
    {
        public static int Main(string[] args)
        {
            var root = args.Length > 0 ? args[0] : RepositoryRoot();
            foreach (var file in GeneratedFiles.Generate(root))
            {
                var path = Path.Combine(root, file.RelativePath);
                var current = File.Exists(path) ? File.ReadAllText(path) : null;
                if (current == file.Content)
                {
                    continue;
                }

                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, file.Content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
                Console.WriteLine($"updated {file.RelativePath}");
            }

            foreach (var folder in GeneratedFiles.RemovedFolders)
            {
                var path = Path.Combine(root, folder);
                if (Directory.Exists(path))
                {
                    Directory.Delete(path, recursive: true);
                    Console.WriteLine($"removed {folder}");
                }
            }

            return 0;
        }

        /// <summary>The repository this tool was built from.</summary>
        public static string RepositoryRoot() =>
            typeof(Program).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .First(a => a.Key == "RepositoryRoot").Value!;
    }
}
