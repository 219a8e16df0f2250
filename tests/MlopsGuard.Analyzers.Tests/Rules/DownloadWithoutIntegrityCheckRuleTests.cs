using System.Threading.Tasks;
using MlopsGuard.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = MlopsGuard.Analyzers.Tests.Verifiers.AnalyzerVerifier<MlopsGuard.Analyzers.Rules.DownloadWithoutIntegrityCheckRule>;

namespace MlopsGuard.Analyzers.Tests.Rules
{
    public class DownloadWithoutIntegrityCheckRuleTests
    {
        [Theory]
        [InlineData(@"var bytes = await {|MLG2003:http.GetByteArrayAsync(Url)|};
        File.WriteAllBytes(""models/heart.zip"", bytes);
        var model = ml.Model.Load(""models/heart.zip"", out var schema);")]
        [InlineData(@"using var stream = await {|MLG2003:http.GetStreamAsync(Url)|};
        var model = ml.Model.Load(stream, out var schema);")]
        [InlineData(@"var bytes = await {|MLG2003:http.GetByteArrayAsync(Url)|}.ConfigureAwait(false);
        var model = ml.Model.Load(new MemoryStream(bytes), out var schema);")]
        [InlineData(@"using var response = await {|MLG2003:http.GetAsync(Url)|};
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        await using (var file = File.Create(""data/heart.csv"")) { await body.CopyToAsync(file); }
        var data = ml.Data.LoadFromTextFile<HeartData>(""data/heart.csv"", separatorChar: ',');")]
        [InlineData(@"const string Local = ""data/heart.csv""; var path = Local;
        #pragma warning disable SYSLIB0014
        using var client = new System.Net.WebClient();
        {|MLG2003:client.DownloadFile(Url, path)|};
        var data = ml.Data.LoadFromTextFile<HeartData>(Local);")]
        public async Task Flags_downloads_loaded_without_a_hash(string statements)
        {
            await Verify.VerifyAsync(Program(statements));
        }

        [Fact]
        public async Task Flags_an_onnx_model_from_bytes()
        {
            await Verify.VerifyAsync(@"
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.ML.OnnxRuntime;

public static class ModelSource
{
    public static async Task<InferenceSession> OpenAsync(HttpClient http) =>
        new InferenceSession(await {|MLG2003:http.GetByteArrayAsync(""https://models.example.com/resnet.onnx"")|});
}", MlReferences.MlNetAndOnnxRuntime);
        }

        [Theory]
        [InlineData(@"var bytes = await http.GetByteArrayAsync(Url);
        if (Convert.ToHexString(SHA256.HashData(bytes)) != ExpectedSha256) throw new InvalidDataException(""hash mismatch"");
        var model = ml.Model.Load(new MemoryStream(bytes), out var schema);")]
        [InlineData(@"var bytes = await http.GetByteArrayAsync(Url);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256); hash.AppendData(bytes);
        if (!CryptographicOperations.FixedTimeEquals(hash.GetHashAndReset(), Convert.FromHexString(ExpectedSha256))) throw new InvalidDataException();
        var model = ml.Model.Load(new MemoryStream(bytes), out var schema);")]
        [InlineData(@"var bytes = await http.GetByteArrayAsync(Url);
        VerifySha256(bytes);
        var model = ml.Model.Load(new MemoryStream(bytes), out var schema);")]
        [InlineData(@"var bytes = await http.GetByteArrayAsync(Url);
        File.WriteAllBytes(""cache/page.html"", bytes);
        var model = ml.Model.Load(""models/heart.zip"", out var schema);")]
        [InlineData(@"var text = await http.GetStringAsync(Url); Console.WriteLine(text);
        var data = ml.Data.LoadFromTextFile<HeartData>(""data/heart.csv"");")]
        [InlineData(@"var bytes = await http.GetByteArrayAsync(Url); await File.WriteAllBytesAsync(""models/heart.zip"", bytes);")]
        public async Task Ignores_checked_or_unrelated_downloads(string statements)
        {
            await Verify.VerifyAsync(Program(statements));
        }

        [Fact]
        public async Task Ignores_a_download_loaded_in_another_method()
        {
            await Verify.VerifyAsync(MlNetPrograms.Types.Replace("using System;", "using System;\nusing System.Threading.Tasks;") + @"
public static class Cache
{
    public static async Task FetchAsync(System.Net.Http.HttpClient http, string path) =>
        await File.WriteAllBytesAsync(path, await http.GetByteArrayAsync(""https://example.com/heart.csv""));

    public static IDataView Load(MLContext ml, string path) => ml.Data.LoadFromTextFile<HeartData>(path);
}");
        }

        [Fact]
        public async Task Flags_an_archive_extracted_and_loaded()
        {
            await Verify.VerifyAsync(MlNetPrograms.Types.Replace("using System;", "using System;\nusing System.IO.Compression;") + @"
public static class Program
{
    private static readonly string AppPath = AppContext.BaseDirectory;
    private static string DataFolder => Path.Combine(AppPath, ""Data"", ""heart"");
    private static string TrainPath => Path.Combine(AppPath, ""Data"", ""heart"", ""train.csv"");

    public static void Main()
    {
        if (!File.Exists(TrainPath))
        {
#pragma warning disable SYSLIB0014
            using (var client = new System.Net.WebClient())
            {
                {|MLG2003:client.DownloadFile(""https://example.org/heart.zip"", ""heart.zip"")|};
            }

            ZipFile.ExtractToDirectory(""heart.zip"", DataFolder);
        }

        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromTextFile<HeartData>(TrainPath, hasHeader: true);
    }
}");
        }

        [Fact]
        public async Task Flags_a_helper_that_downloads_into_paths_the_program_then_loads()
        {
            await Verify.VerifyAsync(MlNetPrograms.Types + @"
public static class Program
{
    private static readonly string TrainPath = Path.Combine(""Data"", ""train.tsv"");
    private static readonly string TestPath = Path.Combine(""Data"", ""test.tsv"");

    private static void Prepare(string trainUrl, string testUrl, string testPath)
    {
#pragma warning disable SYSLIB0014
        using var client = new System.Net.WebClient();
        {|MLG2003:client.DownloadFile(trainUrl, TrainPath)|};
        {|MLG2003:client.DownloadFile(testUrl, testPath)|};
    }

    public static void Main()
    {
        Prepare(""https://example.org/train.tsv"", ""https://example.org/test.tsv"", TestPath);
        var ml = new MLContext(seed: 1);
        var train = ml.Data.LoadFromTextFile<HeartData>(TrainPath);
        var test = ml.Data.LoadFromTextFile<HeartData>(TestPath);
    }
}");
        }

        [Fact]
        public async Task Flags_a_model_downloaded_from_cloud_storage()
        {
            // The storage SDKs' shapes, with their real namespaces and parameter names.
            await Verify.VerifyAsync(MlNetPrograms.Types + @"
namespace Azure.Storage.Blobs
{
    public class BlobClient
    {
        public BlobClient(System.Uri blobUri) { }
        public object DownloadTo(string path) => null!;
        public object DownloadTo(System.IO.Stream destination) => null!;
    }
}

namespace Amazon.S3.Transfer
{
    public class TransferUtility
    {
        public void Download(string filePath, string bucketName, string key) { }
    }
}

public static class Program
{
    public static void Main()
    {
        var ml = new MLContext(seed: 1);
        var blob = new Azure.Storage.Blobs.BlobClient(new Uri(""https://account.blob.core.windows.net/models/heart.zip""));
        {|MLG2003:blob.DownloadTo(""models/heart.zip"")|};
        var model = ml.Model.Load(""models/heart.zip"", out var schema);

        using (var file = File.Create(""data/heart.csv""))
        {
            {|MLG2003:blob.DownloadTo(file)|};
        }

        new Amazon.S3.Transfer.TransferUtility().Download(""data/other.csv"", ""bucket"", ""other.csv"");
        var data = ml.Data.LoadFromTextFile<HeartData>(""data/heart.csv"");
    }
}");
        }

        [Fact]
        public async Task Ignores_a_helper_download_whose_loader_checks_the_hash()
        {
            await Verify.VerifyAsync(MlNetPrograms.Types + @"
public static class Program
{
    private static readonly string TrainPath = Path.Combine(""Data"", ""train.tsv"");

    private static void Prepare(string url)
    {
#pragma warning disable SYSLIB0014
        using var client = new System.Net.WebClient();
        client.DownloadFile(url, TrainPath);
    }

    public static void Main()
    {
        Prepare(""https://example.org/train.tsv"");
        using (var sha = System.Security.Cryptography.SHA256.Create())
        {
            var hash = Convert.ToHexString(sha.ComputeHash(File.ReadAllBytes(TrainPath)));
            if (hash != ""00"") throw new InvalidDataException(""train.tsv changed"");
        }

        var ml = new MLContext(seed: 1);
        var train = ml.Data.LoadFromTextFile<HeartData>(TrainPath);
    }
}");
        }

        [Fact]
        public async Task Registers_nothing_without_an_ML_library()
        {
            await Verify.VerifyAsync(@"
using System.Net.Http;
using System.Threading.Tasks;
class C { async Task<byte[]> M(HttpClient h) => await h.GetByteArrayAsync(""https://example.com""); }", MlReferences.NoMl);
        }

        private static string Program(string statements) => MlNetPrograms.Types.Replace("using System;", @"using System;
using System.Net.Http;
using System.Security.Cryptography;
using System.Threading.Tasks;") + @"
public static class Program
{
    private const string Url = ""https://models.example.com/heart.zip"";
    private const string ExpectedSha256 = ""00"";

    private static void VerifySha256(byte[] bytes) { }

    public static async Task Main()
    {
        var ml = new MLContext(seed: 1);
        using var http = new HttpClient();
        " + statements + @"
    }
}";
    }
}
