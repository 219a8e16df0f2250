namespace MlopsGuard.Analyzers.Tests.Verifiers
{
    /// <summary>
    /// Minimal declarations of hosting types (ASP.NET Core, dependency injection, logging, Microsoft.Extensions.ML, gRPC,
    /// Application Insights, object pools, hosted services) with their exact metadata names and shapes, so serving code compiles in tests without the ASP.NET
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
        public static IServiceCollection AddTransient<TService, TImplementation>(this IServiceCollection services) where TService : class where TImplementation : class, TService => services;
        public static IServiceCollection AddSingleton<TService>(this IServiceCollection services, System.Func<System.IServiceProvider, TService> factory) where TService : class => services;
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
        public Microsoft.ML.PredictionEngine<TData, TPrediction> GetPredictionEngine() => null!;
        public void ReturnPredictionEngine(Microsoft.ML.PredictionEngine<TData, TPrediction> engine) { }
    }

    // As in the package: Predict is an extension method on the pool.
    public static class PredictionEnginePoolExtensions
    {
        public static TPrediction Predict<TData, TPrediction>(this PredictionEnginePool<TData, TPrediction> pool, TData example) where TData : class where TPrediction : class, new() => new TPrediction();
        public static TPrediction Predict<TData, TPrediction>(this PredictionEnginePool<TData, TPrediction> pool, string modelName, TData example) where TData : class where TPrediction : class, new() => new TPrediction();
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

namespace Microsoft.Extensions.ObjectPool
{
    public abstract class ObjectPool<T> where T : class
    {
        public abstract T Get();
        public abstract void Return(T obj);
    }
}

namespace Microsoft.Extensions.Hosting
{
    public interface IHostedService
    {
        System.Threading.Tasks.Task StartAsync(System.Threading.CancellationToken cancellationToken);
        System.Threading.Tasks.Task StopAsync(System.Threading.CancellationToken cancellationToken);
    }

    public abstract class BackgroundService : IHostedService
    {
        protected abstract System.Threading.Tasks.Task ExecuteAsync(System.Threading.CancellationToken stoppingToken);
        public System.Threading.Tasks.Task StartAsync(System.Threading.CancellationToken cancellationToken) => ExecuteAsync(cancellationToken);
        public System.Threading.Tasks.Task StopAsync(System.Threading.CancellationToken cancellationToken) => System.Threading.Tasks.Task.CompletedTask;
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
