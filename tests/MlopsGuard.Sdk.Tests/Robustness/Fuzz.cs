using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using Xunit;
using Xunit.Abstractions;

namespace MlopsGuard.Sdk.Tests.Robustness
{
    /// <summary>
    /// Mutation fuzzing for the text and JSON parsers of the tasks (lock, metrics, parameters, DVC YAML, CI files,
    /// CODEOWNERS, manifests). Mutations aim at what breaks such parsers: bit flips, truncation, structural characters,
    /// deep nesting, huge and non-finite numbers, invalid UTF-8, escaped lone surrogates and BOMs. A fixed seed makes a
    /// failure reproduce; MLOPSGUARD_FUZZ_SEED and MLOPSGUARD_FUZZ_SCALE allow longer local runs, as in ParserFuzzTests.
    /// </summary>
    internal static class Fuzz
    {
        public const int Seed = 20261128;

        private static readonly byte[][] Structural =
        {
            B("{"), B("}"), B("["), B("]"), B(":"), B(","), B("\""), B("'"), B("\n"), B("\r\n"), B(" "), B("\t"), B("-"), B("- "),
            B("#"), B("|"), B(">"), B("\\"), B(": "), B("*"), B("**"), B("/"), B("../"), B("null"), B("true"), B("false"),
        };

        private static readonly byte[][] Values =
        {
            B("1e400"), B("-1e400"), B("NaN"), B("Infinity"), B("-Infinity"), B("99999999999999999999999999999999"), B("-0"),
            B("1E+2147483648"), B("0.0000000000000000000000000000001"), B("9223372036854775808"), B("-1"),
            B("\"\\ud800\""), B("\"\\udc00x\""), B("\"\\u0000\""), B("\"\\uZZZZ\""), B("\"\\\""), B("\"a\\u0\""),
            new byte[] { 0xC3 }, new byte[] { 0xFF, 0xFE }, new byte[] { 0xED, 0xA0, 0x80 }, new byte[] { 0xF4, 0x90, 0x80, 0x80 },
            new byte[] { 0xC0, 0xAF }, new byte[] { 0xE2, 0x80 }, new byte[] { 0 },
        };

        private static readonly byte[] Bom = { 0xEF, 0xBB, 0xBF };

        /// <summary>The seed from MLOPSGUARD_FUZZ_SEED or the fixed default.</summary>
        public static Random NewRandom() =>
            new Random(int.TryParse(Environment.GetEnvironmentVariable("MLOPSGUARD_FUZZ_SEED"), out var s) ? s : Seed);

        public static int Scale => int.TryParse(Environment.GetEnvironmentVariable("MLOPSGUARD_FUZZ_SCALE"), out var f) && f > 0 ? f : 1;

        public static byte[] B(string text) => Encoding.UTF8.GetBytes(text);

        /// <summary>One to four mutations of a seed; now and then a deep nesting or a huge run instead.</summary>
        public static byte[] Mutate(byte[] seed, Random random, byte[]? nestOpen = null)
        {
            var bytes = new List<byte>(seed);
            var mutations = 1 + random.Next(4);
            for (var m = 0; m < mutations; m++)
            {
                var at = bytes.Count == 0 ? 0 : random.Next(bytes.Count + 1);
                switch (random.Next(12))
                {
                    case 0 when bytes.Count > 0 && at < bytes.Count: // flip a bit
                        bytes[at] ^= (byte)(1 << random.Next(8));
                        break;
                    case 1 when bytes.Count > 0 && at < bytes.Count: // random byte
                        bytes[at] = (byte)random.Next(256);
                        break;
                    case 2: // truncate
                        bytes.RemoveRange(at, bytes.Count - at);
                        break;
                    case 3: // delete a run
                        bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + random.Next(16)));
                        break;
                    case 4:
                    case 5: // a structural character or token
                        bytes.InsertRange(at, Structural[random.Next(Structural.Length)]);
                        break;
                    case 6:
                    case 7: // a hostile value: huge or non-finite number, bad escape, invalid UTF-8
                        bytes.InsertRange(at, Values[random.Next(Values.Length)]);
                        break;
                    case 8: // a BOM, at the start or anywhere
                        bytes.InsertRange(random.Next(2) == 0 ? 0 : at, Bom);
                        break;
                    case 9: // duplicate a slice (repeated keys, items, lines)
                        if (bytes.Count > 0 && at < bytes.Count)
                        {
                            var length = Math.Min(bytes.Count - at, 1 + random.Next(64));
                            bytes.InsertRange(at, bytes.GetRange(at, length));
                        }

                        break;
                    case 10 when random.Next(200) == 0: // deep nesting: 100k openers (rare: each is 100 KB and more)
                        var open = nestOpen ?? B("[");
                        var deep = new byte[open.Length * 100_000];
                        for (var i = 0; i < 100_000; i++)
                        {
                            Buffer.BlockCopy(open, 0, deep, i * open.Length, open.Length);
                        }

                        bytes.InsertRange(at, deep);
                        break;
                    default: // a few random bytes
                        var insert = new byte[1 + random.Next(8)];
                        random.NextBytes(insert);
                        bytes.InsertRange(at, insert);
                        break;
                }
            }

            return bytes.ToArray();
        }

        /// <summary>
        /// Runs <paramref name="count"/> mutated inputs through <paramref name="parse"/>; only <paramref name="expected"/> may be
        /// thrown. <paramref name="budget"/> is a hang guard, loose because the machine is shared: alone, each run takes a few seconds.
        /// </summary>
        public static void Run(ITestOutputHelper output, string name, int count, IReadOnlyList<byte[]> seeds, Action<byte[]> parse, TimeSpan budget, byte[]? nestOpen = null, params Type[] expected)
        {
            var random = NewRandom();
            var failures = new List<string>();
            var rejected = 0;
            var failed = 0;
            // The .NET run covers the full count; the .NET Framework run (on Mono here, several times slower) checks the
            // same code on a tenth of it.
            var total = count * Scale / FrameworkShare;
            var watch = Stopwatch.StartNew();
            var peak = 0L;
            for (var i = 0; i < total; i++)
            {
                var input = Mutate(seeds[i % seeds.Count], random, nestOpen);
                var allocatedBefore = AllocatedBytes();
                try
                {
                    parse(input);
                }
                catch (Exception ex) when (expected.Any(t => t.IsInstanceOfType(ex)))
                {
                    rejected++;
                }
                catch (Exception ex)
                {
                    failed++;
                    if (failures.Count >= 5)
                    {
                        continue;
                    }

                    failures.Add($"{ex.GetType().Name}: {ex.Message} on input (base64) {Convert.ToBase64String(input.Length > 4096 ? input.Take(4096).ToArray() : input)}\n{ex.StackTrace}");
                }

                // Memory per input, on this thread only (tests run in parallel): a parser that blows up on nesting or on a
                // huge number shows here whatever the other tests do.
                peak = Math.Max(peak, AllocatedBytes() - allocatedBefore);
            }

            output.WriteLine($"{name}: {total} inputs in {watch.Elapsed.TotalSeconds:F2} s, {rejected} rejected with {string.Join("/", expected.Select(t => t.Name).DefaultIfEmpty("nothing"))}, at most {peak / 1024} KiB allocated for one input");
            Assert.True(failed == 0, $"{failed} inputs failed; the first:\n" + string.Join("\n\n", failures));
            Assert.True(total >= 100_000 / FrameworkShare, $"{name}: only {total} inputs");
            Assert.True(watch.Elapsed < TimeSpan.FromTicks(budget.Ticks * Scale), $"{name}: fuzzing took {watch.Elapsed}");
            Assert.True(peak < 64L * 1024 * 1024, $"{name}: one input allocated {peak} bytes");
        }

#if NETFRAMEWORK
        private const int FrameworkShare = 10;
#else
        private const int FrameworkShare = 1;
#endif

        // Bytes this thread allocated: .NET counts them; .NET Framework has no such counter, so there the memory bound is not checked.
        private static long AllocatedBytes() =>
#if NETFRAMEWORK
            0;
#else
            GC.GetAllocatedBytesForCurrentThread();
#endif
    }
}
