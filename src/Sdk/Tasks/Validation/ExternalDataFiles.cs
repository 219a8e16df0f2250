using System;
using System.Collections.Generic;
using System.IO;
using MlopsGuard.Tasks.Lock.Paths;

namespace MlopsGuard.Tasks.Validation
{
    /// <summary>
    /// The external data files of an ONNX model (weights kept beside the .onnx file, as exporters do past 2 GiB): each
    /// must be a relative path that stays in the model's folder, as ONNX Runtime requires, and must exist. A model whose
    /// weights are missing fails at its first load, so validation fails it now (MLG4003).
    /// </summary>
    internal static class ExternalDataFiles
    {
        /// <summary>The full paths of <paramref name="locations"/>, resolved beside <paramref name="modelFullPath"/>; throws when one is unusable.</summary>
        public static IReadOnlyList<string> Resolve(string modelFullPath, IReadOnlyList<string> locations)
        {
            var folder = Path.GetDirectoryName(modelFullPath)!;
            var files = new List<string>(locations.Count);
            foreach (var location in locations)
            {
                if (location.IndexOf('\0') >= 0 || Path.IsPathRooted(location) || location.StartsWith("/", StringComparison.Ordinal) || location.StartsWith("\\", StringComparison.Ordinal))
                {
                    throw new InvalidModelException($"its external data file '{Printable(location)}' is not a path relative to the model's folder");
                }

                var full = Path.GetFullPath(Path.Combine(folder, location));
                if (!PathContainment.IsLexicallyInside(folder, full) || string.Equals(full, folder, PathContainment.Comparison))
                {
                    throw new InvalidModelException($"its external data file '{Printable(location)}' lies outside the model's folder");
                }

                if (!File.Exists(full))
                {
                    throw new InvalidModelException($"its weights are in the external data file '{Printable(location)}', which does not exist beside it (copy it with the model)");
                }

                files.Add(full);
            }

            return files;
        }

        private static string Printable(string text)
        {
            var chars = text.ToCharArray();
            for (var i = 0; i < chars.Length; i++)
            {
                if (char.IsControl(chars[i]))
                {
                    chars[i] = '?';
                }
            }

            return new string(chars);
        }
    }
}
