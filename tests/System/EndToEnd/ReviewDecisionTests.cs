using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Integration.SendEvent;
using Integration.Tests.System.Infrastructure;

namespace Integration.Tests.System.EndToEnd;

/// <summary>An operator answers a workflow's review over HTTP; wrong answers are 4xx problems and reach no workflow.</summary>
[Collection(StandaloneHostCollection.Name)]
public sealed class ReviewDecisionTests(StandaloneHostFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Deal_without_a_company_is_invoiced_to_the_customer_the_operator_names()
    {
        // A customer the ERP already has: the one an ordinary deal gets.
        string knownDeal = StandaloneHostFixture.NewDealId();
        await SendClosedAsync(knownDeal);
        await Eventually.Until(() => fixture.Crm.DealPropertyAsync(knownDeal, "erp_invoice_id"), id => id is not null, Deadline, "the ordinary deal's invoice");
        string customerId = (string)(await fixture.Sandbox.InvoicesForDealAsync(knownDeal))[0]["invoice"]!["CustomerRef"]!["value"]!;

        string dealId = await StartNoCompanyDealAwaitingReviewAsync();
        string instanceId = $"deal-invoice-{dealId}";

        using (HttpResponseMessage missingValue = await fixture.DecideAsync(instanceId, """{"action":"use-customer"}"""))
        {
            await AssertProblemAsync(missingValue, HttpStatusCode.BadRequest, "review-decision-invalid", "value");
        }

        using (HttpResponseMessage accepted = await fixture.DecideAsync(instanceId, $$"""{"action":"use-customer","value":"{{customerId}}","reviewedBy":"ana"}"""))
        {
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        await Eventually.Until(() => fixture.Crm.DealPropertyAsync(dealId, "erp_invoice_id"), id => id is not null, Deadline, "the reviewed deal's invoice");
        JsonObject invoice = Assert.Single(await fixture.Sandbox.InvoicesForDealAsync(dealId));
        Assert.Equal(customerId, (string?)invoice["invoice"]!["CustomerRef"]!["value"]);

        // The deal is patched just before the workflow completes: wait for the end before answering again.
        await Eventually.Until(
            async () => (await fixture.InstanceAsync(instanceId))!, i => (string?)i["runtimeStatus"] == "Completed", Deadline, "the reviewed workflow to finish");
        using HttpResponseMessage again = await fixture.DecideAsync(instanceId, """{"action":"cancel"}""");
        await AssertProblemAsync(again, HttpStatusCode.Conflict, "not-awaiting-review", "Completed");
    }

    [Fact]
    public async Task Bad_decisions_are_rejected_and_the_workflow_keeps_waiting()
    {
        string dealId = await StartNoCompanyDealAwaitingReviewAsync();
        string instanceId = $"deal-invoice-{dealId}";

        using (HttpResponseMessage noKey = await fixture.Api.PostAsync($"/api/v1/reviews/{instanceId}", JsonContent.Create(new { action = "cancel" })))
        {
            await AssertProblemAsync(noKey, HttpStatusCode.Unauthorized, "operations-key-invalid", "X-Api-Key");
        }

        using (HttpResponseMessage notJson = await fixture.DecideAsync(instanceId, "{not json"))
        {
            await AssertProblemAsync(notJson, HttpStatusCode.BadRequest, "review-decision-invalid", "not a decision");
        }

        using (HttpResponseMessage noAction = await fixture.DecideAsync(instanceId, "{}"))
        {
            await AssertProblemAsync(noAction, HttpStatusCode.BadRequest, "review-decision-invalid", "action");
        }

        using (HttpResponseMessage unknownAction = await fixture.DecideAsync(instanceId, """{"action":"approve"}"""))
        {
            await AssertProblemAsync(unknownAction, HttpStatusCode.BadRequest, "review-decision-invalid", "use-customer, cancel");
        }

        using (HttpResponseMessage unknownInstance = await fixture.DecideAsync("deal-invoice-nope", """{"action":"cancel"}"""))
        {
            await AssertProblemAsync(unknownInstance, HttpStatusCode.NotFound, "instance-not-found", "deal-invoice-nope");
        }

        // The 60,000-character value once broke the history write and dead-lettered the workflow.
        using (HttpResponseMessage hugeValue = await fixture.DecideAsync(instanceId, $$"""{"action":"use-customer","value":"{{new string('7', 60_000)}}"}"""))
        {
            await AssertProblemAsync(hugeValue, HttpStatusCode.BadRequest, "review-decision-invalid", "'value' is 60000 characters long; at most 500");
        }

        using (HttpResponseMessage otherReview = await fixture.DecideAsync(instanceId, """{"action":"cancel","reviewId":"a-question-asked-before"}"""))
        {
            await AssertProblemAsync(otherReview, HttpStatusCode.Conflict, "not-awaiting-review", "no longer asking review 'a-question-asked-before'");
        }

        JsonNode status = (await fixture.InstanceAsync(instanceId))!;
        Assert.Equal("Running", (string?)status["runtimeStatus"]);
        Assert.Equal("awaiting-review", (string?)status["customStatus"]!["Step"]);

        using HttpResponseMessage cancel = await fixture.DecideAsync(instanceId, """{"action":"cancel","comment":"test deal"}""");
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        JsonNode done = await Eventually.Until(
            async () => (await fixture.InstanceAsync(instanceId))!, i => (string?)i["runtimeStatus"] == "Completed", Deadline, "the cancelled workflow to finish");
        Assert.Equal("cancelled", (string?)done["output"]!["Outcome"]);
        Assert.Empty(await fixture.Sandbox.InvoicesForDealAsync(dealId));
    }

    [Fact]
    public async Task Two_answers_sent_at_the_same_moment_one_is_accepted_the_other_is_409_and_the_workflow_does_what_the_winner_said()
    {
        const int Rounds = 8;
        string knownDeal = StandaloneHostFixture.NewDealId();
        await SendClosedAsync(knownDeal);
        await Eventually.Until(() => fixture.Crm.DealPropertyAsync(knownDeal, "erp_invoice_id"), id => id is not null, Deadline, "the ordinary deal's invoice");
        string customerId = (string)(await fixture.Sandbox.InvoicesForDealAsync(knownDeal))[0]["invoice"]!["CustomerRef"]!["value"]!;
        string[] dealIds = await Task.WhenAll(Enumerable.Range(0, Rounds).Select(_ => StartNoCompanyDealAwaitingReviewAsync()));

        var winners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string dealId in dealIds)
        {
            string instanceId = $"deal-invoice-{dealId}";
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            async Task<HttpResponseMessage> AnswerAsync(string body)
            {
                await gate.Task;
                return await fixture.DecideAsync(instanceId, body);
            }

            Task<HttpResponseMessage> useCustomer = AnswerAsync($$"""{"action":"use-customer","value":"{{customerId}}","reviewedBy":"ana"}""");
            Task<HttpResponseMessage> cancel = AnswerAsync("""{"action":"cancel","reviewedBy":"bo","comment":"duplicate deal"}""");
            gate.SetResult();
            using HttpResponseMessage a = await useCustomer;
            using HttpResponseMessage b = await cancel;

            Assert.True(
                (a.StatusCode, b.StatusCode) is (HttpStatusCode.Accepted, HttpStatusCode.Conflict) or (HttpStatusCode.Conflict, HttpStatusCode.Accepted),
                $"deal {dealId}: use-customer answered {(int)a.StatusCode}, cancel answered {(int)b.StatusCode}; exactly one must be 202 and the other 409");
            (string winner, string winnerBy, HttpResponseMessage loser) = a.StatusCode == HttpStatusCode.Accepted ? ("use-customer", "ana", b) : ("cancel", "bo", a);
            await AssertProblemAsync(loser, HttpStatusCode.Conflict, "review-already-answered", $"already answered '{winner}'");
            await AssertProblemAsync(loser, HttpStatusCode.Conflict, "review-already-answered", $"by '{winnerBy}'");
            winners[dealId] = winner;
        }

        foreach ((string dealId, string winner) in winners)
        {
            JsonNode done = await Eventually.Until(
                async () => (await fixture.InstanceAsync($"deal-invoice-{dealId}"))!,
                i => (string?)i["runtimeStatus"] == "Completed",
                Deadline,
                $"deal {dealId}'s workflow to finish");
            IReadOnlyList<JsonObject> invoices = await fixture.Sandbox.InvoicesForDealAsync(dealId);
            if (winner == "cancel")
            {
                Assert.Equal("cancelled", (string?)done["output"]!["Outcome"]);
                Assert.Contains("bo", (string?)done["output"]!["Failure"], StringComparison.Ordinal);
                Assert.Empty(invoices);
            }
            else
            {
                Assert.Equal("invoiced", (string?)done["output"]!["Outcome"]);
                Assert.Equal(customerId, (string?)Assert.Single(invoices)["invoice"]!["CustomerRef"]!["value"]);
            }
        }
    }

    private async Task<string> StartNoCompanyDealAwaitingReviewAsync()
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

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string kind, string detailContains)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        JsonNode problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal($"urn:integration:problem:{kind}", (string?)problem["type"]);
        Assert.Contains(detailContains, (string?)problem["detail"], StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty((string?)problem["correlationId"]));
    }
}
