using Integration.Activities.Connectors.ShipStation;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Integration.Activities.Queueing;
using Integration.Orchestrations.Common;
using Integration.Orchestrations.Orders;
using Integration.Orchestrations.Routing;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;

namespace Integration.Activities.Orders;

/// <summary>
/// The read-back of a SHIP_NOTIFY: the shipments at a resource URL, as ShipStation's v1 API returns them (the raw
/// shipment objects). An interface here because the ShipStation client gains GetShipmentsAsync in the connectors work.
/// </summary>
public interface IShipStationShipments
{
    Task<IReadOnlyList<JsonElement>> GetShipmentsAsync(Uri resourceUrl, string correlationId, CancellationToken cancellationToken);
}

/// <summary>The one ShipStation setting the read-back checks a pointer against (section "Connectors:ShipStation", which the connector binds too).</summary>
public sealed class ShipStationReadBackOptions
{
    public const string Section = "Connectors:ShipStation";

    public string? BaseUrl { get; set; }
}

/// <summary>
/// Fetches the shipments a SHIP_NOTIFY points at, after checking again that the URL is ShipStation's (scheme, host and port
/// of <c>Connectors:ShipStation:BaseUrl</c>: the pointer is unsigned, so it must never make the product call elsewhere),
/// and queues one <c>wms.order.shipped.v1</c> per shipment not voided, id <c>shipstation-shipment-{shipmentId}</c>, subject
/// the shipment's orderKey (our order key), data the shipment as fetched. It goes through <see cref="EventIntake"/>, so a
/// shipment heard twice (two notifications, a retry) is queued once and fans out like any webhook.
/// </summary>
public sealed class FetchShipStationShipmentsActivity(
    IShipStationShipments shipStation, IEventQueue queue, IReceivedEventStore received, IOptions<ShipStationReadBackOptions> options, TimeProvider time)
    : TaskActivity<FetchShipStationShipmentsInput, ShipStationShipmentsResult>
{
    public const string BaseUrlSetting = "Connectors:ShipStation:BaseUrl";
    public const string Source = "shipstation";
    public const string EventIdPrefix = "shipstation-shipment-";

    public override async Task<ShipStationShipmentsResult> RunAsync(TaskActivityContext context, FetchShipStationShipmentsInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Uri url = CheckedUrl(input.ResourceUrl, options.Value.BaseUrl);
        IReadOnlyList<JsonElement> shipments = await shipStation.GetShipmentsAsync(url, input.CorrelationId, CancellationToken.None).ConfigureAwait(false);
        DateTimeOffset now = time.GetUtcNow();
        var envelopes = new List<EventEnvelope>();
        int voided = 0;
        foreach (JsonElement shipment in shipments)
        {
            if (shipment.TryGetProperty("voided", out JsonElement v) && v.ValueKind == JsonValueKind.True)
            {
                voided++;
                continue;
            }

            string id = Text(shipment, "shipmentId") ?? throw new PermanentActivityFailureException("A ShipStation shipment has no shipmentId.");
            DateTimeOffset occurred = Text(shipment, "shipDate") is { } d && DateTimeOffset.TryParse(d, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset at) ? at : now;
            envelopes.Add(new EventEnvelope(
                EventIdPrefix + id,
                Source,
                EventTypes.WmsOrderShipped,
                occurred,
                now,
                input.CorrelationId,
                Text(shipment, "orderKey") ?? string.Empty,
                shipment.Clone(),
                Activity.Current?.Id,
                Activity.Current?.TraceStateString));
        }

        bool[] duplicate = envelopes.Count == 0 ? [] : await new EventIntake(queue, received).AcceptAsync(envelopes, CancellationToken.None).ConfigureAwait(false);
        string[] queued = envelopes.Where((_, i) => !duplicate[i]).Select(e => e.Id).ToArray();
        return new ShipStationShipmentsResult(shipments.Count, queued.Length, voided, queued);
    }

    /// <summary>The resource URL when its scheme, host and port are ShipStation's as configured; permanent failure otherwise.</summary>
    public static Uri CheckedUrl(string resourceUrl, string? baseUrl)
    {
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out Uri? configured))
        {
            throw new PermanentActivityFailureException($"{BaseUrlSetting} is not set to an absolute URL, so a SHIP_NOTIFY cannot be checked.");
        }

        if (!ShipStationUrls.PointsAt(resourceUrl, configured.AbsoluteUri) || !Uri.TryCreate(resourceUrl, UriKind.Absolute, out Uri? url))
        {
            throw new PermanentActivityFailureException($"resource_url does not point at ShipStation ({LogText.Safe(resourceUrl)}).");
        }

        return url;
    }

    private static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out JsonElement v)
            ? v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.Number => v.GetRawText(),
                _ => null,
            }
            : null;
}
