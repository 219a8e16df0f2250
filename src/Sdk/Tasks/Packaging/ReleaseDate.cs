using System;
using System.Globalization;

namespace MlopsGuard.Tasks.Packaging
{
    /// <summary>
    /// The one time a release holds (the manifest's <c>sourceDate</c>, the card, every zip entry of the package). Never the
    /// clock, so two packs of the same inputs are byte-identical: <c>SOURCE_DATE_EPOCH</c> when set (the reproducible-builds
    /// convention, seconds since 1970-01-01 UTC), else the project's <c>MlopsReleaseDate</c>, else <see cref="Fixed"/>.
    /// </summary>
    internal static class ReleaseDate
    {
        public const string FromSourceDateEpoch = "SOURCE_DATE_EPOCH";
        public const string FromProperty = "MlopsReleaseDate";
        public const string FromNothing = "none";

        /// <summary>The date of a release given no date: fixed, so packs stay identical.</summary>
        public static readonly DateTimeOffset Fixed = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

        // 9999-12-31T23:59:59Z, the last second a DateTimeOffset holds.
        private const long LastSecond = 253402300799;

        private static readonly string[] DateFormats =
        {
            "yyyy'-'MM'-'dd",
            "yyyy'-'MM'-'dd'T'HH':'mm':'ss",
            "yyyy'-'MM'-'dd'T'HH':'mm':'ssK",
            "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'FFFFFFFK",
        };

        /// <summary>
        /// The release's date and where it came from (<see cref="FromSourceDateEpoch"/>, <see cref="FromProperty"/> or
        /// <see cref="FromNothing"/>); false with <paramref name="problem"/> when a value is set but is no date.
        /// </summary>
        public static bool TryResolve(string? sourceDateEpoch, string? releaseDate, out DateTimeOffset date, out string origin, out string? problem)
        {
            problem = null;
            var epoch = Trimmed(sourceDateEpoch);
            if (epoch is not null)
            {
                origin = FromSourceDateEpoch;
                // Digits only: long.TryParse would also take trailing NUL characters.
                if (!IsDigits(epoch) || !long.TryParse(epoch, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > LastSecond)
                {
                    date = Fixed;
                    problem = $"SOURCE_DATE_EPOCH is '{Printable(epoch)}'; it must be a whole number of seconds since 1970-01-01 UTC (as `git log -1 --format=%ct` prints)";
                    return false;
                }

                date = DateTimeOffset.FromUnixTimeSeconds(seconds);
                return true;
            }

            var text = Trimmed(releaseDate);
            if (text is not null)
            {
                origin = FromProperty;
                if (!DateTimeOffset.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
                {
                    date = Fixed;
                    problem = $"MlopsReleaseDate is '{Printable(text)}'; it must be a date such as 2026-03-04 or a UTC time such as 2026-03-04T05:06:08Z";
                    return false;
                }

                // Whole seconds: the manifest and the zip entries hold no finer time.
                date = new DateTimeOffset(parsed.UtcTicks - (parsed.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
                return true;
            }

            date = Fixed;
            origin = FromNothing;
            return true;
        }

        private static bool IsDigits(string text)
        {
            foreach (var c in text)
            {
                if (c < '0' || c > '9')
                {
                    return false;
                }
            }

            return true;
        }

        private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();

        /// <summary>A value quoted in a message: control characters shown as '?', at most 64 characters.</summary>
        private static string Printable(string value)
        {
            var chars = value.ToCharArray();
            for (var i = 0; i < chars.Length; i++)
            {
                if (char.IsControl(chars[i]))
                {
                    chars[i] = '?';
                }
            }

            var text = new string(chars);
            return text.Length <= 64 ? text : text.Substring(0, 64) + "…";
        }
    }
}
