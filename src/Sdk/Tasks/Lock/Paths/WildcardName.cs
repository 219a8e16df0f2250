using System;

namespace MlopsGuard.Tasks.Lock.Paths
{
    /// <summary>
    /// Matches one file or folder name against a pattern of one path segment, where <c>*</c> is any run of characters and
    /// <c>?</c> is one character. One implementation for both MSBuild runtimes, so a pattern selects the same files under
    /// Visual Studio and <c>dotnet build</c>.
    /// </summary>
    internal static class WildcardName
    {
        public static bool Matches(string pattern, string name, bool ignoreCase)
        {
            // Greedy walk with one backtrack point: the last '*' seen and the name position it has absorbed up to.
            int p = 0, n = 0, star = -1, starName = 0;
            while (n < name.Length)
            {
                if (p < pattern.Length && pattern[p] == '*')
                {
                    star = p++;
                    starName = n;
                }
                else if (p < pattern.Length && (pattern[p] == '?' || Same(pattern[p], name[n], ignoreCase)))
                {
                    p++;
                    n++;
                }
                else if (star >= 0)
                {
                    p = star + 1;
                    n = ++starName;
                }
                else
                {
                    return false;
                }
            }

            while (p < pattern.Length && pattern[p] == '*')
            {
                p++;
            }

            return p == pattern.Length;
        }

        private static bool Same(char a, char b, bool ignoreCase) =>
            a == b || (ignoreCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b));
    }
}
