using System;
using Microsoft.CodeAnalysis;

namespace MlopsGuard.Analyzers.Infrastructure
{
    /// <summary>Recognizes test projects by the test framework assemblies they reference (xunit, NUnit, MSTest).</summary>
    internal static class TestFrameworks
    {
        private static readonly string[] FrameworkAssemblies =
        {
            "xunit.core",
            "xunit.v3.core",
            "nunit.framework",
            "Microsoft.VisualStudio.TestPlatform.TestFramework",
            "MSTest.TestFramework",
        };

        /// <summary>True when the compilation references xunit, NUnit or MSTest: a test project.</summary>
        public static bool IsTestProject(Compilation compilation)
        {
            foreach (var identity in compilation.ReferencedAssemblyNames)
            {
                foreach (var name in FrameworkAssemblies)
                {
                    if (string.Equals(identity.Name, name, StringComparison.OrdinalIgnoreCase))
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }
}
