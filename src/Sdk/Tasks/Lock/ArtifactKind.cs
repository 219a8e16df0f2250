namespace MlopsGuard.Tasks.Lock
{
    /// <summary>The <c>kind</c> of a lock entry, and the item type that declares it.</summary>
    internal static class ArtifactKind
    {
        public const string Data = "data";
        public const string Model = "model";

        public static bool IsKnown(string kind) => kind == Data || kind == Model;

        public static string ItemTypeOf(string kind) => kind == Model ? "MlModel" : "MlData";
    }
}
