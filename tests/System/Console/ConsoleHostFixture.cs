using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Integration.Activities.Queueing;
using Integration.Activities.Storage;
using Integration.Orchestrations.Routing;
using Integration.SendEvent;
using Integration.Tests.System.Infrastructure;

namespace Integration.Tests.System.Console;

/// <summary>
/// The standalone host with the embedded sandbox that the console's browser tests drive, with a brisk bulk-job pace
/// (10 targets a second in batches of 5), so a bulk action over 50 workflows shows its progress and ends in seconds.
/// Holds the seeding the scenarios need, done over the sandbox and the product's API as a user's systems would.
/// </summary>
public class ConsoleHostFixture : StandaloneHostFixture
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    protected override IDictionary<string, string> HostSettings => new Dictionary<string, string>(base.HostSettings)
    {
        ["BulkJobs__TargetsPerSecond"] = "10",
        ["BulkJobs__BatchSize"] = "5",
        ["BulkJobs__PageSize"] = "50",
    };

    /// <summary>The console's address on this host.</summary>
    public string ConsoleUrl => Host.ApiBaseUrl + "/api/console/";

    /// <summary>Sends a closed-won deal's webhook, as the CRM does.</summary>
    public async Task SendClosedAsync(string dealId)
    {
        using HttpResponseMessage sent = await Sender.SendCrmAsync(
            SampleEvents.HubSpotDealClosedWon(long.Parse(dealId, CultureInfo.InvariantCulture), EventIds.NewEventId()));
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
    }

    /// <summary>
    /// A deal whose invoice the ERP refused (403 on every call) until the workflow gave up: dead-lettered, no invoice.
    /// The ERP's fault is LEFT ON: the caller clears it through the sandbox (and in a finally) when the test says so.
    /// </summary>
    public async Task<string> DeadLetteredDealAsync()
    {
        string dealId = NewDealId();
        await Sandbox.SetFaultsAsync("quickbooks", new { Rate403 = 1.0 });
        await SendClosedAsync(dealId);
        await Host.ExplainTimeoutAsync(() => Eventually.Until(
            () => InstanceAsync($"deal-invoice-{dealId}"),
            i => (string?)i?["customStatus"]?["Step"] == "dead-lettered" && (string?)i["runtimeStatus"] == "Completed",
            Deadline,
            $"deal {dealId} to be dead-lettered"));
        return dealId;
    }

    /// <summary>An ordinary deal, invoiced: the ERP customer it was invoiced to (one a review may name).</summary>
    public async Task<(string DealId, string CustomerId)> InvoicedDealAsync()
    {
        string dealId = NewDealId();
        await SendClosedAsync(dealId);
        await Host.ExplainTimeoutAsync(() => Eventually.Until(
            () => Crm.DealPropertyAsync(dealId, "erp_invoice_id"), id => id is not null, Deadline, $"deal {dealId} to be invoiced"));
        JsonObject invoice = Assert.Single(await Sandbox.InvoicesForDealAsync(dealId));
        return (dealId, (string)invoice["invoice"]!["CustomerRef"]!["value"]!);
    }

    /// <summary>Deals without a company, each waiting for a person to name the ERP customer.</summary>
    public async Task<string[]> DealsAwaitingReviewAsync(int count)
    {
        string[] deals = Enumerable.Range(0, count).Select(_ => NewDealId()).ToArray();
        foreach (string dealId in deals)
        {
            await Sandbox.SeedDealWithoutCompanyAsync(dealId);
            await SendClosedAsync(dealId);
        }

        foreach (string dealId in deals)
        {
            await Host.ExplainTimeoutAsync(() => Eventually.Until(
                async () => (string?)(await InstanceAsync($"deal-invoice-{dealId}"))?["customStatus"]?["Step"],
                step => step == "awaiting-review",
                Deadline,
                $"deal {dealId} to await review"));
        }

        return deals;
    }

    /// <summary>
    /// A closed deal's event on the poison queue, as if dispatching it had failed until the queue gave up: the host
    /// turns it into an open dead letter. Returns the dead letter's id (the one the console's Replay button names).
    /// </summary>
    public async Task<(string DeadLetterId, string DealId)> OpenDeadLetterAsync()
    {
        string dealId = NewDealId();
        string eventId = "crm-" + Guid.NewGuid().ToString("N");
        var poison = new QueueClient(TestEnvironment.StorageConnectionString, StorageNames.For(Host.TaskHub).EventsPoisonQueue,
            new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        var envelope = new EventEnvelope(eventId, "crm", EventTypes.CrmDealClosed, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow,
            "corr-" + Guid.NewGuid().ToString("N"), dealId, JsonDocument.Parse("{}").RootElement);
        await poison.SendMessageAsync(JsonSerializer.Serialize(envelope, EnvelopeJson.Options));
        JsonNode? deadLetter = await Host.ExplainTimeoutAsync(() => Eventually.Until(
            async () => (await GetAsync("/api/v1/dead-letters?source=crm&status=open&pageSize=200"))["items"]!.AsArray()
                .FirstOrDefault(d => ((string?)d!["reference"])?.Contains(eventId, StringComparison.Ordinal) == true),
            d => d is not null,
            Deadline,
            $"event {eventId} to be dead-lettered"));
        return ((string)deadLetter!["id"]!, dealId);
    }

    /// <summary>A GET on the operations API as a reader (for checks beside what the page shows).</summary>
    public async Task<JsonObject> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Api-Key", ReaderKey);
        using HttpResponseMessage response = await Api.SendAsync(request);
        return (JsonObject)JsonNode.Parse(await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync())!;
    }
}

/// <summary>The console's browser tests share one host and run one at a time (the sandbox's faults are global).</summary>
[CollectionDefinition(Name)]
public sealed class ConsoleHostCollection : ICollectionFixture<ConsoleHostFixture>
{
    public const string Name = "standalone host (console)";
}

/// <summary>A host of its own for the bulk action, so "waiting for review" matches exactly the 50 workflows it seeds.</summary>
public sealed class ConsoleBulkHostFixture : ConsoleHostFixture;

[CollectionDefinition(Name)]
public sealed class ConsoleBulkHostCollection : ICollectionFixture<ConsoleBulkHostFixture>
{
    public const string Name = "standalone host (console bulk)";
}
