using System.Globalization;
using System.Net;

namespace Integration.SendEvent.Scenarios;

/// <summary>What one scenario run works with: the deal, the sandbox, the webhook sender and where to say what it did.</summary>
public sealed class ScenarioRun(string dealId, SandboxCrm crm, SandboxErp erp, WebhookSender sender, TextWriter log)
{
    /// <summary>How long a scenario waits for the product to invoice before it changes the deal.</summary>
    public static readonly TimeSpan InvoiceTimeout = TimeSpan.FromSeconds(90);

    public string DealId { get; } = dealId;

    public SandboxCrm Crm { get; } = crm;

    public SandboxErp Erp { get; } = erp;

    public TextWriter Log { get; } = log;

    /// <summary>The holiday file "holiday-close" reads; relative to the working directory (the repository root).</summary>
    public string HolidayFile { get; init; } = DealScenarios.DefaultHolidayFile;

    private long DealNumber => long.Parse(DealId, CultureInfo.InvariantCulture);

    /// <summary>Sends the HubSpot "dealstage changed" webhook (closedwon is the "deal closed" event).</summary>
    public Task<HttpResponseMessage> SendStageAsync(string stage, CancellationToken cancellationToken) =>
        SendAsync(SampleEvents.HubSpotPropertyChange(DealNumber, "dealstage", stage, EventIds.NewEventId()), $"dealstage={stage}", cancellationToken);

    /// <summary>Sends the HubSpot "amount changed" webhook.</summary>
    public Task<HttpResponseMessage> SendAmountAsync(decimal amount, CancellationToken cancellationToken) =>
        SendAsync(
            SampleEvents.HubSpotPropertyChange(DealNumber, "amount", amount.ToString("0.00", CultureInfo.InvariantCulture), EventIds.NewEventId()),
            $"amount={amount.ToString("0.00", CultureInfo.InvariantCulture)}",
            cancellationToken);

    /// <summary>Waits until the product has written an invoice to the deal; an error naming the deal otherwise.</summary>
    public async Task<string> WaitForInvoiceAsync(CancellationToken cancellationToken, string? notThisOne = null)
    {
        await Log.WriteLineAsync($"waiting up to {InvoiceTimeout.TotalSeconds:0} s for deal {DealId} to be invoiced...").ConfigureAwait(false);
        string? id = await Crm.WaitForDealPropertyAsync(DealId, "erp_invoice_id", InvoiceTimeout, v => v != notThisOne, cancellationToken).ConfigureAwait(false);
        if (id is null)
        {
            throw new TimeoutException($"Deal {DealId} was not invoiced within {InvoiceTimeout.TotalSeconds:0} s; look at the instance deal-invoice-{DealId}.");
        }

        await Log.WriteLineAsync($"deal {DealId} invoiced: erp_invoice_id={id}").ConfigureAwait(false);
        return id;
    }

    private async Task<HttpResponseMessage> SendAsync(byte[] body, string what, CancellationToken cancellationToken)
    {
        HttpResponseMessage response = await sender.SendCrmAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
        await Log.WriteLineAsync($"sent deal {DealId} {what} -> {(int)response.StatusCode}").ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            string text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new HttpRequestException($"The product did not accept the webhook: {(int)response.StatusCode} {text}");
        }

        return response;
    }
}
