using System;

namespace MlopsGuard.Analyzers.Infrastructure
{
    /// <summary>
    /// Finds credentials written into string text: <c>Password=</c>, <c>AccountKey=</c>, <c>SharedAccessSignature=</c>,
    /// a <c>sig=</c> query parameter, or <c>Bearer &lt;token&gt;</c>. A marker with no value after it
    /// (<c>"Password=" + secret</c>, <c>$"Password={secret}"</c>) or a placeholder (<c>{0}</c>, <c>&lt;key&gt;</c>,
    /// <c>***</c>) is not a secret.
    /// </summary>
    internal static class SecretLiterals
    {
        private static readonly (string Marker, string Kind)[] Markers =
        {
            ("Password=", "password"),
            ("AccountKey=", "storage account key"),
            ("SharedAccessSignature=", "shared access signature"),
            ("sig=", "shared access signature"),
        };

        private const int MinimumTokenLength = 8;

        /// <summary>The kind of secret <paramref name="text"/> contains, or null.</summary>
        public static string? Find(string text)
        {
            foreach (var (marker, kind) in Markers)
            {
                for (var index = text.IndexOf(marker, StringComparison.OrdinalIgnoreCase); index >= 0; index = text.IndexOf(marker, index + 1, StringComparison.OrdinalIgnoreCase))
                {
                    // 'sig' is a query parameter: it must start the text or follow '?', '&' or ';'.
                    if (marker == "sig=" && index > 0 && text[index - 1] != '?' && text[index - 1] != '&' && text[index - 1] != ';')
                    {
                        continue;
                    }

                    if (HasValue(text, index + marker.Length))
                    {
                        return kind;
                    }
                }
            }

            return FindBearerToken(text) ? "bearer token" : null;
        }

        /// <summary>True when <paramref name="token"/> looks like a real token (long enough, token characters only).</summary>
        public static bool IsToken(string token)
        {
            var trimmed = token.Trim();
            if (trimmed.Length < MinimumTokenLength)
            {
                return false;
            }

            foreach (var c in trimmed)
            {
                if (!IsTokenChar(c))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool HasValue(string text, int start)
        {
            if (start >= text.Length)
            {
                return false;
            }

            var first = text[start];
            return first != ';' && first != '&' && first != '{' && first != '<' && first != '$' && first != '*' && first != '%' && !char.IsWhiteSpace(first) && first != '"' && first != '\'';
        }

        private static bool FindBearerToken(string text)
        {
            const string Bearer = "Bearer ";
            for (var index = text.IndexOf(Bearer, StringComparison.OrdinalIgnoreCase); index >= 0; index = text.IndexOf(Bearer, index + 1, StringComparison.OrdinalIgnoreCase))
            {
                var start = index + Bearer.Length;
                var end = start;
                while (end < text.Length && IsTokenChar(text[end]))
                {
                    end++;
                }

                if (end - start >= MinimumTokenLength)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsTokenChar(char c) =>
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/' || c == '=';
    }
}
