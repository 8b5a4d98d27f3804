namespace Integration.SendEvent.Cli;

/// <summary>What the HubSpot verbs share: --event-id pinning and signing for the "crm" source.</summary>
public static class HubSpotDeliveries
{
    /// <summary>Pins the HubSpot eventId: every repetition then sends the identical body (a redelivery); otherwise each send is a new event.</summary>
    public const string EventIdOption = "event-id";

    /// <summary>Builds the per-repetition send of the body produced for an event id.</summary>
    public static Func<WebhookSender, CancellationToken, Task<HttpResponseMessage>> Prepare(CliArguments args, Func<long, byte[]> body)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(body);
        var secret = args.Get(CommonOptions.Secret);
        if (args.GetLong(EventIdOption) is { } pinned)
        {
            // Built once, so occurredAt and every other byte repeat exactly; only the signed timestamp is fresh per send.
            var redelivered = body(pinned);
            return (sender, ct) => sender.SendCrmAsync(redelivered, secret, cancellationToken: ct);
        }

        return (sender, ct) => sender.SendCrmAsync(body(EventIds.NewEventId()), secret, cancellationToken: ct);
    }
}
