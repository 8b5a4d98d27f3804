using Integration.Activities.ApiCalls;
using Integration.Activities.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Retry;

namespace Integration.Activities.Connectors;

/// <summary>The one way a vendor client is registered, shared by the composition and the ERP registration.</summary>
internal static class ConnectorRegistration
{
    /// <summary>
    /// Set (true) on a request the pipeline must not send again: a write the vendor cannot recognise as a repeat
    /// (Shopify fulfillmentCreate), where a 5xx may follow a write that happened. The caller's own read-first retry decides.
    /// </summary>
    public static readonly HttpRequestOptionsKey<bool> NotRetriedKey = new("Integration.NotRetried");

    /// <summary>A typed client with the resilience pipeline outside and the call log inside, so every attempt is logged.</summary>
    public static IHttpClientBuilder AddConnector<TClient>(
        this IServiceCollection services, string system, IConfiguration configuration, Action<HttpStandardResilienceOptions>? vendorSpecific = null)
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
            Func<RetryPredicateArguments<HttpResponseMessage>, ValueTask<bool>> retryable = o.Retry.ShouldHandle;
            o.Retry.ShouldHandle = args =>
                args.Context.GetRequestMessage() is { } sent && sent.Options.TryGetValue(NotRetriedKey, out bool notRetried) && notRetried
                    ? ValueTask.FromResult(false)
                    : retryable(args);
            vendorSpecific?.Invoke(o);
        });
        client.AddHttpMessageHandler(sp => new ApiCallLogHandler(sp.GetRequiredService<ApiCallLog>(), sp.GetRequiredService<TimeProvider>(), system, sp.GetService<Alerts.ConnectorHealth>()));
        return client;
    }
}
