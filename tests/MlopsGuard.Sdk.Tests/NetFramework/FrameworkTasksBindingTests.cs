using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Xunit;

namespace MlopsGuard.Sdk.Tests.NetFramework
{
    /// <summary>
    /// .NET Framework MSBuild loads a task assembly into its own process, where its binding redirects decide which copy of a
    /// library every assembly gets. A redirect only unifies versions up to its own: a task compiled against a newer
    /// System.Memory than MSBuild's would load a second copy, and a span from one copy is not a span of the other. So the
    /// .NET Framework tasks must reference no library newer than the oldest supported MSBuild (Visual Studio 17.8) carries.
    /// </summary>
    public class FrameworkTasksBindingTests
    {
        // The binding redirects of MSBuild.exe.config in Visual Studio 17.8 (dotnet/msbuild, tag v17.8.3, src/MSBuild/app.config).
        private static readonly Dictionary<string, Version> CarriedByMSBuild17_8 = new Dictionary<string, Version>(StringComparer.Ordinal)
        {
            ["Microsoft.Bcl.AsyncInterfaces"] = new Version(7, 0, 0, 0),
            ["System.Buffers"] = new Version(4, 0, 3, 0),
            ["System.Collections.Immutable"] = new Version(7, 0, 0, 0),
            ["System.Memory"] = new Version(4, 0, 1, 2),
            ["System.Numerics.Vectors"] = new Version(4, 1, 4, 0),
            ["System.Runtime.CompilerServices.Unsafe"] = new Version(6, 0, 0, 0),
            ["System.Text.Encodings.Web"] = new Version(7, 0, 0, 0),
            ["System.Text.Json"] = new Version(7, 0, 0, 3),
            ["System.Threading.Tasks.Extensions"] = new Version(4, 2, 0, 1),
            ["System.ValueTuple"] = new Version(4, 0, 3, 0),
        };

        // Parts of .NET Framework 4.7.2 itself, and MSBuild's own assemblies (redirected to the running MSBuild's version).
        private static readonly HashSet<string> Framework = new HashSet<string>(StringComparer.Ordinal)
        {
            "mscorlib", "System", "System.Core", "System.Numerics", "System.Xml", "System.Xml.Linq", "System.IO.Compression", "System.Runtime",
            "System.Security", "netstandard", "Microsoft.Build.Framework", "Microsoft.Build.Utilities.Core",
        };

        public static TheoryData<string> Assemblies()
        {
            var data = new TheoryData<string>();
            foreach (var file in Directory.GetFiles(TasksFolder(), "*.dll"))
            {
                data.Add(Path.GetFileName(file));
            }

            return data;
        }

        [Theory]
        [MemberData(nameof(Assemblies))]
        public void Every_library_the_NET_Framework_tasks_ship_binds_to_Visual_Studio_17_8s_copy(string file)
        {
            foreach (var (name, version) in References(Path.Combine(TasksFolder(), file)))
            {
                if (Framework.Contains(name))
                {
                    continue;
                }

                Assert.True(CarriedByMSBuild17_8.TryGetValue(name, out var carried), $"{file} references {name} {version}, which Visual Studio 17.8's MSBuild does not carry.");
                Assert.True(version <= carried, $"{file} references {name} {version}, newer than the {carried} Visual Studio 17.8's MSBuild redirects to: it would load a second copy.");
            }
        }

        [Fact]
        public void The_tasks_assembly_references_the_libraries_it_uses_and_nothing_of_NET()
        {
            var references = References(Path.Combine(TasksFolder(), "MlopsGuard.Tasks.dll")).Select(r => r.Name).ToList();
            Assert.Contains("mscorlib", references);
            Assert.Contains("System.Text.Json", references);
            Assert.DoesNotContain("System.Private.CoreLib", references);
        }

        private static string TasksFolder()
        {
            // The folder packed as tasks/net472/.
            return typeof(FrameworkTasksBindingTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "NetFrameworkTasks").Value!;
        }

        private static List<(string Name, Version Version)> References(string path)
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            var metadata = pe.GetMetadataReader();
            return metadata.AssemblyReferences.Select(h => metadata.GetAssemblyReference(h))
                .Select(r => (metadata.GetString(r.Name), r.Version)).ToList();
        }
    }
}
