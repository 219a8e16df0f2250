using System;
using System.Collections.Generic;

namespace MlopsGuard.Tasks.Packaging
{
    /// <summary>Byte-level helpers that keep generated files identical on every OS.</summary>
    internal static class Text
    {
        /// <summary>Replaces "\r\n" with "\n" (JSON and XML writers use the OS's line end; strings in them never hold a raw one).</summary>
        public static byte[] WithUnixLineEnds(byte[] content)
        {
            if (Array.IndexOf(content, (byte)'\r') < 0)
            {
                return content;
            }

            var result = new List<byte>(content.Length);
            for (var i = 0; i < content.Length; i++)
            {
                if (content[i] == (byte)'\r' && i + 1 < content.Length && content[i + 1] == (byte)'\n')
                {
                    continue;
                }

                result.Add(content[i]);
            }

            return result.ToArray();
        }
    }
}
