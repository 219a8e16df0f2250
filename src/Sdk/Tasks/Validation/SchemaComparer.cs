using System;
using System.Collections.Generic;
using System.Linq;

namespace MlopsGuard.Tasks.Validation
{
    /// <summary>
    /// Compares a declared schema with a model's real inputs or outputs (MLG4006) and names every missing, extra and
    /// mistyped tensor. Shapes are compared only when declared: a free size (-1, a name) matches any size, a model's
    /// free size matches any declared size, a leading free batch dimension of the model may be left out, and a scalar
    /// matches a one-element vector.
    /// </summary>
    internal static class SchemaComparer
    {
        /// <param name="role">"input" or "output".</param>
        public static List<string> Compare(IReadOnlyList<DeclaredTensor> declared, IReadOnlyList<ModelTensor> actual, string role)
        {
            var problems = new List<string>();
            var byName = actual.GroupBy(t => t.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            foreach (var expected in declared)
            {
                if (!byName.TryGetValue(expected.Name, out var real))
                {
                    var nearly = actual.FirstOrDefault(t => string.Equals(t.Name, expected.Name, StringComparison.OrdinalIgnoreCase));
                    var hint = nearly is not null
                        ? $"; names are case-sensitive: did you mean '{nearly.Name}'?"
                        : $"; its {role}s are: {List(actual)}";
                    problems.Add($"declared {role} '{expected.Name}' is missing from the model{hint}");
                    continue;
                }

                if (!string.Equals(expected.Type, real.Type, StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add($"{role} '{expected.Name}' is declared {expected.Type} but the model's is {real.Type}");
                }
                else if (expected.Shape is not null && real.HasShape && !ShapesAgree(expected.Shape, real.Shape))
                {
                    problems.Add($"{role} '{expected.Name}' is declared with shape {Text(expected.Shape)} but the model's is {real.ShapeText}");
                }
            }

            var declaredNames = new HashSet<string>(declared.Select(d => d.Name), StringComparer.Ordinal);
            foreach (var extra in actual.Where(t => !declaredNames.Contains(t.Name)))
            {
                problems.Add($"the model has {role} '{extra}' that is not declared");
            }

            return problems;
        }

        public static bool ShapesAgree(IReadOnlyList<ModelDimension> declared, IReadOnlyList<ModelDimension> actual)
        {
            if (Agree(declared, actual))
            {
                return true;
            }

            // The model may have a leading batch dimension the declaration leaves out.
            return actual.Count > 0 && !actual[0].IsFixed && Agree(declared, actual.Skip(1).ToList());
        }

        private static bool Agree(IReadOnlyList<ModelDimension> declared, IReadOnlyList<ModelDimension> real)
        {
            if (IsScalarLike(declared) && IsScalarLike(real))
            {
                return true;
            }

            if (real.Count != declared.Count)
            {
                return false;
            }

            for (var i = 0; i < real.Count; i++)
            {
                if (declared[i].IsFixed && real[i].IsFixed && declared[i].Size != real[i].Size)
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsScalarLike(IReadOnlyList<ModelDimension> shape) =>
            shape.Count == 0 || (shape.Count == 1 && shape[0].IsFixed && shape[0].Size == 1);

        private static string Text(IReadOnlyList<ModelDimension> shape) => "[" + string.Join(",", shape.Select(d => d.ToString())) + "]";

        private static string List(IReadOnlyList<ModelTensor> tensors) =>
            tensors.Count == 0 ? "(none)" : string.Join(", ", tensors.Take(20).Select(t => t.ToString())) + (tensors.Count > 20 ? ", …" : string.Empty);
    }
}
