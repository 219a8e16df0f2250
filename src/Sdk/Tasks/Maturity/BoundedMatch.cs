using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace MlopsGuard.Tasks.Maturity
{
    /// <summary>
    /// Regular expressions over repository files, where a file could be written to make a pattern backtrack. On .NET the
    /// patterns run in linear time (<see cref="Compatibility.Portable.Linear"/>); on .NET Framework they are bounded by their
    /// timeout, and a text the pattern cannot judge in time counts as no match: the assessment then misses one piece of
    /// evidence rather than failing the build.
    /// </summary>
    internal static class BoundedMatch
    {
        public static bool IsMatch(Regex regex, string text)
        {
            try
            {
                return regex.IsMatch(text);
            }
            catch (RegexMatchTimeoutException)
            {
                return false;
            }
        }

        public static Match First(Regex regex, string text)
        {
            try
            {
                return regex.Match(text);
            }
            catch (RegexMatchTimeoutException)
            {
                return Match.Empty;
            }
        }

        public static IReadOnlyList<Match> All(Regex regex, string text)
        {
            var matches = new List<Match>();
            try
            {
                foreach (Match match in regex.Matches(text))
                {
                    matches.Add(match);
                }
            }
            catch (RegexMatchTimeoutException)
            {
                matches.Clear();
            }

            return matches;
        }
    }
}
