using Microsoft.ML;
using Sentiment.Model;
using Sentiment.Training;

// Usage: Sentiment.Training <repository root>. Trains on the training set, evaluates on the test set, and
// writes models/sentiment.zip and models/metrics.json. Run by the build as the MlStage "train".
var root = Path.GetFullPath(args.Length > 0 ? args[0] : Directory.GetCurrentDirectory());
var parameters = TrainingParameters.Load(Path.Combine(root, ModelFiles.Parameters));
var ml = new MLContext(seed: parameters.Seed);

var data = new CommentData(ml);
var trainingSet = data.Load(Path.Combine(root, ModelFiles.TrainingData));
var testSet = data.Load(Path.Combine(root, ModelFiles.TestData));

var model = new ModelTrainer(new PipelineFactory(ml, parameters)).Train(trainingSet);
var metrics = new ModelEvaluator(ml).Evaluate(model, testSet);

new ModelExporter(ml).Save(model, trainingSet.Schema, Path.Combine(root, ModelFiles.Model));
ModelEvaluator.WriteMetrics(metrics, Path.Combine(root, ModelFiles.Metrics));
Console.WriteLine($"Accuracy {metrics.Accuracy:F3}, AUC {metrics.AreaUnderRocCurve:F3}, F1 {metrics.F1Score:F3}");
