using System;

namespace MlopsGuard.Tasks.Packaging.Git
{
    /// <summary>
    /// A remote URL safe to publish in a package: <c>https://user:token@host/repo</c> loses its user info; other
    /// <c>scheme://user:password@host</c> URLs lose the password and keep the user (ssh's <c>git@</c> is no secret);
    /// scp-like <c>git@host:owner/repo.git</c> and local paths are left as they are.
    /// </summary>
    internal static class GitRemoteUrl
    {
        public static string StripCredentials(string url)
        {
            var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
            if (schemeEnd <= 0)
            {
                return url;
            }

            var authorityStart = schemeEnd + 3;
            var authorityEnd = url.IndexOfAny(new[] { '/', '?', '#' }, authorityStart);
            if (authorityEnd < 0)
            {
                authorityEnd = url.Length;
            }

            var at = url.LastIndexOf('@', authorityEnd - 1, authorityEnd - authorityStart);
            if (at < 0)
            {
                return url;
            }

            var scheme = url.Substring(0, schemeEnd);
            if (scheme.Equals("http", StringComparison.OrdinalIgnoreCase) || scheme.Equals("https", StringComparison.OrdinalIgnoreCase))
            {
                return url.Substring(0, authorityStart) + url.Substring(at + 1);
            }

            var colon = url.IndexOf(':', authorityStart, at - authorityStart);
            return colon < 0 ? url : url.Substring(0, colon) + url.Substring(at);
        }
    }
}
