using System.Collections.Generic;

namespace MlopsGuard.Tasks.Lock.Dvc
{
    /// <summary>A node of the small YAML subset DVC writes: block mappings, block sequences and scalars.</summary>
    internal abstract class YamlNode
    {
        public YamlNode? this[string key] => this is YamlMapping map && map.Entries.TryGetValue(key, out var value) ? value : null;

        /// <summary>The scalar's text, or null for a mapping or sequence.</summary>
        public string? Text => (this as YamlScalar)?.Value;
    }

    internal sealed class YamlMapping : YamlNode
    {
        /// <summary>Keys in file order are not needed by any reader here; the last duplicate wins, as in most YAML loaders.</summary>
        public Dictionary<string, YamlNode> Entries { get; } = new();
    }

    internal sealed class YamlSequence : YamlNode
    {
        public List<YamlNode> Items { get; } = new();
    }

    internal sealed class YamlScalar : YamlNode
    {
        public YamlScalar(string value) => Value = value;

        public string Value { get; }
    }
}
