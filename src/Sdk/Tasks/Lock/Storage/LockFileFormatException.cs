using System;

namespace MlopsGuard.Tasks.Lock.Storage
{
    /// <summary>mlops.lock.json is not what MlopsGuard writes (a bad merge, a hand edit): the message says where and what.</summary>
    internal sealed class LockFileFormatException : Exception
    {
        public LockFileFormatException(string message)
            : base(message)
        {
        }

        public LockFileFormatException(string message, Exception inner)
            : base(message, inner)
        {
        }
    }
}
