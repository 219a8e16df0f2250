using System;

namespace MlopsGuard.Tasks.Packaging
{
    /// <summary>
    /// Repository URLs as a release may show them. SourceLink passes the remote's URL on as git holds it
    /// (<c>Uri.AbsoluteUri</c>, user info included), so a token in <c>https://user:token@host/repo</c> would reach every
    /// feed the model package is pushed to.
    /// </summary>
    internal static class RepositoryUrls
    {
        /// <summary>
        /// <c>http</c>/<c>https</c> URLs lose all their user info (a token is often the user name: <c>https://ghp_x@host</c>);
        /// other <c>scheme://user:password@host</c> URLs lose the password and keep the user (<c>ssh://git@host</c> is no
        /// secret). Text that is no <c>scheme://</c> URL (scp-like <c>git@host:repo</c>, a path) is returned as it is.
        /// </summary>
        public static string WithoutCredentials(string url)
        {
            var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
            if (schemeEnd <= 0 || !IsScheme(url, schemeEnd))
            {
                return url;
            }

            var authorityStart = schemeEnd + 3;
            var authorityEnd = url.IndexOfAny(new[] { '/', '?', '#' }, authorityStart);
            if (authorityEnd < 0)
            {
                authorityEnd = url.Length;
            }

            if (authorityEnd == authorityStart)
            {
                return url;
            }

            // The last '@' of the authority ends the user info (a password may hold an unescaped '@').
            var at = url.LastIndexOf('@', authorityEnd - 1, authorityEnd - authorityStart);
            if (at < 0)
            {
                return url;
            }

            var scheme = url.Substring(0, schemeEnd);
            if (string.Equals(scheme, "http", StringComparison.OrdinalIgnoreCase) || string.Equals(scheme, "https", StringComparison.OrdinalIgnoreCase))
            {
                return url.Substring(0, authorityStart) + url.Substring(at + 1);
            }

            var passwordStart = url.IndexOf(':', authorityStart, at - authorityStart);
            return passwordStart < 0 ? url : url.Substring(0, passwordStart) + url.Substring(at);
        }

        /// <summary>RFC 3986: a letter, then letters, digits, '+', '-' or '.'.</summary>
        private static bool IsScheme(string url, int length)
        {
            if (!IsAsciiLetter(url[0]))
            {
                return false;
            }

            for (var i = 1; i < length; i++)
            {
                var c = url[i];
                if (!IsAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.')
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsAsciiLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
