#if NETFRAMEWORK
using System.Collections.Generic;
using System.IO;
using System.Text;

// Instance methods .NET has and .NET Framework 4.7.2 lacks, as extension methods of the same shape, so the shared code
// reads the same on both runtimes. Only the .NET Framework build compiles this file.
namespace System
{
    internal static class StringExtensions
    {
        public static bool Contains(this string text, char value, StringComparison comparison) => text.IndexOf(value.ToString(), comparison) >= 0;

        public static bool Contains(this string text, string value, StringComparison comparison) => text.IndexOf(value, comparison) >= 0;

        public static bool EndsWith(this string text, char value) => text.Length > 0 && text[text.Length - 1] == value;

        public static bool StartsWith(this string text, char value) => text.Length > 0 && text[0] == value;
    }

    internal static class EncodingExtensions
    {
        public static string GetString(this Encoding encoding, ReadOnlySpan<byte> bytes) => encoding.GetString(bytes.ToArray());
    }

    internal static class StreamExtensions
    {
        public static void ReadExactly(this Stream stream, byte[] buffer, int offset, int count)
        {
            while (count > 0)
            {
                var read = stream.Read(buffer, offset, count);
                if (read <= 0)
                {
                    throw new EndOfStreamException();
                }

                offset += read;
                count -= read;
            }
        }
    }

    internal static class KeyValuePairExtensions
    {
        public static void Deconstruct<TKey, TValue>(this KeyValuePair<TKey, TValue> pair, out TKey key, out TValue value)
        {
            key = pair.Key;
            value = pair.Value;
        }
    }
}

namespace System.Linq
{
    internal static class EnumerableExtensions
    {
        public static TSource FirstOrDefault<TSource>(this IEnumerable<TSource> source, Func<TSource, bool> predicate, TSource defaultValue)
        {
            foreach (var item in source)
            {
                if (predicate(item))
                {
                    return item;
                }
            }

            return defaultValue;
        }
    }
}
#endif
