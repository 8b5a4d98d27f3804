namespace Integration.SendEvent.Cli;

/// <summary>"deal-closed": a HubSpot deal.propertyChange moving a deal to closedwon, the event that starts deal-to-invoice.</summary>
public sealed class DealClosedVerb : ISendVerb
{
    /// <inheritdoc />
    public string Name => "deal-closed";

    /// <inheritdoc />
    public string Summary => "HubSpot deal.propertyChange dealstage=closedwon to /crm (hubspot-v3)";

    /// <inheritdoc />
    public string Usage => "--deal <id> [--event-id <n>]";

    /// <inheritdoc />
    public IReadOnlyCollection<string> Options { get; } = ["deal", HubSpotDeliveries.EventIdOption];

    /// <inheritdoc />
    public Func<WebhookSender, CancellationToken, Task<HttpResponseMessage>> Prepare(CliArguments args)
    {
        var dealId = args.RequireLong("deal");
        return HubSpotDeliveries.Prepare(args, eventId => SampleEvents.HubSpotDealClosedWon(dealId, eventId));
    }
}
