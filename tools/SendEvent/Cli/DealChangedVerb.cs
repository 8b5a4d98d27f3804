namespace Integration.SendEvent.Cli;

/// <summary>"deal-changed": a HubSpot deal.propertyChange for any property and value.</summary>
public sealed class DealChangedVerb : ISendVerb
{
    /// <inheritdoc />
    public string Name => "deal-changed";

    /// <inheritdoc />
    public string Summary => "HubSpot deal.propertyChange for any property to /crm (hubspot-v3)";

    /// <inheritdoc />
    public string Usage => "--deal <id> --property <name> --value <value> [--event-id <n>]";

    /// <inheritdoc />
    public IReadOnlyCollection<string> Options { get; } = ["deal", "property", "value", HubSpotDeliveries.EventIdOption];

    /// <inheritdoc />
    public Func<WebhookSender, CancellationToken, Task<HttpResponseMessage>> Prepare(CliArguments args)
    {
        var dealId = args.RequireLong("deal");
        var property = args.Require("property");
        var value = args.Get("value") ?? throw new CliUsageException("--value is required.");
        return HubSpotDeliveries.Prepare(args, eventId => SampleEvents.HubSpotPropertyChange(dealId, property, value, eventId));
    }
}
