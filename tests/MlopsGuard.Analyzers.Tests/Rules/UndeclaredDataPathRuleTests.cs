using System.Threading.Tasks;
using MlopsGuard.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = MlopsGuard.Analyzers.Tests.Verifiers.AnalyzerVerifier<MlopsGuard.Analyzers.Rules.UndeclaredDataPathRule>;

namespace MlopsGuard.Analyzers.Tests.Rules
{
    public class UndeclaredDataPathRuleTests
    {
        internal static readonly (string Path, string Content) Artifacts = (
            "/src/heart/obj/MlopsGuard.Artifacts.txt",
            "# MlopsGuard declared artifacts\nroot\t/src/heart\ndata\tdata/train.csv\ndata\tdata/extra/\nmodel\tmodels/heart.zip\tname=heart\n");

        [Theory]
        [InlineData(@"var d = ml.Data.LoadFromTextFile<HeartData>({|MLG2001:""data/test.csv""|}, separatorChar: ',');")]
        [InlineData(@"var d = ml.Data.LoadFromBinary({|MLG2001:""data/train.idv""|});")]
        [InlineData(@"const string File = ""data/other.csv""; var d = ml.Data.LoadFromTextFile<HeartData>({|MLG2001:File|});")]
        [InlineData(@"var d = ml.Data.LoadFromTextFile<HeartData>({|MLG2001:Path.Combine(AppContext.BaseDirectory, ""data"", ""test.csv"")|});")]
        [InlineData(@"var d = ml.Data.LoadFromTextFile<HeartData>({|MLG2001:Path.Combine(""data"", nameof(HeartData) + "".csv"")|});")]
        [InlineData(@"var d = ml.Data.LoadFromEnumerable({|MLG2001:File.ReadLines(""data/rows.csv"").Select(Parse)|});")]
        [InlineData(@"var d = ml.Data.LoadFromTextFile<HeartData>({|MLG2001:""models/heart.zip""|});")]
        public async Task Flags_undeclared_data_literals(string statements)
        {
            await Verify.VerifyAsync(Program(statements), Artifacts);
        }

        [Theory]
        [InlineData(@"var d = ml.Data.LoadFromTextFile<HeartData>(""data/train.csv"", separatorChar: ',');")]
        [InlineData(@"var d = ml.Data.LoadFromTextFile<HeartData>(@""data\train.csv"");")]
        [InlineData(@"var d = ml.Data.LoadFromTextFile<HeartData>(""../../../data/train.csv"");")]
        [InlineData(@"var d = ml.Data.LoadFromTextFile<HeartData>(Path.Combine(AppContext.BaseDirectory, ""data"", ""train.csv""));")]
        [InlineData(@"var d = ml.Data.LoadFromTextFile<HeartData>(""data/extra/2024.csv"");")]
        [InlineData(@"var d = ml.Data.LoadFromTextFile<HeartData>(""/src/heart/data/train.csv"");")]
        [InlineData(@"var d = ml.Data.LoadFromTextFile<HeartData>(@""C:\elsewhere\heart.csv"");")]
        [InlineData(@"var d = ml.Data.LoadFromTextFile<HeartData>(Environment.GetEnvironmentVariable(""DATA"")!);")]
        [InlineData(@"var p = ""data/test.csv""; p = ""data/train.csv""; var d = ml.Data.LoadFromTextFile<HeartData>(p);")]
        [InlineData(@"var m = ml.Model.Load(""models/other.zip"", out var s); var t = File.ReadAllText(""notes/readme.txt"");")]
        public async Task Ignores_declared_unknown_or_non_data_paths(string statements)
        {
            await Verify.VerifyAsync(Program(statements), Artifacts);
        }

        [Fact]
        public async Task Suggests_the_project_relative_item()
        {
            await Verify.VerifyAsync(
                Program(@"var a = ml.Data.LoadFromTextFile<HeartData>({|#0:""../../../data/test.csv""|}); var b = ml.Data.LoadFromTextFile<HeartData>({|#1:@""/src/heart/data\valid.csv""|});"),
                Artifacts,
                null,
                Microsoft.CodeAnalysis.Testing.DiagnosticResult.CompilerWarning("MLG2001").WithLocation(0).WithArguments("data/test.csv"),
                Microsoft.CodeAnalysis.Testing.DiagnosticResult.CompilerWarning("MLG2001").WithLocation(1).WithArguments("data/valid.csv"));
        }

        [Fact]
        public async Task Registers_nothing_without_the_artifacts_file()
        {
            await Verify.VerifyAsync(Program(@"var d = ml.Data.LoadFromTextFile<HeartData>(""data/test.csv"");"));
        }

        [Fact]
        public async Task Follows_static_readonly_fields_and_path_helpers()
        {
            await Verify.VerifyAsync(MlNetPrograms.Types + @"
public static class Program
{
    private static readonly string BaseRelativePath = @""../../../data"";
    private static readonly string TestRelativePath = $""{BaseRelativePath}/test.csv"";
    private static readonly string TestPath = GetAbsolutePath(TestRelativePath);

    public static void Main()
    {
        var ml = new MLContext(seed: 1);
        var test = ml.Data.LoadFromTextFile<HeartData>({|MLG2001:TestPath|});
    }

    public static string GetAbsolutePath(string relativePath) => Path.Combine(AppContext.BaseDirectory, relativePath);
}", Artifacts);
        }

        [Fact]
        public async Task Ignores_files_the_program_produces_before_loading_them()
        {
            await Verify.VerifyAsync(MlNetPrograms.Types + @"
public static class Program
{
    private static readonly string Downloaded = Path.Combine(""data"", ""downloaded.csv"");

    public static void Main()
    {
        var ml = new MLContext(seed: 1);
        var split = Path.Combine(""data"", ""split.csv"");
        Prepare(""data/train.csv"", split);
        var prepared = ml.Data.LoadFromTextFile<HeartData>(split);

        Fetch(""https://example.org/heart.csv"", Downloaded);
        var fetched = ml.Data.LoadFromTextFile<HeartData>(Downloaded);
    }

    private static void Prepare(string source, string target) => File.Copy(source, target);

    public static void Binary(MLContext ml, IDataView data)
    {
        using (var stream = new FileStream(""./heart.idv"", FileMode.Create))
        {
            ml.Data.SaveAsBinary(data, stream);
        }

        var binary = ml.Data.LoadFromBinary(""./heart.idv"");
    }

    private static void Fetch(string url, string target) { }
}", Artifacts);
        }

        [Fact]
        public async Task Ignores_paths_from_parameters()
        {
            await Verify.VerifyAsync(
                MlNetPrograms.Types + "public static class L { public static IDataView Load(MLContext ml, string path) => ml.Data.LoadFromTextFile<HeartData>(path); }",
                Artifacts);
        }

        internal static string Program(string statements) => MlNetPrograms.Types + @"
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
