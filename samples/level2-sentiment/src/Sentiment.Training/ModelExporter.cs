using System.IO.Compression;
using Microsoft.ML;

namespace Sentiment.Training;

/// <summary>Saves a model together with the schema of the data it was trained on, byte for byte reproducibly.</summary>
public sealed class ModelExporter
{
    /// <summary>The timestamp every entry gets: ML.NET stamps entries with the wall clock, which would change the model's hash on every run.</summary>
    private static readonly DateTimeOffset FixedTimestamp = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly MLContext _ml;

    public ModelExporter(MLContext ml) => _ml = ml;

    public void Save(ITransformer model, DataViewSchema inputSchema, string path)
    {
        using var saved = new MemoryStream();
        _ml.Model.Save(model, inputSchema, saved);
        saved.Position = 0;

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".tmp";
        using (var source = new ZipArchive(saved, ZipArchiveMode.Read))
        using (var target = new ZipArchive(File.Create(temporary), ZipArchiveMode.Create))
        {
            foreach (var entry in source.Entries.OrderBy(e => e.FullName, StringComparer.Ordinal))
            {
                var copy = target.CreateEntry(entry.FullName, CompressionLevel.Optimal);
                copy.LastWriteTime = FixedTimestamp;
                using var from = entry.Open();
                using var to = copy.Open();
                from.CopyTo(to);
            }
        }

        File.Move(temporary, path, overwrite: true);
    }
}
