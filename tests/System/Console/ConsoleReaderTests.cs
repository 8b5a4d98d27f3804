using System.Text.RegularExpressions;
using Integration.Tests.System.Infrastructure;
using Microsoft.Playwright;
using static Integration.Tests.System.Console.ConsoleSession;
using static Microsoft.Playwright.Assertions;

namespace Integration.Tests.System.Console;

/// <summary>
/// A reader sees everything and can change nothing: no action button anywhere (workflow page, list, dead letters,
/// alerts), not even hidden; the same pages show an operator their actions, so the check is not vacuous.
/// </summary>
[Collection(ConsoleHostCollection.Name)]
public sealed class ConsoleReaderTests(ConsoleHostFixture host, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task A_reader_finds_no_action_buttons_anywhere()
    {
        // Something to act on everywhere: a deal waiting for review (with its alert) and an open dead letter.
        string dealId = (await host.DealsAwaitingReviewAsync(1))[0];
        string instanceId = $"deal-invoice-{dealId}";
        (string deadLetterId, _) = await host.OpenDeadLetterAsync();
        await Eventually.Until(
            async () => (await host.GetAsync($"/api/v1/alerts?instanceId={instanceId}"))["items"]!.AsArray().Count,
            n => n > 0, ConsoleHostFixture.Deadline, $"an alert for {instanceId}");

        foreach ((string role, string key) in new[] { ("operator", StandaloneHostFixture.OperationsKey), ("reader", StandaloneHostFixture.ReaderKey) })
        {
            bool reader = role == "reader";
            await chromium.RunAsync($"{nameof(A_reader_finds_no_action_buttons_anywhere)}-{role}", async page =>
            {
                await SignInAsync(page, host.ConsoleUrl, key, role);

                // The workflow page: what it is about, with the review's question, but nothing to press for a reader.
                await page.GotoAsync(host.ConsoleUrl + $"#/workflows/{instanceId}");
                await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = instanceId, Exact = true })).ToBeVisibleAsync();
                await Expect(page.GetByTestId("runtime-status")).ToHaveTextAsync("Running");
                await Expect(page.GetByRole(AriaRole.List, new() { Name = "Steps" }).GetByRole(AriaRole.Listitem).First).ToBeVisibleAsync();
                await AssertActionsAsync(page, reader, "Terminate");

                // The list, with its rows shown.
                await NavigateAsync(page, "Workflows");
                await page.GetByLabel("Business key").FillAsync(dealId);
                await Button(page, "Search").ClickAsync();
                await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Workflows" }).GetByRole(AriaRole.Link, new() { Name = instanceId, Exact = true })).ToBeVisibleAsync();
                await AssertActionsAsync(page, reader, "Run");
                await Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "Bulk action", IncludeHidden = true })).ToHaveCountAsync(reader ? 0 : 1);

                // Dead letters, with the open one listed.
                await NavigateAsync(page, "Dead letters");
                ILocator deadLetters = page.GetByRole(AriaRole.Table, new() { Name = "Dead letters" });
                await Expect(deadLetters.GetByRole(AriaRole.Row).Nth(1)).ToBeVisibleAsync();
                await AssertActionsAsync(page, reader, $"Replay {deadLetterId}");

                // Alerts, with the review's alert listed.
                await NavigateAsync(page, "Alerts");
                ILocator alerts = page.GetByRole(AriaRole.Table, new() { Name = "Alerts" });
                await Expect(alerts.GetByRole(AriaRole.Row).Filter(new() { HasText = dealId }).First).ToBeVisibleAsync();
                await AssertActionsAsync(page, reader, "Acknowledge ");

                await NavigateAsync(page, "Reviews");
                await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Reviews waiting" }).GetByRole(AriaRole.Link).First).ToBeVisibleAsync();
                await AssertActionsAsync(page, reader, null);
            });
        }
    }

    /// <summary>A reader has none of the action buttons; an operator has the one this page must offer (a name, or its start when it ends in a space).</summary>
    private static async Task AssertActionsAsync(IPage page, bool reader, string? operatorButton)
    {
        if (reader)
        {
            await Expect(ActionButtons(page)).ToHaveCountAsync(0);
            await Expect(page.GetByRole(AriaRole.Form, new() { Name = "Answer review", IncludeHidden = true })).ToHaveCountAsync(0);
        }
        else if (operatorButton is not null)
        {
            ILocator button = operatorButton.EndsWith(' ')
                ? page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^" + Regex.Escape(operatorButton)) }).First
                : Button(page, operatorButton);
            await Expect(button).ToBeVisibleAsync();
        }
    }
}
