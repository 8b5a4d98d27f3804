using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Integration.Tests.System.Infrastructure;
using Microsoft.Playwright;
using static Integration.Tests.System.Console.ConsoleSession;
using static Microsoft.Playwright.Assertions;

namespace Integration.Tests.System.Console;

/// <summary>
/// The console is usable from the keyboard and readable by a screen reader: each page passes axe-core's checks
/// (no serious or critical violation: labels, names, contrast, landmarks), and a person signs in and moves between
/// pages with the keyboard alone.
/// </summary>
[Collection(ConsoleHostCollection.Name)]
public sealed class ConsoleAccessibilityTests(ConsoleHostFixture host, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task Every_page_passes_the_accessibility_checks()
    {
        string dealId = (await host.DealsAwaitingReviewAsync(1))[0];
        await host.OpenDeadLetterAsync();

        await chromium.RunAsync(nameof(Every_page_passes_the_accessibility_checks), async page =>
        {
            await page.GotoAsync(host.ConsoleUrl);
            await Expect(page.GetByLabel("Operations key")).ToBeVisibleAsync();
            List<string> violations = await ViolationsAsync(page, "sign-in");

            await SignInAsync(page, host.ConsoleUrl, StandaloneHostFixture.OperationsKey, "operator");
            (string Route, ILocator Ready)[] pages =
            [
                ("#/", page.GetByTestId("reviews-waiting")),
                ("#/workflows?workflow=deal-invoice", page.GetByRole(AriaRole.Table, new() { Name = "Workflows" }).GetByRole(AriaRole.Link).First),
                ($"#/workflows/deal-invoice-{dealId}", page.GetByRole(AriaRole.Form, new() { Name = "Answer review" })),
                ("#/reviews", page.GetByRole(AriaRole.Table, new() { Name = "Reviews waiting" }).GetByRole(AriaRole.Link).First),
                ("#/dead-letters", page.GetByRole(AriaRole.Table, new() { Name = "Dead letters" }).GetByRole(AriaRole.Row).Nth(1)),
                ("#/alerts", page.GetByRole(AriaRole.Table, new() { Name = "Alerts" }).GetByRole(AriaRole.Row).Nth(1)),
                ("#/audit", page.GetByRole(AriaRole.Table, new() { Name = "Audit trail" })),
            ];
            foreach ((string route, ILocator ready) in pages)
            {
                await page.GotoAsync(host.ConsoleUrl + route);
                await Expect(ready).ToBeVisibleAsync();
                violations.AddRange(await ViolationsAsync(page, route));
            }

            Assert.True(violations.Count == 0, "axe-core found serious or critical violations:\n" + string.Join('\n', violations));
        });
    }

    [Fact]
    public async Task A_person_signs_in_and_moves_between_pages_with_the_keyboard_alone()
    {
        await chromium.RunAsync(nameof(A_person_signs_in_and_moves_between_pages_with_the_keyboard_alone), async page =>
        {
            await page.GotoAsync(host.ConsoleUrl);
            await TabToAsync(page, page.GetByLabel("Operations key"));
            await page.Keyboard.TypeAsync(StandaloneHostFixture.ReaderKey);
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.GetByTestId("signed-in-as")).ToContainTextAsync("(reader)");

            await TabToAsync(page, page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Dead letters", Exact = true }));
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Dead letters" })).ToBeVisibleAsync();
            Assert.EndsWith("#/dead-letters", page.Url, StringComparison.Ordinal);
        });
    }

    /// <summary>Presses Tab until the element has the focus (as a keyboard user would reach it), at most 40 times.</summary>
    private static async Task TabToAsync(IPage page, ILocator target)
    {
        for (int presses = 0; presses < 40; presses++)
        {
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement"))
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail($"{target} could not be reached with the Tab key within 40 presses.");
    }

    private static async Task<List<string>> ViolationsAsync(IPage page, string where)
    {
        AxeResult result = await page.RunAxe();
        return result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{where}: {v.Id} ({v.Impact}): {v.Help}; at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}")
            .ToList();
    }
}
