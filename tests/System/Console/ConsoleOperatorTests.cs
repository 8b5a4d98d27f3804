using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Integration.Tests.System.Infrastructure;
using Microsoft.Playwright;
using static Integration.Tests.System.Console.ConsoleSession;
using static Microsoft.Playwright.Assertions;

namespace Integration.Tests.System.Console;

/// <summary>
/// What an operator puts right through the console, in a real browser against the standalone host and the sandbox:
/// a deal the ERP refused is found by its deal id, its failing step shows the ERP's error, and a retry (once the ERP
/// is fixed) invoices it exactly once; a review is answered through its form; a dead letter is replayed.
/// </summary>
[Collection(ConsoleHostCollection.Name)]
public sealed class ConsoleOperatorTests(ConsoleHostFixture host, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task A_dead_lettered_deal_is_found_by_its_deal_id_retried_and_invoiced_once()
    {
        string dealId;
        try
        {
            dealId = await host.DeadLetteredDealAsync();
            string instanceId = $"deal-invoice-{dealId}";
            await chromium.RunAsync(nameof(A_dead_lettered_deal_is_found_by_its_deal_id_retried_and_invoiced_once), async page =>
            {
                await SignInAsync(page, host.ConsoleUrl, StandaloneHostFixture.OperationsKey, "operator");
                await NavigateAsync(page, "Workflows");
                await page.GetByLabel("Business key").FillAsync(dealId);
                await Button(page, "Search").ClickAsync();
                ILocator table = page.GetByRole(AriaRole.Table, new() { Name = "Workflows" });
                await Expect(table.GetByRole(AriaRole.Link, new() { Name = instanceId, Exact = true })).ToBeVisibleAsync();
                await Expect(table).ToContainTextAsync("dead-lettered");
                await table.GetByRole(AriaRole.Link, new() { Name = instanceId, Exact = true }).ClickAsync();

                // What it is, where it is, and the step that failed with the ERP's answer.
                await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = instanceId, Exact = true })).ToBeVisibleAsync();
                await Expect(page.GetByTestId("business")).ToContainTextAsync(dealId);
                await Expect(page.GetByTestId("where-now")).ToContainTextAsync(dealId);
                await Expect(page.GetByTestId("runtime-status")).ToHaveTextAsync("Completed");
                ILocator steps = page.GetByRole(AriaRole.List, new() { Name = "Steps" });
                ILocator failed = steps.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "failed" }).First;
                await Expect(failed).ToContainTextAsync("403");
                await Expect(failed.GetByTestId("gantt-bar")).ToHaveCountAsync(1);
                await Expect(steps.GetByRole(AriaRole.Listitem).First).ToHaveAttributeAsync("data-testid", new Regex("^step-[0-9]+$"));

                // The rest of the page people read: timers, events received, what started it.
                foreach (string section in new[] { "Timers", "Events received", "Started by" })
                {
                    await Expect(page.GetByRole(AriaRole.Heading, new() { Name = section, Exact = true })).ToBeVisibleAsync();
                }

                // The step's details show the outbound call the ERP refused.
                ILocator details = failed.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Details ") });
                await details.ClickAsync();
                await Expect(failed).ToContainTextAsync(new Regex("POST|GET"));
                await Expect(failed).ToContainTextAsync(new Regex("forbidden", RegexOptions.IgnoreCase));

                // Support fixes the ERP's permission (the sandbox's fault cleared), then retries with a reason.
                await host.Sandbox.ClearFaultsAsync("quickbooks");
                await ActWithReasonAsync(page, "Retry", "the ERP permission was fixed");
                await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "done" })).ToBeVisibleAsync();

                await host.Host.ExplainTimeoutAsync(() => Eventually.Until(
                    () => host.Crm.DealPropertyAsync(dealId, "erp_invoice_id"), id => id is not null, ConsoleHostFixture.Deadline, $"deal {dealId} to be invoiced after the retry"));
                await Eventually.Until(() => host.InstanceAsync(instanceId), i => (string?)i?["runtimeStatus"] == "Completed", ConsoleHostFixture.Deadline, $"{instanceId} to complete");

                // The page says so: completed, every step completed, no longer dead-lettered.
                await ReloadUntilAsync(
                    page,
                    async () => await page.GetByTestId("runtime-status").InnerTextAsync() == "Completed"
                        && await steps.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "failed" }).CountAsync() == 0
                        && await steps.GetByRole(AriaRole.Listitem).CountAsync() > 0,
                    ConsoleHostFixture.Deadline,
                    "the retried workflow completed");
                await Expect(page.GetByTestId("where-now")).Not.ToContainTextAsync(new Regex("dead", RegexOptions.IgnoreCase));
                await Expect(steps.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "CreateErpInvoice" })).ToContainTextAsync("completed");
                await ScreenshotAsync(page, "console-workflow.png");

                // The audit trail says who retried it, why, and how it ended.
                await NavigateAsync(page, "Audit");
                ILocator audit = page.GetByRole(AriaRole.Table, new() { Name = "Audit trail" })
                    .GetByRole(AriaRole.Row).Filter(new() { HasText = instanceId }).Filter(new() { HasText = "retry" });
                await Expect(audit.First).ToContainTextAsync("the ERP permission was fixed");
                await Expect(audit.First).ToContainTextAsync("development operator");
                await Expect(audit.First).ToContainTextAsync("done");
            });
        }
        finally
        {
            await host.Sandbox.ClearFaultsAsync("quickbooks");
        }

        Assert.Single(await host.Sandbox.InvoicesForDealAsync(dealId));
    }

    [Fact]
    public async Task A_review_is_answered_through_its_form_and_the_deal_is_invoiced_to_the_named_customer()
    {
        (_, string customerId) = await host.InvoicedDealAsync();
        string dealId = (await host.DealsAwaitingReviewAsync(1))[0];
        string instanceId = $"deal-invoice-{dealId}";

        await chromium.RunAsync(nameof(A_review_is_answered_through_its_form_and_the_deal_is_invoiced_to_the_named_customer), async page =>
        {
            await SignInAsync(page, host.ConsoleUrl, StandaloneHostFixture.OperationsKey, "operator");
            await NavigateAsync(page, "Reviews");
            ILocator reviews = page.GetByRole(AriaRole.Table, new() { Name = "Reviews waiting" });
            await reviews.GetByRole(AriaRole.Link, new() { NameRegex = new Regex(Regex.Escape(dealId)) }).First.ClickAsync();

            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = instanceId, Exact = true })).ToBeVisibleAsync();
            await Expect(page.GetByTestId("where-now")).ToContainTextAsync(dealId);
            // The question, then the form with one choice per accepted answer.
            await Expect(page.GetByText("has no associated company").First).ToBeVisibleAsync();
            ILocator form = page.GetByRole(AriaRole.Form, new() { Name = "Answer review" });
            await Expect(form.GetByRole(AriaRole.Radio)).ToHaveCountAsync(2);
            await form.GetByRole(AriaRole.Radio, new() { NameRegex = new Regex("use-customer|invoice the ERP customer") }).CheckAsync();
            await form.GetByLabel("Value").FillAsync(customerId);
            await form.GetByLabel("Reason").FillAsync("the customer confirmed by phone");
            await form.GetByRole(AriaRole.Button, new() { Name = "Send answer", Exact = true }).ClickAsync();

            await host.Host.ExplainTimeoutAsync(() => Eventually.Until(
                () => host.Crm.DealPropertyAsync(dealId, "erp_invoice_id"), id => id is not null, ConsoleHostFixture.Deadline, $"deal {dealId} to be invoiced after the answer"));
            await ReloadUntilAsync(
                page,
                async () => await page.GetByTestId("runtime-status").InnerTextAsync() == "Completed",
                ConsoleHostFixture.Deadline,
                "the answered workflow completed");
            await Expect(form).ToHaveCountAsync(0);
        });

        JsonObject invoice = Assert.Single(await host.Sandbox.InvoicesForDealAsync(dealId));
        Assert.Equal(customerId, (string?)invoice["invoice"]!["CustomerRef"]!["value"]);
    }

    [Fact]
    public async Task A_dead_letter_is_replayed_from_the_dead_letters_page()
    {
        (string deadLetterId, string dealId) = await host.OpenDeadLetterAsync();

        await chromium.RunAsync(nameof(A_dead_letter_is_replayed_from_the_dead_letters_page), async page =>
        {
            await SignInAsync(page, host.ConsoleUrl, StandaloneHostFixture.OperationsKey, "operator");
            await NavigateAsync(page, "Dead letters");
            ILocator table = page.GetByRole(AriaRole.Table, new() { Name = "Dead letters" });
            // Its row names the deal (and still does once its Replay button is gone).
            ILocator row = table.GetByRole(AriaRole.Row).Filter(new() { HasText = dealId });
            await Expect(row).ToContainTextAsync("open");
            await Expect(row.GetByRole(AriaRole.Button, new() { Name = $"Replay {deadLetterId}", Exact = true })).ToBeVisibleAsync();
            await ActWithReasonAsync(page, $"Replay {deadLetterId}", "the CRM is back");
            await Expect(row).ToContainTextAsync("replayed");

            // Gone from the open ones, found among the replayed.
            ILocator state = page.GetByRole(AriaRole.Combobox, new() { Name = "State", Exact = true });
            await ChooseAsync(state, "open");
            await Button(page, "Search").ClickAsync();
            await Expect(row).ToHaveCountAsync(0);
            await ChooseAsync(state, "replayed");
            await Button(page, "Search").ClickAsync();
            await Expect(row).ToContainTextAsync("replayed");
            await Expect(row.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Replay ") })).ToHaveCountAsync(0);
        });

        JsonNode? letter = (await host.GetAsync("/api/v1/dead-letters?source=crm&status=replayed&pageSize=200"))["items"]!.AsArray()
            .FirstOrDefault(d => (string?)d!["id"] == deadLetterId);
        Assert.NotNull(letter);
        await host.Host.ExplainTimeoutAsync(() => Eventually.Until(
            () => host.Crm.DealPropertyAsync(dealId, "erp_invoice_id"), id => id is not null, ConsoleHostFixture.Deadline, $"the replayed deal {dealId} to be invoiced"));
        Assert.Single(await host.Sandbox.InvoicesForDealAsync(dealId));
    }

    [Fact]
    public async Task An_alert_is_acknowledged_from_the_alerts_page()
    {
        string instanceId = $"deal-invoice-{(await host.DealsAwaitingReviewAsync(1))[0]}";
        JsonNode alert = await Eventually.Until(
            async () => (await host.GetAsync($"/api/v1/alerts?instanceId={instanceId}"))["items"]!.AsArray().FirstOrDefault(),
            a => a is not null, ConsoleHostFixture.Deadline, $"the review alert of {instanceId}") ?? throw new InvalidOperationException("no alert");
        string alertId = (string)alert["id"]!;

        await chromium.RunAsync(nameof(An_alert_is_acknowledged_from_the_alerts_page), async page =>
        {
            await SignInAsync(page, host.ConsoleUrl, StandaloneHostFixture.OperationsKey, "operator");
            await NavigateAsync(page, "Alerts");
            ILocator row = page.GetByRole(AriaRole.Table, new() { Name = "Alerts" }).GetByRole(AriaRole.Row)
                .Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = instanceId, Exact = true }) });
            await Expect(row).ToContainTextAsync("open");
            await ActWithReasonAsync(page, $"Acknowledge {alertId}", "looking at it");
            await Expect(row).ToContainTextAsync("acknowledged");

            // Stored, not only drawn: the page read again says so, and offers only Resolve.
            await page.ReloadAsync();
            await Expect(row).ToContainTextAsync("acknowledged");
            await Expect(Button(page, $"Acknowledge {alertId}")).ToHaveCountAsync(0);
            await Expect(Button(page, $"Resolve {alertId}")).ToBeVisibleAsync();
        });

        JsonNode? stored = (await host.GetAsync($"/api/v1/alerts?instanceId={instanceId}"))["items"]!.AsArray().FirstOrDefault(a => (string?)a!["id"] == alertId);
        Assert.Equal("acknowledged", (string?)stored?["state"]);
    }

    [Fact]
    public async Task A_bulk_action_on_selected_rows_touches_only_those()
    {
        string[] deals = await host.DealsAwaitingReviewAsync(3);
        string[] chosen = [$"deal-invoice-{deals[0]}", $"deal-invoice-{deals[2]}"];
        string left = $"deal-invoice-{deals[1]}";

        await chromium.RunAsync(nameof(A_bulk_action_on_selected_rows_touches_only_those), async page =>
        {
            await SignInAsync(page, host.ConsoleUrl, StandaloneHostFixture.OperationsKey, "operator");
            await page.GotoAsync(host.ConsoleUrl + "#/workflows?workflow=deal-invoice&status=Running&step=awaiting-review");
            ILocator table = page.GetByRole(AriaRole.Table, new() { Name = "Workflows" });
            await Expect(table.GetByRole(AriaRole.Link, new() { Name = left, Exact = true })).ToBeVisibleAsync();
            foreach (string id in chosen)
            {
                await page.GetByRole(AriaRole.Checkbox, new() { Name = $"Select {id}", Exact = true }).CheckAsync();
            }

            await ChooseAsync(page.GetByRole(AriaRole.Combobox, new() { Name = "Bulk action", Exact = true }), "suspend");
            await page.GetByLabel("Reason").FillAsync("checking these two");
            await Button(page, "Dry run").ClickAsync();
            await Expect(page.GetByTestId("bulk-dry-run")).ToContainTextAsync("2 workflows would be touched");
            await Button(page, "Run").ClickAsync();
            ILocator dialog = page.GetByRole(AriaRole.Dialog);
            await Expect(dialog).ToContainTextAsync("suspend 2 workflows?");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Confirm", Exact = true }).ClickAsync();
            ILocator progress = page.GetByRole(AriaRole.Progressbar, new() { Name = "Bulk job progress" });
            await Expect(progress).ToHaveAttributeAsync("aria-valuenow", "2");
            await Expect(progress).ToHaveAttributeAsync("aria-valuemax", "2");
            await Expect(page.GetByTestId("bulk-counts")).ToHaveTextAsync("matched 2, done 2, failed 0, skipped 0");
        });

        foreach (string id in chosen)
        {
            await Eventually.Until(() => host.InstanceAsync(id), i => (string?)i?["runtimeStatus"] == "Suspended", ConsoleHostFixture.Deadline, $"{id} to be suspended");
        }

        Assert.Equal("Running", (string?)(await host.InstanceAsync(left))!["runtimeStatus"]);
    }
}
