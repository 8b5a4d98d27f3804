using Integration.Activities.ApiCalls;
using Integration.Activities.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;

namespace Integration.Activities.Connectors;

/// <summary>The one way a vendor client is registered, shared by the composition and the ERP registration.</summary>
internal static class ConnectorRegistration
{
    /// <summary>A typed client with the resilience pipeline outside and the call log inside, so every attempt is logged.</summary>
    public static IHttpClientBuilder AddConnector<TClient>(this IServiceCollection services, string system, IConfiguration configuration)
        where TClient : class
    {
        ConnectorResilienceOptions r = configuration.GetSection(ConnectorResilienceOptions.Section).Get<ConnectorResilienceOptions>() ?? new();
        IHttpClientBuilder client = services.AddHttpClient<TClient>();
        client.AddStandardResilienceHandler(o =>
        {
            o.AttemptTimeout.Timeout = TimeSpan.FromSeconds(r.AttemptTimeoutSeconds);
            o.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(r.TotalTimeoutSeconds);
            o.Retry.MaxRetryAttempts = r.MaxRetryAttempts;
            o.Retry.Delay = TimeSpan.FromMilliseconds(r.RetryBaseDelayMilliseconds);
            o.Retry.UseJitter = true;
            o.Retry.ShouldRetryAfterHeader = true;
            o.CircuitBreaker.FailureRatio = r.CircuitBreakerFailureRatio;
            o.CircuitBreaker.MinimumThroughput = r.CircuitBreakerMinimumThroughput;
            o.CircuitBreaker.BreakDuration = TimeSpan.FromSeconds(r.CircuitBreakerBreakSeconds);
            o.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(Math.Max(30, r.AttemptTimeoutSeconds * 2));
        });
        client.AddHttpMessageHandler(sp => new ApiCallLogHandler(sp.GetRequiredService<ApiCallLog>(), sp.GetRequiredService<TimeProvider>(), system, sp.GetService<Alerts.ConnectorHealth>()));
        return client;
    }
}
