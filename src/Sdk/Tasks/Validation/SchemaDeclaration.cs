using System;
using System.Collections.Generic;
using System.Globalization;

namespace MlopsGuard.Tasks.Validation
{
    /// <summary>A declaration that cannot be parsed: a configuration error (MLG5005), not a model fault.</summary>
    internal sealed class SchemaDeclarationException : Exception
    {
        public SchemaDeclarationException(string message)
            : base(message)
        {
        }
    }

    /// <summary>One declared input or output: name, .NET type, and shape when given (null: any shape).</summary>
    internal sealed class DeclaredTensor
    {
        public DeclaredTensor(string name, string type, IReadOnlyList<ModelDimension>? shape)
        {
            Name = name;
            Type = type;
            Shape = shape;
        }

        public string Name { get; }

        public string Type { get; }

        public IReadOnlyList<ModelDimension>? Shape { get; }
    }

    /// <summary>
    /// Parses MlModel's <c>Inputs</c>/<c>Outputs</c> metadata (CONTRACT §4): <c>name:type[shape]</c>, separated by ';'.
    /// The name is everything before the last ':' (ONNX names such as "input:0" keep theirs); the type is a .NET type
    /// name (C# keywords accepted); the optional shape lists sizes, -1 or a symbolic name for a free size; [] is a scalar.
    /// </summary>
    internal static class SchemaDeclaration
    {
        private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
        {
            ["float"] = "Single",
            ["double"] = "Double",
            ["half"] = "Half",
            ["bool"] = "Boolean",
            ["string"] = "String",
            ["ReadOnlyMemory<char>"] = "String",
            ["byte"] = "Byte",
            ["sbyte"] = "SByte",
            ["short"] = "Int16",
            ["ushort"] = "UInt16",
            ["int"] = "Int32",
            ["uint"] = "UInt32",
            ["long"] = "Int64",
            ["ulong"] = "UInt64",
        };

        public static List<DeclaredTensor> Parse(string? text, string metadataName)
        {
            var result = new List<DeclaredTensor>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var raw in (text ?? string.Empty).Split(';'))
            {
                var part = raw.Trim();
                if (part.Length == 0)
                {
                    continue;
                }

                var tensor = ParseOne(part, metadataName);
                if (!names.Add(tensor.Name))
                {
                    throw new SchemaDeclarationException($"{metadataName} declares '{tensor.Name}' twice");
                }

                result.Add(tensor);
            }

            return result;
        }

        /// <summary>The canonical .NET name of a type as written in a declaration ("float" and "System.Single" are "Single").</summary>
        public static string NormalizeType(string type)
        {
            var trimmed = type.Trim();
            if (trimmed.StartsWith("System.", StringComparison.Ordinal))
            {
                trimmed = trimmed.Substring("System.".Length);
            }

            return Aliases.TryGetValue(trimmed, out var canonical) ? canonical : trimmed;
        }

        private static DeclaredTensor ParseOne(string part, string metadataName)
        {
            string body = part;
            IReadOnlyList<ModelDimension>? shape = null;
            var bracket = part.IndexOf('[');
            if (bracket >= 0)
            {
                if (!part.EndsWith("]", StringComparison.Ordinal))
                {
                    throw new SchemaDeclarationException($"{metadataName} entry '{part}': the shape must end with ']' (expected name:type[shape])");
                }

                body = part.Substring(0, bracket);
                shape = ParseShape(part.Substring(bracket + 1, part.Length - bracket - 2), part, metadataName);
            }

            var colon = body.LastIndexOf(':');
            if (colon <= 0 || colon == body.Length - 1)
            {
                throw new SchemaDeclarationException($"{metadataName} entry '{part}' is not name:type[shape] (for example 'Features:Single[-1,13]')");
            }

            var name = body.Substring(0, colon).Trim();
            var type = NormalizeType(body.Substring(colon + 1));
            if (name.Length == 0 || type.Length == 0 || type.IndexOfAny(new[] { ' ', ':', ']' }) >= 0)
            {
                throw new SchemaDeclarationException($"{metadataName} entry '{part}' is not name:type[shape] (for example 'Features:Single[-1,13]')");
            }

            return new DeclaredTensor(name, type, shape);
        }

        private static List<ModelDimension> ParseShape(string inside, string part, string metadataName)
        {
            var dims = new List<ModelDimension>();
            if (inside.Trim().Length == 0)
            {
                return dims;
            }

            foreach (var raw in inside.Split(','))
            {
                var dim = raw.Trim();
                if (long.TryParse(dim, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var size) && size >= -1)
                {
                    dims.Add(size >= 0 ? ModelDimension.Fixed(size) : ModelDimension.Unknown);
                }
                else if (dim == "?" || IsIdentifier(dim))
                {
                    dims.Add(dim == "?" ? ModelDimension.Unknown : ModelDimension.Named(dim));
                }
                else
                {
                    throw new SchemaDeclarationException(
                        $"{metadataName} entry '{part}': '{dim}' is not a dimension (use a size, -1 or a name for a free size)");
                }
            }

            return dims;
        }

        private static bool IsIdentifier(string text)
        {
            if (text.Length == 0 || !(char.IsLetter(text[0]) || text[0] == '_'))
            {
                return false;
            }

            foreach (var c in text)
            {
                if (!(char.IsLetterOrDigit(c) || c == '_'))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
