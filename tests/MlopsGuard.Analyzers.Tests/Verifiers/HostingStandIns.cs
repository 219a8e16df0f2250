namespace MlopsGuard.Analyzers.Tests.Verifiers
{
    /// <summary>
    /// Minimal declarations of hosting types (ASP.NET Core, dependency injection, logging, Microsoft.Extensions.ML, gRPC,
    /// Application Insights) with their exact metadata names, so serving code compiles in tests without the ASP.NET
    /// shared framework. MlopsGuard recognizes these types by metadata name only.
    /// </summary>
    public static class HostingStandIns
    {
        public const string Source = @"
namespace Microsoft.AspNetCore.Mvc
{
    public abstract class ControllerBase { }
    public abstract class Controller : ControllerBase { }
    [System.AttributeUsage(System.AttributeTargets.Class | System.AttributeTargets.Assembly)]
    public sealed class ApiControllerAttribute : System.Attribute { }
    public sealed class NonActionAttribute : System.Attribute { }
    public sealed class HttpPostAttribute : System.Attribute { public HttpPostAttribute() { } public HttpPostAttribute(string template) { } }
    public sealed class HttpGetAttribute : System.Attribute { public HttpGetAttribute() { } public HttpGetAttribute(string template) { } }
}

namespace Microsoft.AspNetCore.Routing
{
    public interface IEndpointRouteBuilder { }
}

namespace Microsoft.AspNetCore.Builder
{
    public sealed class WebApplication : Microsoft.AspNetCore.Routing.IEndpointRouteBuilder
    {
        public static WebApplication Create() => new WebApplication();
        public void Run() { }
    }

    public static class EndpointRouteBuilderExtensions
    {
        public static object MapGet(this Microsoft.AspNetCore.Routing.IEndpointRouteBuilder endpoints, string pattern, System.Delegate handler) => handler;
        public static object MapPost(this Microsoft.AspNetCore.Routing.IEndpointRouteBuilder endpoints, string pattern, System.Delegate handler) => handler;
        public static object Map(this Microsoft.AspNetCore.Routing.IEndpointRouteBuilder endpoints, string pattern, System.Delegate handler) => handler;
    }
}

namespace Microsoft.Extensions.DependencyInjection
{
    public interface IServiceCollection { }
    public static class ServiceCollectionServiceExtensions
    {
        public static IServiceCollection AddSingleton<TService>(this IServiceCollection services) where TService : class => services;
        public static IServiceCollection AddSingleton<TService, TImplementation>(this IServiceCollection services) where TService : class where TImplementation : class, TService => services;
        public static IServiceCollection AddSingleton<TService>(this IServiceCollection services, TService instance) where TService : class => services;
        public static IServiceCollection AddSingleton(this IServiceCollection services, System.Type serviceType) => services;
        public static IServiceCollection AddScoped<TService>(this IServiceCollection services) where TService : class => services;
        public static IServiceCollection AddTransient<TService>(this IServiceCollection services) where TService : class => services;
    }
}

namespace Microsoft.Extensions.Logging
{
    public interface ILogger { void Log(string message); }
    public interface ILogger<out TCategoryName> : ILogger { }
    public interface ILoggerFactory { ILogger CreateLogger(string categoryName); }
    public static class LoggerExtensions
    {
        public static void LogInformation(this ILogger logger, string message, params object[] args) { }
    }
}

namespace Microsoft.Extensions.ML
{
    public class PredictionEnginePool<TData, TPrediction> where TData : class where TPrediction : class, new()
    {
        public TPrediction Predict(TData example) => new TPrediction();
        public TPrediction Predict(string modelName, TData example) => new TPrediction();
    }

    public class PredictionEnginePoolBuilder<TData, TPrediction> where TData : class where TPrediction : class, new() { }

    public static class BuilderExtensions
    {
        public static PredictionEnginePoolBuilder<TData, TPrediction> FromFile<TData, TPrediction>(this PredictionEnginePoolBuilder<TData, TPrediction> builder, string filePath)
            where TData : class where TPrediction : class, new() => builder;
        public static PredictionEnginePoolBuilder<TData, TPrediction> FromFile<TData, TPrediction>(this PredictionEnginePoolBuilder<TData, TPrediction> builder, string modelName, string filePath, bool watchForChanges)
            where TData : class where TPrediction : class, new() => builder;
    }

    public static class ServiceCollectionExtensions
    {
        public static PredictionEnginePoolBuilder<TData, TPrediction> AddPredictionEnginePool<TData, TPrediction>(this Microsoft.Extensions.DependencyInjection.IServiceCollection services)
            where TData : class where TPrediction : class, new() => new PredictionEnginePoolBuilder<TData, TPrediction>();
    }
}

namespace Microsoft.ApplicationInsights
{
    public sealed class TelemetryClient { public void TrackEvent(string name) { } }
}

namespace Grpc.Core
{
    [System.AttributeUsage(System.AttributeTargets.Class)]
    public sealed class BindServiceMethodAttribute : System.Attribute
    {
        public BindServiceMethodAttribute(System.Type bindType, string bindMethodName) { }
    }

    public abstract class ServerCallContext { }
}
";
    }
}
