using System.Diagnostics;
using Integration.Activities.Configuration;
using Integration.Activities.Http;
using Integration.Activities.Queueing;
using Integration.Activities.Storage;
using Integration.Activities.Tracing;
using Integration.Activities.Webhooks.Signatures;
using Integration.Orchestrations.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integration.Activities.Webhooks;

/// <summary>
/// POST /api/v1/webhooks/{source}: size limit, signature over the raw bytes, text check, normalise, queue, 202.
/// Nothing downstream is called inline; both hosts bind their route to this one handler.
/// </summary>
public sealed partial class WebhookIngressHandler(
    IOptionsMonitor<WebhookOptions> options,
    EventQueue queue,
    ReceivedEventStore received,
    TimeProvider time,
    ILogger<WebhookIngressHandler> log)
{
    private readonly EventIntake intake = new(queue, received);

    public async Task<IResult> HandleAsync(HttpRequest request, string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        string correlationId = CorrelationIds.FromRequest(request);
        WebhookOptions settings = options.CurrentValue;

        if (!settings.Sources.TryGetValue(source ?? string.Empty, out WebhookSourceOptions? sourceOptions) ||
            WebhookSourceKinds.Find(sourceOptions.Scheme) is not { } kind)
        {
            return Problems.Create(StatusCodes.Status404NotFound, "unknown-source", "Unknown webhook source",
                $"No webhook source named '{source}' is configured.", correlationId);
        }

        // A child of the request's span (whose parent is the sender's traceparent, if it sent one); each queued envelope carries it.
        using Activity? span = IntegrationTrace.StartWebhook(source!);

        byte[]? body = await RequestBodies.ReadAtMostAsync(request, settings.MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return Problems.Create(StatusCodes.Status413PayloadTooLarge, "payload-too-large", "Payload too large",
                $"The body exceeds the limit of {settings.MaxBodyBytes} bytes.", correlationId);
        }

        WebhookRequest webhook = new(request.Method, PublicUrl(request, settings.PublicBaseUrl), HeadersOf(request), body);
        DateTimeOffset now = time.GetUtcNow();
        SecretChoice secrets = kind.SecretSource?.Choose(webhook, sourceOptions) ?? SecretChoice.Of(sourceOptions.Secrets);
        SignatureVerification verification = secrets.Failure is { } noSecret
            ? SignatureVerification.Invalid(noSecret)
            : kind.Signature.Verify(webhook, secrets.Secrets, now, TimeSpan.FromSeconds(settings.TimestampToleranceSeconds));
        if (!verification.IsValid)
        {
            LogRejected(source!, verification.Failure, correlationId);
            return Problems.Create(StatusCodes.Status401Unauthorized, "signature-invalid", "Signature verification failed",
                verification.Failure ?? "The signature does not match.", correlationId);
        }

        // Checked after the signature, which covers the raw bytes whatever they are.
        if (BodyText.FindInvalidText(body) is { } invalidText)
        {
            return Problems.Create(StatusCodes.Status400BadRequest, "payload-invalid", "Invalid webhook payload", invalidText, correlationId);
        }

        IReadOnlyList<EventEnvelope> envelopes;
        try
        {
            envelopes = [.. kind.Normaliser.Normalise(source!, sourceOptions, webhook, correlationId, now).Select(e => IntegrationTrace.WithContextOf(e, span))];
        }
        catch (WebhookPayloadException ex)
        {
            return Problems.Create(StatusCodes.Status400BadRequest, "payload-invalid", "Invalid webhook payload", ex.Message, correlationId);
        }

        // Every storage call of every event gets its own short deadline: storage that does not answer makes this a
        // 503 the sender retries, within 2 s, instead of a hang or a 500. Nothing is acknowledged before it is queued.
        bool[] duplicates;
        try
        {
            duplicates = await intake.AcceptAsync(envelopes, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageUnavailableException ex)
        {
            LogStorageUnavailable(source!, ex.Reason, correlationId);
            return Problems.StorageUnavailable(correlationId);
        }

        var accepted = envelopes.Select((e, i) => new { eventId = e.Id, type = e.Type, subject = e.Subject, duplicate = duplicates[i] }).ToList();

        LogAccepted(source!, envelopes.Count, correlationId);
        return Results.Json(
            new { eventId = envelopes[0].Id, correlationId, traceId = IntegrationTrace.TraceIdOf(span), events = accepted }, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>The URL as the sender called it: the configured public base, else the request's own.</summary>
    private static Uri PublicUrl(HttpRequest request, string? publicBaseUrl)
    {
        string pathAndQuery = request.PathBase.ToUriComponent() + request.Path.ToUriComponent() + request.QueryString.ToUriComponent();
        string origin = string.IsNullOrEmpty(publicBaseUrl)
            ? $"{request.Scheme}://{request.Host.ToUriComponent()}"
            : publicBaseUrl.TrimEnd('/');
        return new Uri(origin + pathAndQuery);
    }

    private static Dictionary<string, string> HeadersOf(HttpRequest request)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in request.Headers)
        {
            headers[header.Key] = header.Value.ToString();
        }

        return headers;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected webhook from {Source}: {Failure} ({CorrelationId})")]
    private partial void LogRejected(string source, string? failure, string correlationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answered 503 to a webhook from {Source}: storage did not answer ({Failure}) ({CorrelationId})")]
    private partial void LogStorageUnavailable(string source, string failure, string correlationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Accepted {Count} event(s) from {Source} ({CorrelationId})")]
    private partial void LogAccepted(string source, int count, string correlationId);
}
