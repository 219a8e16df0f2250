using System.Threading.Tasks;
using MlopsGuard.Analyzers.Infrastructure;
using MlopsGuard.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = MlopsGuard.Analyzers.Tests.Verifiers.AnalyzerVerifier<MlopsGuard.Analyzers.Rules.SecretInDataAccessRule>;

namespace MlopsGuard.Analyzers.Tests.Rules
{
    public class SecretInDataAccessRuleTests
    {
        /// <summary>Azure.Storage stand-ins with the real names (the SDK is not needed to recognize them).</summary>
        private const string Storage = @"
namespace Azure.Storage
{
    public sealed class StorageSharedKeyCredential { public StorageSharedKeyCredential(string accountName, string accountKey) { } }
}

namespace Azure.Storage.Blobs
{
    public sealed class BlobServiceClient
    {
        public BlobServiceClient(string connectionString) { }
        public BlobServiceClient(System.Uri serviceUri, Azure.Storage.StorageSharedKeyCredential credential) { }
    }
}
";

        [Fact]
        public async Task Flags_secrets_reaching_connection_strings_and_ml_net_database_sources()
        {
            await Verify.VerifyAsync(@"
using System.Data.Common;
using Microsoft.ML;
using Microsoft.ML.Data;

public sealed class HouseData { public float Size { get; set; } public float Price { get; set; } }

public static class Data
{
    private const string Connection = ""Server=db;Database=houses;User Id=ml;Password=Sup3rS3cret!"";

    public static IDataView Load(MLContext ml, DbProviderFactory factory)
    {
        var builder = new DbConnectionStringBuilder();
        builder.ConnectionString = {|MLG1001:Connection|};
        var source = new DatabaseSource(factory, {|MLG1001:Connection|}, ""SELECT Size, Price FROM Houses"");
        var password = ""Password=hunter22"";
        var connection = ""Server=db;"" + password;
        var other = new DatabaseSource(factory, {|MLG1001:connection|}, ""SELECT Size, Price FROM Houses"");
        return ml.Data.CreateDatabaseLoader<HouseData>().Load(source);
    }
}");
        }

        [Fact]
        public async Task Flags_secrets_reaching_http_and_storage_clients()
        {
            await Verify.VerifyAsync(@"
using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;
using Azure.Storage;
using Azure.Storage.Blobs;
using Microsoft.ML;

public static class ModelDownload
{
    public static async Task<byte[]> Fetch(HttpClient http)
    {
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(""Bearer"", {|MLG1001:""eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtbCJ9""|});
        http.DefaultRequestHeaders.Add(""Authorization"", {|MLG1001:""Bearer eyJhbGciOiJIUzI1NiJ9.payload""|});
        var blobs = new BlobServiceClient({|MLG1001:""DefaultEndpointsProtocol=https;AccountName=models;AccountKey=bXlrZXk=;EndpointSuffix=core.windows.net""|});
        var keyed = new BlobServiceClient(new Uri(""https://models.blob.core.windows.net""), new StorageSharedKeyCredential(""models"", {|MLG1001:""bXlrZXlteWtleW15a2V5bXlrZXk=""|}));
        return await http.GetByteArrayAsync({|MLG1001:""https://models.blob.core.windows.net/m/model.zip?sv=2022-11-02&sr=b&sig=AbCdEf123%3D""|});
    }
}
" + Storage);
        }

        [Fact]
        public async Task Ignores_secrets_from_configuration_and_placeholders()
        {
            await Verify.VerifyAsync(@"
using System;
using System.Data.Common;
using System.Net.Http;
using System.Net.Http.Headers;
using Azure.Storage.Blobs;
using Microsoft.ML;
using Microsoft.ML.Data;

public static class Data
{
    public static void Load(MLContext ml, DbProviderFactory factory, HttpClient http, string password, string token)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(""DB_CONNECTION"")!;
        var source = new DatabaseSource(factory, fromEnvironment, ""SELECT 1"");
        var built = new DatabaseSource(factory, $""Server=db;User Id=ml;Password={password}"", ""SELECT 1"");
        var concatenated = new DatabaseSource(factory, ""Server=db;Password="" + password, ""SELECT 1"");
        var template = new DatabaseSource(factory, ""Server=db;Password={0}"", ""SELECT 1"");
        var integrated = new DatabaseSource(factory, ""Server=db;Integrated Security=true"", ""SELECT 1"");
        var builder = new DbConnectionStringBuilder { ConnectionString = ""Server=db;Password=;"" };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(""Bearer"", token);
        http.DefaultRequestHeaders.Add(""Authorization"", ""Bearer "" + token);
        var blobs = new BlobServiceClient(""UseDevelopmentStorage=true"");
        var uri = new Uri(""https://example.org/design?signature=none"");
        Console.WriteLine(""Password=hunter22 is a bad password"");
    }
}
" + Storage);
        }

        [Fact]
        public async Task Ignores_secret_like_text_outside_data_access()
        {
            await Verify.VerifyAsync(@"
using System;
using System.Data.Common;
using System.Net.Http;
using Microsoft.ML;
using Microsoft.ML.Data;

public static class Diagnostics
{
    public static void Report(DbProviderFactory factory, HttpClient http, string connectionString)
    {
        Console.WriteLine(""Set Password=<value> in the connection string"");
        var hint = ""Password=hunter22"";
        Console.Error.WriteLine(hint);
        var source = new DatabaseSource(factory, connectionString, ""SELECT Name, Password FROM Users WHERE Password = @p"");
        var healthy = http.GetAsync(""https://models.example.org/health?signature=false"");
        if (connectionString.Length == 0)
        {
            throw new InvalidOperationException(""Bearer eyJhbGciOiJIUzI1NiJ9 is not accepted here"");
        }
    }
}");
        }

        [Theory]
        [InlineData("Server=db;Password=hunter22", "password")]
        [InlineData("AccountName=a;AccountKey=abc123==", "storage account key")]
        [InlineData("SharedAccessSignature=sv=2020&sig=x", "shared access signature")]
        [InlineData("https://a.blob.core.windows.net/c?sv=1&sig=abc", "shared access signature")]
        [InlineData("Bearer abcdefghijkl", "bearer token")]
        [InlineData("Password=", null)]
        [InlineData("Password={0}", null)]
        [InlineData("Password=<your password>", null)]
        [InlineData("design?signature=abc", null)]
        [InlineData("Bearer ", null)]
        [InlineData("Bearer short", null)]
        public void Finds_secret_text(string text, string? kind)
        {
            Assert.Equal(kind, SecretLiterals.Find(text));
        }
    }
}
