using System;

namespace MlopsGuard.Tasks.Validation
{
    /// <summary>
    /// A model file that is not what it claims to be: corrupt, truncated, of the wrong format, or over a safety limit.
    /// The message is user-facing (it becomes the MLG4003 text), so it says what is wrong and where.
    /// </summary>
    internal sealed class InvalidModelException : Exception
    {
        public InvalidModelException(string message)
            : base(message)
        {
        }
    }
}
