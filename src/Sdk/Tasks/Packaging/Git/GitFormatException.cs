using System;

namespace MlopsGuard.Tasks.Packaging.Git
{
    /// <summary>
    /// Repository data that is corrupt, truncated, unsupported or over a safety limit. The message is one line for a
    /// person: it becomes the reason <see cref="GitRepository.TryReadHead"/> gives back.
    /// </summary>
    internal sealed class GitFormatException : Exception
    {
        public GitFormatException(string message)
            : base(message)
        {
        }
    }
}
