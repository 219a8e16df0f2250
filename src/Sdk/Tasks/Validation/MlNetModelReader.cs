using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace MlopsGuard.Tasks.Validation
{
    /// <summary>
    /// Validates an ML.NET model zip (MLContext.Model.Save): a safe, bounded zip holding a transformer chain or a data
    /// loader model whose "Model.key" entries carry ML.NET's model header; reads the input schema when the model was
    /// saved with one, and the ML.NET version that wrote it.
    /// </summary>
    internal static class MlNetModelReader
    {
        /// <summary>The roots ML.NET saves a model under: a transformer chain, or a loader with its transforms.</summary>
        private static readonly string[] ModelRoots = { "TransformerChain/Model.key", "DataLoaderModel/Model.key" };

        private static readonly byte[] ModelHeaderSignature = Encoding.ASCII.GetBytes("ML\0MODEL");

        private const string SchemaEntry = "Schema";
        private const string VersionEntry = "TrainingInfo/Version.txt";

        public static ModelDescription Read(Stream stream, ZipLimits limits)
        {
            var entries = BoundedZipReader.Read(stream, limits, KeepContent);
            if (!entries.Any(e => ModelRoots.Contains(e.Name, StringComparer.Ordinal)))
            {
                throw new InvalidModelException(
                    "the zip has no ML.NET model entry (expected 'TransformerChain/Model.key' or 'DataLoaderModel/Model.key'): not a model saved with MLContext.Model.Save");
            }

            foreach (var entry in entries.Where(IsModelKey))
            {
                if (entry.Content is null || !entry.Content.AsSpan().StartsWith(ModelHeaderSignature))
                {
                    throw new InvalidModelException($"entry '{entry.Name}' does not start with ML.NET's model header: the model is corrupt");
                }
            }

            var description = new ModelDescription(ModelFormat.MlNet);
            description.Properties["entries"] = entries.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var version = entries.FirstOrDefault(e => e.Name == VersionEntry)?.Content;
            if (version is not null)
            {
                description.Properties["mlnet_version"] = Encoding.UTF8.GetString(version).Trim();
            }

            var schema = entries.FirstOrDefault(e => e.Name == SchemaEntry);
            if (schema?.Content is null)
            {
                description.SchemaNote = "the model was saved without an input schema (MLContext.Model.Save with a null schema), so its inputs are unknown";
            }
            else
            {
                description.Inputs = MlNetSchemaReader.Read(schema.Content);
                description.SchemaNote = "ML.NET model files store no output schema, so outputs are not checked";
            }

            return description;
        }

        private static bool KeepContent(string name) =>
            name == SchemaEntry || name == VersionEntry || name.EndsWith("Model.key", StringComparison.Ordinal);

        private static bool IsModelKey(ZipEntryContent entry) =>
            entry.Name == "Model.key" || entry.Name.EndsWith("/Model.key", StringComparison.Ordinal);
    }
}
