using Microsoft.ML;
using Sentiment.Model;

namespace Sentiment.Training;

/// <summary>Loads labelled comments (tab-separated, header `Sentiment<TAB>SentimentText`).</summary>
public sealed class CommentData
{
    private readonly MLContext _ml;

    public CommentData(MLContext ml) => _ml = ml;

    public IDataView Load(string path) =>
        _ml.Data.LoadFromTextFile<SentimentInput>(path, separatorChar: '\t', hasHeader: true, allowQuoting: true);
}
