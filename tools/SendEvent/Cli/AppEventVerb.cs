using Integration.Activities.Webhooks.Signatures;

namespace Integration.SendEvent.Cli;

/// <summary>"app": any event type as a Standard Webhooks delivery to the "app" source.</summary>
public sealed class AppEventVerb : ISendVerb
{
    /// <summary>Pins the webhook-id: every repetition then sends the identical body (a redelivery); otherwise each send is a new message.</summary>
    public const string IdOption = "id";

    /// <inheritdoc />
    public string Name => "app";

    /// <inheritdoc />
    public string Summary => "{type, timestamp, data} to /app (standard-webhooks)";

    /// <inheritdoc />
    public string Usage => "--type <event-type> [--data <json-object>] [--id <webhook-id>]";

    /// <inheritdoc />
    public IReadOnlyCollection<string> Options { get; } = ["type", "data", IdOption];

    /// <inheritdoc />
    public Func<WebhookSender, CancellationToken, Task<HttpResponseMessage>> Prepare(CliArguments args)
    {
        var type = args.Require("type");
        var data = args.Get("data") ?? "{}";
        var id = args.Get(IdOption);
        var secret = args.Get(CommonOptions.Secret);
        if (id is not null && (id.Length == 0 || id.Contains('.')))
        {
            throw new CliUsageException("--id must be non-empty and must not contain '.'.");
        }

        if (secret is not null && !StandardWebhooksSignature.TryDecodeSecret(secret, out _))
        {
            throw new CliUsageException("--secret must be base64, optionally prefixed whsec_.");
        }

        byte[] first;
        try
        {
            first = SampleEvents.AppEvent(type, data);
        }
        catch (ArgumentException ex)
        {
            throw new CliUsageException($"--data: {ex.Message}");
        }

        if (id is not null)
        {
            // A redelivery: the same body every time; only webhook-timestamp is fresh per send.
            return (sender, ct) => sender.SendAppAsync(first, id, secret, cancellationToken: ct);
        }

        // A new message per send, its "timestamp" the time of that send.
        return (sender, ct) => sender.SendAppAsync(SampleEvents.AppEvent(type, data), secret: secret, cancellationToken: ct);
    }
}
