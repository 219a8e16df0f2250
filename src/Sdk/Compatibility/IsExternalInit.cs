#if NETFRAMEWORK
namespace System.Runtime.CompilerServices
{
    /// <summary>Lets the .NET Framework build compile records and init-only setters (the type ships with .NET 5 and later).</summary>
    internal static class IsExternalInit
    {
    }
}
#endif
