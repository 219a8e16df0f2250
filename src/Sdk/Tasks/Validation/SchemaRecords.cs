using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace MlopsGuard.Tasks.Validation
{
    /// <summary>
    /// The real inputs and outputs of validated models as records of the analyzers' artifacts file
    /// (docs/artifacts-file.md): <c>schema TAB model TAB input|output TAB name TAB type TAB [shape]</c>.
    /// </summary>
    internal static class SchemaRecords
    {
        public static string Write(IEnumerable<ValidatedModel> models)
        {
            var builder = new StringBuilder();
            foreach (var model in models.OrderBy(m => m.Name, System.StringComparer.Ordinal))
            {
                Append(builder, model.Name, "input", model.Description?.Inputs);
                Append(builder, model.Name, "output", model.Description?.Outputs);
            }

            return builder.ToString();
        }

        private static void Append(StringBuilder builder, string model, string role, IReadOnlyList<ModelTensor>? tensors)
        {
            foreach (var tensor in tensors ?? Enumerable.Empty<ModelTensor>())
            {
                builder.Append("schema\t").Append(Field(model)).Append('\t').Append(role).Append('\t')
                       .Append(Field(tensor.Name)).Append('\t').Append(Field(tensor.Type)).Append('\t')
                       .Append(tensor.HasShape ? Field(tensor.ShapeText) : "*").Append('\n');
            }
        }

        /// <summary>A tab or line break inside a name would break the record: replace it.</summary>
        private static string Field(string text) => text.Replace('\t', ' ').Replace('\r', ' ').Replace('\n', ' ');
    }
}
