using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Integration.SendEvent;
using Integration.Tests.System.Infrastructure;

namespace Integration.Tests.System.EndToEnd;

/// <summary>
/// The instance actions on real workflows, over HTTP, on the standalone host with the sandbox: a deal dead-lettered by
/// the ERP's 403 is retried to exactly one invoice once the fault is cleared; suspend, resume, terminate, restart,
/// reread and purge do what they say, answer "skipped" when repeated and 409 with the state when it does not fit, and
/// each writes an audit line.
/// </summary>
[Collection(StandaloneHostCollection.Name)]
public sealed class InstanceActionTests(StandaloneHostFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_deal_dead_lettered_by_the_erp_is_retried_to_exactly_one_invoice()
    {
        string dealId = StandaloneHostFixture.NewDealId();
        string instanceId = $"deal-invoice-{dealId}";
        await fixture.Sandbox.SetFaultsAsync("quickbooks", new { Rate403 = 1.0 });
        try
        {
            await SendClosedAsync(dealId);
            JsonObject? deadLettered = await Eventually.Until(
                () => fixture.InstanceAsync(instanceId), i => (string?)i?["customStatus"]?["Step"] == "dead-lettered" && (string?)i["runtimeStatus"] == "Completed", Deadline, $"{instanceId} to be dead-lettered");
            Assert.Equal("Completed", (string?)deadLettered!["runtimeStatus"]);
            Assert.Contains("403", (string?)deadLettered["customStatus"]!["Detail"], StringComparison.Ordinal);
        }
        finally
        {
            await fixture.Sandbox.ClearFaultsAsync("quickbooks");
        }

        Assert.Empty(await fixture.Sandbox.InvoicesForDealAsync(dealId));

        // Support finds it by the deal id, and among the dead-lettered by status and step; its history shows the step that
        // failed with the ERP's answer.
        JsonNode byKey = Assert.Single((await ReadAsync($"/api/v1/instances?key={dealId}"))["items"]!.AsArray())!;
        Assert.Equal(instanceId, (string?)byKey["instanceId"]);
        Assert.Equal("dead-lettered", (string?)byKey["step"]);
        string since = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(-5).ToString("O", CultureInfo.InvariantCulture));
        Assert.Contains(
            (await ReadAsync($"/api/v1/instances?workflow=deal-invoice&status=Completed&step=dead-lettered&createdFrom={since}&pageSize=200"))["items"]!.AsArray(),
            i => (string?)i!["instanceId"] == instanceId);
        JsonNode failed = (await ReadAsync($"/api/v1/instances/{instanceId}/history"))["entries"]!.AsArray()
            .First(e => (string?)e!["kind"] == "activity" && (string?)e["outcome"] == "failed")!;
        Assert.False(string.IsNullOrEmpty((string?)failed["name"]));
        Assert.Contains("403", failed["error"]!.ToJsonString(), StringComparison.Ordinal);

        JsonObject retried = await ActOkAsync(instanceId, "retry", "the ERP permission was fixed");
        Assert.Equal("done", (string?)retried["result"]);
        Assert.Contains("dead-lettered", (string?)retried["detail"], StringComparison.Ordinal);

        await Eventually.Until(
            () => fixture.Crm.DealPropertyAsync(dealId, "erp_invoice_id"), id => id is not null, Deadline, $"deal {dealId} to be invoiced after the retry");
        await Eventually.Until(() => fixture.InstanceAsync(instanceId), i => (string?)i?["runtimeStatus"] == "Completed", Deadline, $"{instanceId} to complete");
        Assert.Single(await fixture.Sandbox.InvoicesForDealAsync(dealId));

        // Now it completed normally: nothing to retry.
        await AssertConflictAsync(instanceId, "retry", "Completed");
        Assert.Single(await fixture.Sandbox.InvoicesForDealAsync(dealId));
        await AssertAuditedAsync(instanceId, "retry", ["done", "refused"]);

        // The same lines through the audit route, newest first.
        JsonArray lines = (await ReadAsync($"/api/v1/audit?target={instanceId}"))["items"]!.AsArray();
        Assert.Equal(["refused", "done"], lines.Select(l => ((string)l!["result"]!).Split(':')[0]).ToArray());
        Assert.All(lines, l => Assert.Equal("development operator", (string?)l!["actor"]));
    }

    private async Task<JsonObject> ReadAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Api-Key", StandaloneHostFixture.ReaderKey);
        using HttpResponseMessage response = await fixture.Api.SendAsync(request);
        return (JsonObject)JsonNode.Parse(await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync())!;
    }

    [Fact]
    public async Task Suspend_resume_terminate_restart_reread_and_purge_follow_the_state_rules()
    {
        string dealId = await AwaitingReviewAsync();
        string instanceId = $"deal-invoice-{dealId}";

        await AssertConflictAsync(instanceId, "restart", "Running", "terminate it first");
        await AssertConflictAsync(instanceId, "purge", "Running");

        Assert.Equal("done", (string?)(await ActOkAsync(instanceId, "suspend", "checking the customer"))["result"]);
        await StatusAsync(instanceId, "Suspended");
        Assert.Equal("skipped", (string?)(await ActOkAsync(instanceId, "suspend", null))["result"]);

        Assert.Equal("done", (string?)(await ActOkAsync(instanceId, "resume", null))["result"]);
        await StatusAsync(instanceId, "Running");
        Assert.Equal("skipped", (string?)(await ActOkAsync(instanceId, "resume", null))["result"]);

        Assert.Equal("done", (string?)(await ActOkAsync(instanceId, "reread", "the deal was corrected"))["result"]);

        using (HttpResponseMessage noReason = await ActAsync(instanceId, "terminate", null))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        }

        Assert.Equal("done", (string?)(await ActOkAsync(instanceId, "terminate", "duplicate deal"))["result"]);
        JsonObject terminated = await StatusAsync(instanceId, "Terminated");
        Assert.Contains("duplicate deal", terminated["output"]?.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("skipped", (string?)(await ActOkAsync(instanceId, "terminate", "again"))["result"]);
        await AssertConflictAsync(instanceId, "suspend", "Terminated");
        await AssertConflictAsync(instanceId, "reread", "Terminated");

        Assert.Equal("done", (string?)(await ActOkAsync(instanceId, "restart", "try again"))["result"]);
        await Eventually.Until(
            () => fixture.InstanceAsync(instanceId),
            i => (string?)i?["runtimeStatus"] == "Running" && (string?)i["customStatus"]?["Step"] == "awaiting-review",
            Deadline,
            $"{instanceId} to run again from its input and await review");

        Assert.Equal("done", (string?)(await ActOkAsync(instanceId, "terminate", "really a duplicate"))["result"]);
        await StatusAsync(instanceId, "Terminated");
        Assert.Equal("done", (string?)(await ActOkAsync(instanceId, "purge", "clean up"))["result"]);
        Assert.Null(await fixture.InstanceAsync(instanceId));
        using (HttpResponseMessage gone = await ActAsync(instanceId, "purge", null))
        {
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }

        await AssertAuditedAsync(instanceId, "terminate", ["done", "skipped", "done"]);
        // The second purge found nothing (404): refusals are audited too.
        await AssertAuditedAsync(instanceId, "purge", ["refused", "done", "refused"]);
    }

    [Fact]
    public async Task An_unknown_action_is_404_and_a_reader_gets_403()
    {
        using HttpResponseMessage unknown = await ActAsync("deal-invoice-1", "explode", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("terminate, suspend, resume, restart, retry, reread, purge", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using HttpResponseMessage reader = await ActAsync("deal-invoice-1", "terminate", "no", "dev-reader-key");
        Assert.Equal(HttpStatusCode.Forbidden, reader.StatusCode);
    }

    private async Task<string> AwaitingReviewAsync()
    {
        string dealId = StandaloneHostFixture.NewDealId();
        await fixture.Sandbox.SeedDealWithoutCompanyAsync(dealId);
        await SendClosedAsync(dealId);
        await Eventually.Until(
            async () => (string?)(await fixture.InstanceAsync($"deal-invoice-{dealId}"))?["customStatus"]?["Step"],
            step => step == "awaiting-review",
            Deadline,
            $"deal {dealId} to await review");
        return dealId;
    }

    private async Task SendClosedAsync(string dealId)
    {
        using HttpResponseMessage response = await fixture.Sender.SendCrmAsync(
            SampleEvents.HubSpotDealClosedWon(long.Parse(dealId, CultureInfo.InvariantCulture), EventIds.NewEventId()));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private Task<JsonObject> StatusAsync(string instanceId, string status) =>
        Eventually.Until(() => fixture.InstanceAsync(instanceId), i => (string?)i?["runtimeStatus"] == status, Deadline, $"{instanceId} to be {status}")!;

    private Task<HttpResponseMessage> ActAsync(string instanceId, string action, string? reason, string key = StandaloneHostFixture.OperationsKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/instances/{instanceId}/{action}") { Content = JsonContent.Create(new { reason }) };
        request.Headers.Add("X-Api-Key", key);
        return fixture.Api.SendAsync(request);
    }

    private async Task<JsonObject> ActOkAsync(string instanceId, string action, string? reason)
    {
        using HttpResponseMessage response = await ActAsync(instanceId, action, reason);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{action} on {instanceId}: {(int)response.StatusCode} {body}");
        return (JsonObject)JsonNode.Parse(body)!;
    }

    private async Task AssertConflictAsync(string instanceId, string action, string state, string? detail = null)
    {
        using HttpResponseMessage response = await ActAsync(instanceId, action, "why not");
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Conflict, $"{action} on {instanceId}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        JsonNode problem = JsonNode.Parse(body)!;
        Assert.Equal("urn:integration:problem:instance-state-conflict", (string?)problem["type"]);
        Assert.Equal(state, (string?)problem["state"]);
        if (detail is not null)
        {
            Assert.Contains(detail, (string?)problem["detail"], StringComparison.Ordinal);
        }
    }

    /// <summary>The audit table holds one line per request for this action on this instance, oldest first, with these results.</summary>
    private async Task AssertAuditedAsync(string instanceId, string action, string[] results)
    {
        var table = new TableClient(TestEnvironment.StorageConnectionString, fixture.Host.TaskHub + "Audit");
        List<TableEntity> rows = [];
        await foreach (TableEntity row in table.QueryAsync<TableEntity>(e => e.GetString("Target") == instanceId && e.GetString("Action") == action))
        {
            rows.Add(row);
        }

        Assert.Equal(results, rows.OrderBy(r => r.GetDateTimeOffset("At")).Select(r => r.GetString("Result").Split(':')[0]));
        Assert.All(rows, r => Assert.Equal(("development operator", "operator"), (r.GetString("Actor"), r.GetString("Role"))));
    }
}
