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
        /// <summary>The full paths of <paramref name="locations"/>, resolved beside <paramref name="modelFullPath"/>; throws when one is unusable or missing.</summary>
        public static IReadOnlyList<string> Resolve(string modelFullPath, IReadOnlyList<string> locations)
        {
            var files = new List<string>(locations.Count);
            foreach (var (location, full, problem) in Locate(modelFullPath, locations))
            {
                if (problem is not null)
                {
                    throw new InvalidModelException($"its external data file '{Printable(location)}' {problem}");
                }

                if (!File.Exists(full))
                {
                    throw new InvalidModelException($"its weights are in the external data file '{Printable(location)}', which does not exist beside it (copy it with the model)");
                }

                files.Add(full!);
            }

            return files;
        }

        /// <summary>
        /// Each location once ('w.bin' and './w.bin' are one file) with its full path beside the model, or with why it names no
        /// file of the model's folder. Whether the file exists is the caller's question.
        /// </summary>
        public static List<(string Location, string? FullPath, string? Problem)> Locate(string modelFullPath, IReadOnlyList<string> locations)
        {
            var folder = Path.GetDirectoryName(modelFullPath)!;
            var located = new List<(string, string?, string?)>(locations.Count);
            var seen = new HashSet<string>(PathContainment.Comparer);
            foreach (var location in locations)
            {
                if (!IsPlainRelative(location))
                {
                    located.Add((location, null, "is not a plain path relative to the model's folder"));
                    continue;
                }

                string full;
                try
                {
                    full = Path.GetFullPath(Path.Combine(folder, location));
                }
                catch (Exception ex) when (ex is ArgumentException || ex is NotSupportedException || ex is PathTooLongException)
                {
                    located.Add((location, null, "is no usable path: " + ex.Message));
                    continue;
                }

                if (!PathContainment.IsLexicallyInside(folder, full) || string.Equals(full, folder, PathContainment.Comparison))
                {
                    located.Add((location, null, "lies outside the model's folder"));
                }
                else if (seen.Add(full))
                {
                    located.Add((location, full, null));
                }
            }

            return located;
        }

        /// <summary>
        /// No root, no drive, no '..' segment and no character a file name cannot hold: the model names a file of its folder,
        /// which every host reads the same way.
        /// </summary>
        private static bool IsPlainRelative(string location)
        {
            if (location.Length == 0 || location.IndexOfAny(Path.GetInvalidPathChars()) >= 0 || location.IndexOfAny(new[] { '*', '?', ':', '\0' }) >= 0
                || location.StartsWith("/", StringComparison.Ordinal) || location.StartsWith("\\", StringComparison.Ordinal))
            {
                return false;
            }

            foreach (var segment in location.Split('/', '\\'))
            {
                if (segment == "..")
                {
                    return false;
                }
            }

            return true;
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
