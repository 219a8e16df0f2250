using System;
using System.Globalization;

namespace MlopsGuard.Tasks.Infrastructure
{
    /// <summary>Sizes and durations as the few lines a user reads in the build output write them (invariant culture).</summary>
    internal static class HumanReadable
    {
        private static readonly string[] Units = { "KB", "MB", "GB", "TB" };

        /// <summary>"512 bytes", "1.5 KB", "120.3 MB", "2.1 GB": powers of 1000, as disks and download tools count.</summary>
        public static string Bytes(long bytes)
        {
            if (bytes < 1000)
            {
                return bytes == 1 ? "1 byte" : bytes.ToString(CultureInfo.InvariantCulture) + " bytes";
            }

            var value = (double)bytes;
            var unit = -1;
            while (value >= 999.95 && unit < Units.Length - 1)
            {
                value /= 1000;
                unit++;
            }

            return value.ToString("0.0", CultureInfo.InvariantCulture) + " " + Units[unit];
        }

        /// <summary>"0.4 s", "12.3 s", and from a minute on "2 min 05 s".</summary>
        public static string Duration(TimeSpan elapsed)
        {
            if (elapsed < TimeSpan.Zero)
            {
                elapsed = TimeSpan.Zero;
            }

            var seconds = Math.Round(elapsed.TotalSeconds, 1);
            if (seconds < 60)
            {
                return seconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
            }

            var whole = (long)Math.Round(elapsed.TotalSeconds);
            return string.Format(CultureInfo.InvariantCulture, "{0} min {1:00} s", whole / 60, whole % 60);
        }
    }
}
