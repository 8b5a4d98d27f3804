using System.Globalization;
using System.Text.RegularExpressions;
using Integration.Tests.System.Infrastructure;
using Microsoft.Playwright;
using static Integration.Tests.System.Console.ConsoleSession;
using static Microsoft.Playwright.Assertions;

namespace Integration.Tests.System.Console;

/// <summary>
/// A bulk action from the workflow list on 50 workflows: filtered by step, a dry run that names how many, a
/// confirmation naming 50, and a progress bar that climbs to 50 while the job runs; every one is terminated.
/// </summary>
[Collection(ConsoleBulkHostCollection.Name)]
public sealed class ConsoleBulkActionTests(ConsoleBulkHostFixture host, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const int Count = 50;

    [Fact]
    public async Task A_bulk_terminate_of_50_workflows_waiting_for_review_shows_its_progress_to_50()
    {
        // This host runs nothing else: exactly these 50 wait for review.
        string[] deals = await host.DealsAwaitingReviewAsync(Count);
        List<int> seen = [];

        await chromium.RunAsync(nameof(A_bulk_terminate_of_50_workflows_waiting_for_review_shows_its_progress_to_50), async page =>
        {
            await SignInAsync(page, host.ConsoleUrl, StandaloneHostFixture.OperationsKey, "operator");
            await NavigateAsync(page, "Workflows");
            await ChooseAsync(page.GetByRole(AriaRole.Combobox, new() { Name = "Workflow", Exact = true }), "deal-invoice");
            await ChooseAsync(page.GetByRole(AriaRole.Combobox, new() { Name = "Status", Exact = true }), "Running");
            await ChooseAsync(page.GetByRole(AriaRole.Combobox, new() { Name = "Step", Exact = true }), "awaiting-review");
            await Button(page, "Search").ClickAsync();
            ILocator table = page.GetByRole(AriaRole.Table, new() { Name = "Workflows" });
            await Expect(table.GetByRole(AriaRole.Link, new() { Name = $"deal-invoice-{deals[0]}", Exact = true })).ToBeVisibleAsync();

            await ChooseAsync(page.GetByRole(AriaRole.Combobox, new() { Name = "Bulk action", Exact = true }), "terminate");
            await page.GetByLabel("Reason").FillAsync("stale reviews");

            // The dry run counts them and touches none.
            await Button(page, "Dry run").ClickAsync();
            await Expect(page.GetByTestId("bulk-dry-run")).ToContainTextAsync($"{Count} workflows would be touched", new() { Timeout = 60_000 });
            Assert.Equal("Running", (string?)(await host.InstanceAsync($"deal-invoice-{deals[0]}"))!["runtimeStatus"]);

            // The confirmation names the action and how many; the progress bar climbs to 50.
            await Button(page, "Run").ClickAsync();
            ILocator dialog = page.GetByRole(AriaRole.Dialog);
            await Expect(dialog).ToContainTextAsync(new Regex($"terminate {Count} workflows\\?", RegexOptions.IgnoreCase));
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Confirm", Exact = true }).ClickAsync();

            ILocator progress = page.GetByRole(AriaRole.Progressbar, new() { Name = "Bulk job progress" });
            await Expect(progress).ToBeVisibleAsync();
            DateTime deadline = DateTime.UtcNow + ConsoleHostFixture.Deadline;
            while (true)
            {
                string? now = await progress.GetAttributeAsync("aria-valuenow");
                if (int.TryParse(now, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && (seen.Count == 0 || seen[^1] != value))
                {
                    seen.Add(value);
                }

                if (value == Count)
                {
                    break;
                }

                Assert.True(DateTime.UtcNow < deadline, $"the progress bar did not reach {Count}; seen: [{string.Join(", ", seen)}]");
                await Task.Delay(100);
            }

            await Expect(progress).ToHaveAttributeAsync("aria-valuemax", Count.ToString(CultureInfo.InvariantCulture));
            await Expect(page.GetByTestId("bulk-counts")).ToHaveTextAsync($"matched {Count}, done {Count}, failed 0, skipped 0");
        });

        // The bar moved while the job ran (10 a second: about five seconds), and only ever forwards.
        Assert.True(seen.Any(v => v is > 0 and < Count), $"the progress bar showed no step between 0 and {Count}: [{string.Join(", ", seen)}]");
        Assert.Equal(seen.Order().ToArray(), seen.ToArray());
        foreach (string dealId in deals)
        {
            Assert.Equal("Terminated", (string?)(await host.InstanceAsync($"deal-invoice-{dealId}"))!["runtimeStatus"]);
        }
    }
}
