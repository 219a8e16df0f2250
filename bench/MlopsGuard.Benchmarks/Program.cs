using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using MlopsGuard.Tasks.Lock.Hashing;

namespace MlopsGuard.Benchmarks
{
    /// <summary>
    /// Hashing throughput of the lock file's hasher against 'openssl dgst -sha256' on the same file (issue: at least
    /// 80% of OpenSSL). Usage: MlopsGuard.Benchmarks [size in MiB, default 2048] [runs, default 3].
    /// <c>MlopsGuard.Benchmarks noop</c> measures a no-op rebuild with and without the package instead (see <see cref="NoOpBuild"/>).
    /// </summary>
    internal static class Program
    {
        private const double Goal = 0.80;

        private static int Main(string[] args)
        {
            if (args.Length > 0 && args[0] == "noop")
            {
                return NoOpBuild.Run(args);
            }

            var mebibytes = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2048;
            var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
            var path = Path.Combine(Path.GetTempPath(), "mlopsguard-bench-" + Guid.NewGuid().ToString("N") + ".bin");
            try
            {
                Console.WriteLine($"Writing {mebibytes} MiB to {path} ...");
                WriteFile(path, mebibytes);
                var bytes = new FileInfo(path).Length;

                // Both sides read the file from the page cache: one untimed pass first, then best of N.
                ArtifactHasher.Sha256(path);
                var (openSslTime, openSslHash) = Best(runs, () => OpenSsl(path));
                var (ourTime, ourHash) = Best(runs, () => ArtifactHasher.Sha256(path));

                if (!string.Equals(openSslHash, ourHash, StringComparison.Ordinal))
                {
                    Console.Error.WriteLine($"Hashes differ: openssl {openSslHash}, MlopsGuard {ourHash}");
                    return 2;
                }

                var openSslRate = bytes / openSslTime.TotalSeconds / 1e6;
                var ourRate = bytes / ourTime.TotalSeconds / 1e6;
                var ratio = ourRate / openSslRate;
                Console.WriteLine();
                Console.WriteLine($"SHA-256 of {bytes:N0} bytes, best of {runs} (sha256 {ourHash})");
                Console.WriteLine();
                Console.WriteLine("| hasher                         | best time (s) | MB/s    |");
                Console.WriteLine("|--------------------------------|---------------|---------|");
                Console.WriteLine($"| openssl dgst -sha256           | {openSslTime.TotalSeconds,13:F3} | {openSslRate,7:F0} |");
                Console.WriteLine($"| MlopsGuard ArtifactHasher      | {ourTime.TotalSeconds,13:F3} | {ourRate,7:F0} |");
                Console.WriteLine();
                Console.WriteLine($"ratio MlopsGuard / openssl: {ratio:P1} (goal >= {Goal:P0}): {(ratio >= Goal ? "met" : "NOT met")}");
                return 0;
            }
            finally
            {
                File.Delete(path);
            }
        }

        private static void WriteFile(string path, int mebibytes)
        {
            var block = new byte[1 << 20];
            var random = new Random(20260101);
            using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.SequentialScan);
            for (var i = 0; i < mebibytes; i++)
            {
                // Fresh bytes every 64 MiB: content does not change SHA-256's speed, but no layer may shortcut repeats.
                if (i % 64 == 0)
                {
                    random.NextBytes(block);
                }

                block[i % block.Length] ^= (byte)i;
                stream.Write(block, 0, block.Length);
            }
        }

        private static (TimeSpan Time, string Hash) Best(int runs, Func<string> hash)
        {
            var best = TimeSpan.MaxValue;
            var result = string.Empty;
            for (var i = 0; i < runs; i++)
            {
                var watch = Stopwatch.StartNew();
                result = hash();
                watch.Stop();
                if (watch.Elapsed < best)
                {
                    best = watch.Elapsed;
                }
            }

            return (best, result);
        }

        private static string OpenSsl(string path)
        {
            var start = new ProcessStartInfo("openssl") { RedirectStandardOutput = true, UseShellExecute = false };
            start.ArgumentList.Add("dgst");
            start.ArgumentList.Add("-sha256");
            start.ArgumentList.Add("-r");
            start.ArgumentList.Add(path);
            using var process = Process.Start(start) ?? throw new InvalidOperationException("openssl could not be started");
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException("openssl failed with exit code " + process.ExitCode);
            }

            // '-r' prints "<hex> *<path>".
            return output.Split(' ')[0].Trim();
        }
    }
}
