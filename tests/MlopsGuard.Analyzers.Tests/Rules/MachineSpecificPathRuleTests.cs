using System.Threading.Tasks;
using MlopsGuard.Analyzers.Rules;
using MlopsGuard.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = MlopsGuard.Analyzers.Tests.Verifiers.AnalyzerVerifier<MlopsGuard.Analyzers.Rules.MachineSpecificPathRule>;

namespace MlopsGuard.Analyzers.Tests.Rules
{
    public class MachineSpecificPathRuleTests
    {
        [Theory]
        [InlineData(@"var data = ml.Data.LoadFromTextFile<HeartData>({|MLG2002:@""C:\Users\ana\heart.csv""|}, separatorChar: ',');")]
        [InlineData(@"var data = ml.Data.LoadFromTextFile<HeartData>({|MLG2002:""/home/ana/data/heart.csv""|});")]
        [InlineData(@"var data = ml.Data.LoadFromBinary({|MLG2002:""/Users/ana/heart.idv""|});")]
        [InlineData(@"var data = ml.Data.LoadFromTextFile<HeartData>({|MLG2002:""~/data/heart.csv""|});")]
        [InlineData(@"var data = ml.Data.LoadFromTextFile<HeartData>({|MLG2002:@""\\fileserver\ml\heart.csv""|});")]
        [InlineData(@"const string DataDir = @""D:\datasets""; var data = ml.Data.LoadFromTextFile<HeartData>({|MLG2002:Path.Combine(DataDir, ""heart.csv"")|});")]
        [InlineData(@"var file = ""/home/ana/heart.csv""; var data = ml.Data.LoadFromTextFile<HeartData>({|MLG2002:file|});")]
        [InlineData(@"var name = Guid.NewGuid().ToString(); var data = ml.Data.LoadFromTextFile<HeartData>({|MLG2002:$@""C:\data\{name}.csv""|});")]
        [InlineData(@"var data = ml.Data.LoadFromTextFile<HeartData>({|MLG2002:Path.Combine(AppContext.BaseDirectory, ""/Users/ana/heart.csv"")|});")]
        [InlineData(@"var model = ml.Model.Load({|MLG2002:@""C:\models\heart.zip""|}, out var schema);")]
        [InlineData(@"var model = ml.Model.Load(AppContext.BaseDirectory + ""m.zip"", out var s); ml.Model.Save(model, s, {|MLG2002:""/home/ana/model.zip""|});")]
        [InlineData(@"using var stream = File.OpenRead(@""C:\models\heart.zip""); var model = ml.Model.Load({|MLG2002:stream|}, out var schema);")]
        [InlineData(@"var rows = ml.Data.LoadFromEnumerable({|MLG2002:File.ReadLines(""/home/ana/heart.csv"").Skip(1).Select(Parse)|});")]
        public async Task Flags_machine_specific_data_and_model_paths(string statements)
        {
            await Verify.VerifyAsync(Program(statements));
        }

        [Fact]
        public async Task Flags_an_onnx_model_path()
        {
            await Verify.VerifyAsync(@"
using Microsoft.ML.OnnxRuntime;

public static class Scorer
{
    public static InferenceSession Open() => new InferenceSession({|MLG2002:@""C:\models\resnet.onnx""|});
    public static InferenceSession FromBytes() => new InferenceSession({|MLG2002:System.IO.File.ReadAllBytes(""/home/ana/resnet.onnx"")|});
}", MlReferences.MlNetAndOnnxRuntime);
        }

        [Fact]
        public async Task Flags_TorchSharp_module_files_and_ignores_portable_ones()
        {
            await Verify.VerifyAsync(@"
using System;
using System.IO;
using TorchSharp;
using static TorchSharp.torch;

public static class Net
{
    public static void Run()
    {
        var model = nn.Linear(4, 2);
        model.save({|MLG2002:@""C:\models\net.dat""|});
        model.load({|MLG2002:""/home/ana/net.dat""|});
        using var writer = new BinaryWriter(File.Create(""~/net.bin""));
        model.save({|MLG2002:writer|});
        model.save(Path.Combine(AppContext.BaseDirectory, ""models"", ""net.dat""));
        model.load(""models/net.dat"");
    }
}", TorchSharpReferences);
        }

        internal static readonly Microsoft.CodeAnalysis.Testing.ReferenceAssemblies TorchSharpReferences =
            Microsoft.CodeAnalysis.Testing.ReferenceAssemblies.Net.Net80.AddPackages(
                System.Collections.Immutable.ImmutableArray.Create(new Microsoft.CodeAnalysis.Testing.PackageIdentity("TorchSharp", "0.107.0")));

        [Theory]
        [InlineData(@"var data = ml.Data.LoadFromTextFile<HeartData>(""data/heart.csv"", separatorChar: ',');")]
        [InlineData(@"var data = ml.Data.LoadFromTextFile<HeartData>(Path.Combine(AppContext.BaseDirectory, ""data"", ""heart.csv""));")]
        [InlineData(@"var data = ml.Data.LoadFromTextFile<HeartData>(Path.Combine(Environment.CurrentDirectory, ""data/heart.csv""));")]
        [InlineData(@"var data = ml.Data.LoadFromTextFile<HeartData>(""../../../data/heart.csv"");")]
        [InlineData(@"var data = ml.Data.LoadFromTextFile<HeartData>(Environment.GetEnvironmentVariable(""HEART_DATA"") ?? ""data/heart.csv"");")]
        [InlineData(@"var p = @""C:\tmp\x.csv""; p = ""data/heart.csv""; var data = ml.Data.LoadFromTextFile<HeartData>(p);")]
        [InlineData(@"var model = ml.Model.Load(Path.Combine(AppContext.BaseDirectory, ""models"", ""heart.zip""), out var schema);")]
        [InlineData(@"Console.WriteLine(@""C:\Users\ana\notes.txt""); var text = File.ReadAllText(""/home/ana/notes.txt"");")]
        [InlineData(@"var data = ml.Data.LoadFromTextFile<HeartData>(""/data/heart.csv"");")]
        [InlineData(@"ml.Model.Save(ml.Model.Load(""/app/models/heart.zip"", out var s), s, ""/app/models/copy.zip"");")]
        [InlineData(@"var args = Environment.GetCommandLineArgs(); var data = ml.Data.LoadFromTextFile<HeartData>(Path.Combine(args[1], ""heart.csv""));")]
        [InlineData(@"var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile); Console.WriteLine(Path.Combine(home, ""notes""));")]
        [InlineData(@"using var stream = new MemoryStream(); var model = ml.Model.Load(stream, out var schema);")]
        public async Task Ignores_portable_paths_and_non_ML_files(string statements)
        {
            await Verify.VerifyAsync(Program(statements));
        }

        [Fact]
        public async Task Flags_a_machine_path_in_a_settings_object_that_reaches_a_session()
        {
            await Verify.VerifyAsync(@"
using Microsoft.ML.OnnxRuntime;

public sealed class DetectorSettings
{
    public string ModelPath { get; set; } = @""C:\Users\ana\models\yolo.onnx"";
    public string LabelsPath { get; set; } = ""labels.txt"";
}

public sealed class Detector
{
    private readonly InferenceSession _session;

    public Detector(DetectorSettings settings) => _session = new InferenceSession({|MLG2002:settings.ModelPath|});

    public static InferenceSession Create()
    {
        var settings = new DetectorSettings { ModelPath = @""D:\models\tiny.onnx"" };
        return new InferenceSession({|MLG2002:settings.ModelPath|});
    }
}", MlReferences.MlNetAndOnnxRuntime);
        }

        [Fact]
        public async Task Ignores_paths_from_parameters_and_portable_settings()
        {
            await Verify.VerifyAsync(MlNetPrograms.Types + @"
public sealed class TrainingOptions { public string DataPath { get; set; } = ""data/heart.csv""; }

public static class Loader
{
    public static IDataView Load(MLContext ml, string path) => ml.Data.LoadFromTextFile<HeartData>(path);
    public static IDataView Load(MLContext ml, TrainingOptions options) => ml.Data.LoadFromTextFile<HeartData>(options.DataPath);
}");
        }

        [Theory]
        [InlineData(@"C:\data", true)]
        [InlineData("c:/data/x.csv", true)]
        [InlineData(@"\\server\share\x.csv", true)]
        [InlineData("~", true)]
        [InlineData("/Users/x/data.csv", true)]
        [InlineData("file:///C:/data/x.csv", true)]
        [InlineData("file:///home/ana/x.csv", true)]
        [InlineData("data/x.csv", false)]
        [InlineData("./data/x.csv", false)]
        [InlineData("/data/x.csv", false)]
        [InlineData("~data", false)]
        [InlineData("", false)]
        public void Tells_machine_specific_paths(string path, bool expected)
        {
            Assert.Equal(expected, MachineSpecificPathRule.IsMachineSpecific(path));
        }

        [Fact]
        public async Task Registers_nothing_without_an_ML_library()
        {
            await Verify.VerifyAsync(@"class C { string M() => System.IO.File.ReadAllText(@""C:\data\x.csv""); }", MlReferences.NoMl);
        }

        private static string Program(string statements) => MlNetPrograms.Types + @"
public static class Program
{
    private static HeartData Parse(string line) => new HeartData();

    public static void Main()
    {
        var ml = new MLContext(seed: 1);
        " + statements + @"
    }
}";
    }
}
