using System;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace MlopsGuard.Tasks.Packaging
{
    /// <summary>
    /// A model package's NuGet id and version, checked and normalized the way NuGet does it, so the file name, the
    /// folder under <c>$(MlopsArtifactsDir)</c> and the feed's layout agree with what <c>dotnet restore</c> expects.
    /// </summary>
    internal sealed class PackageIdentity
    {
        private const int MaxIdLength = 100;

        // NuGet's id rule: word characters, separated by single '.' or '-'.
        private static readonly Regex IdPattern = new Regex(@"^\w+([.-]\w+)*$", RegexOptions.CultureInvariant);

        // 1 to 4 numeric parts, an optional SemVer 2 prerelease label and build metadata.
        private static readonly Regex VersionPattern = new Regex(
            @"^(?<numbers>\d+(\.\d+){0,3})(-(?<pre>[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+(?<meta>[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$",
            RegexOptions.CultureInvariant);

        private PackageIdentity(string id, string version, string fullVersion)
        {
            Id = id;
            Version = version;
            FullVersion = fullVersion;
        }

        public string Id { get; }

        /// <summary>The normalized version without build metadata: file and folder names.</summary>
        public string Version { get; }

        /// <summary>The normalized version with build metadata, as the nuspec and the manifest hold it.</summary>
        public string FullVersion { get; }

        public string FileName => Id + "." + Version + ".nupkg";

        /// <summary>Checks an id and a version; false with a reason a user can act on.</summary>
        public static bool TryCreate(string id, string version, out PackageIdentity? identity, out string problem)
        {
            identity = null;
            if (!IsValidId(id))
            {
                problem = $"'{id}' is not a valid NuGet package id (letters, digits and '_', separated by single '.' or '-', at most {MaxIdLength} characters)";
                return false;
            }

            if (!TryNormalizeVersion(version, out var normalized, out var metadata))
            {
                problem = $"'{version}' is not a valid package version (e.g. 1.2.0 or 1.2.0-beta.1)";
                return false;
            }

            identity = new PackageIdentity(id, normalized, metadata.Length == 0 ? normalized : normalized + "+" + metadata);
            problem = string.Empty;
            return true;
        }

        public static bool IsValidId(string id) => id.Length > 0 && id.Length <= MaxIdLength && IdPattern.IsMatch(id);

        /// <summary>NuGet's normalized form: three parts at least, a fourth only when not zero, no leading zeros.</summary>
        internal static bool TryNormalizeVersion(string version, out string normalized, out string metadata)
        {
            normalized = metadata = string.Empty;
            var match = VersionPattern.Match(version.Trim());
            if (!match.Success)
            {
                return false;
            }

            var parts = match.Groups["numbers"].Value.Split('.');
            var numbers = new long[4];
            for (var i = 0; i < parts.Length; i++)
            {
                if (!long.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]) || numbers[i] > int.MaxValue)
                {
                    return false;
                }
            }

            var count = numbers[3] != 0 ? 4 : 3;
            normalized = string.Join(".", numbers.Take(count).Select(n => n.ToString(CultureInfo.InvariantCulture)));
            if (match.Groups["pre"].Success)
            {
                normalized += "-" + match.Groups["pre"].Value;
            }

            metadata = match.Groups["meta"].Success ? match.Groups["meta"].Value : string.Empty;
            return true;
        }

        public override string ToString() => Id + " " + FullVersion;
    }
}
