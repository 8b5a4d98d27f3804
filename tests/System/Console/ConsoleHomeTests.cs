using System.Net;
using System.Text.Json.Nodes;
using Integration.Tests.System.Infrastructure;
using Microsoft.Playwright;
using static Integration.Tests.System.Console.ConsoleSession;
using static Microsoft.Playwright.Assertions;

namespace Integration.Tests.System.Console;

/// <summary>
/// The console is served by the standalone host at /api/console/, signs people in with their key (a wrong key is told
/// why), shows the home page's counts as the operations API has them, and is usable on a 375-wide phone screen.
/// </summary>
[Collection(ConsoleHostCollection.Name)]
public sealed class ConsoleHomeTests(ConsoleHostFixture host, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task The_console_is_served_by_the_host_and_a_wrong_key_is_told_why()
    {
        // Served as files, with a content security policy (nothing is loaded from elsewhere).
        using (HttpResponseMessage index = await host.Api.GetAsync("/api/console/"))
        {
            Assert.Equal(HttpStatusCode.OK, index.StatusCode);
            Assert.Equal("text/html", index.Content.Headers.ContentType?.MediaType);
            Assert.True(index.Headers.Contains("Content-Security-Policy"), "the console's page carries a Content-Security-Policy header");
        }

        // The API's own words for a wrong key, which the page must show.
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/api/v1/instances/summary");
        wrong.Headers.Add("X-Api-Key", "not-a-key");
        using HttpResponseMessage refused = await host.Api.SendAsync(wrong);
        string detail = (string)JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["detail"]!;

        await chromium.RunAsync(nameof(The_console_is_served_by_the_host_and_a_wrong_key_is_told_why), async page =>
        {
            await page.GotoAsync(host.ConsoleUrl);
            await page.GetByLabel("Operations key").FillAsync("not-a-key");
            await Button(page, "Sign in").ClickAsync();
            await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = detail })).ToBeVisibleAsync();
            await Expect(page.GetByTestId("signed-in-as")).ToHaveCountAsync(0);

            await page.GetByLabel("Operations key").FillAsync(StandaloneHostFixture.OperationsKey);
            await Button(page, "Sign in").ClickAsync();
            await Expect(page.GetByTestId("signed-in-as")).ToHaveTextAsync("development operator (operator)");
            ILocator nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
            foreach (string link in new[] { "Home", "Workflows", "Reviews", "Dead letters", "Alerts", "Audit" })
            {
                await Expect(nav.GetByRole(AriaRole.Link, new() { Name = link, Exact = true })).ToBeVisibleAsync();
            }

            // Signing out forgets the key.
            await Button(page, "Sign out").ClickAsync();
            await Expect(page.GetByLabel("Operations key")).ToBeVisibleAsync();
            await page.ReloadAsync();
            await Expect(page.GetByTestId("signed-in-as")).ToHaveCountAsync(0);
        });
    }

    [Fact]
    public async Task The_home_page_shows_the_counts_the_operations_api_has()
    {
        // Real data: an invoiced deal, one waiting for review (an open alert too), a dead letter.
        await host.InvoicedDealAsync();
        await host.DealsAwaitingReviewAsync(1);
        await host.OpenDeadLetterAsync();

        await chromium.RunAsync(nameof(The_home_page_shows_the_counts_the_operations_api_has), async page =>
        {
            await SignInAsync(page, host.ConsoleUrl, StandaloneHostFixture.OperationsKey, "operator");
            await NavigateAsync(page, "Home");
            foreach (string heading in new[] { "Workflows", "Reviews waiting", "Open alerts", "Open dead letters", "Events queue" })
            {
                await Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = true })).ToBeVisibleAsync();
            }

            await Expect(page.GetByRole(AriaRole.Img, new() { Name = "Workflows started, completed and failed over time" })).ToBeVisibleAsync();

            // The page and the API agree (counts move while workflows run: read both until they hold still together).
            string? last = null;
            await ReloadUntilAsync(page, async () =>
            {
                JsonObject summary = await host.GetAsync("/api/v1/instances/summary");
                List<(string TestId, string Expected)> figures =
                [
                    ("reviews-waiting", ((int)summary["reviewsWaiting"]!).ToString(global::System.Globalization.CultureInfo.InvariantCulture)),
                    ("open-alerts", ((int)summary["openAlerts"]!).ToString(global::System.Globalization.CultureInfo.InvariantCulture)),
                    ("open-dead-letters", ((int)summary["openDeadLetters"]!).ToString(global::System.Globalization.CultureInfo.InvariantCulture)),
                    ("queue-length", ((int)summary["eventsQueueLength"]!).ToString(global::System.Globalization.CultureInfo.InvariantCulture)),
                ];
                foreach ((string workflow, JsonNode? statuses) in summary["byWorkflow"]!.AsObject())
                {
                    foreach ((string status, JsonNode? count) in statuses!.AsObject())
                    {
                        figures.Add(($"count-{workflow}-{status}", ((int)count!).ToString(global::System.Globalization.CultureInfo.InvariantCulture)));
                    }
                }

                await Expect(page.GetByTestId("reviews-waiting")).ToBeVisibleAsync();
                List<string> differences = [];
                foreach ((string testId, string expected) in figures)
                {
                    ILocator cell = page.GetByTestId(testId);
                    string? shown = await cell.CountAsync() == 1 ? (await cell.InnerTextAsync()).Trim() : null;
                    if (shown != expected)
                    {
                        differences.Add($"{testId}: page {shown ?? "(missing)"}, API {expected}");
                    }
                }

                last = string.Join("; ", differences);
                return differences.Count == 0;
            }, TimeSpan.FromSeconds(45), "the API's counts", () => last);

            // The figures are real: this host has a deal invoiced, one waiting for review, an open dead letter.
            Assert.True(int.Parse(await page.GetByTestId("count-deal-invoice-Completed").InnerTextAsync(), global::System.Globalization.CultureInfo.InvariantCulture) >= 1);
            Assert.True(int.Parse(await page.GetByTestId("reviews-waiting").InnerTextAsync(), global::System.Globalization.CultureInfo.InvariantCulture) >= 1);
            Assert.True(int.Parse(await page.GetByTestId("open-dead-letters").InnerTextAsync(), global::System.Globalization.CultureInfo.InvariantCulture) >= 1);
            await Expect(page.GetByTestId("queue-oldest-age")).ToBeVisibleAsync();
            await ScreenshotAsync(page, "console-home.png");
        });
    }

    [Fact]
    public async Task The_console_fits_a_375_pixel_wide_phone_screen()
    {
        string dealId = (await host.DealsAwaitingReviewAsync(1))[0];
        await chromium.RunAsync(nameof(The_console_fits_a_375_pixel_wide_phone_screen), async page =>
        {
            await SignInAsync(page, host.ConsoleUrl, StandaloneHostFixture.OperationsKey, "operator");
            Assert.True(await FitsWidthAsync(page), "the home page scrolls sideways at 375 px");

            await page.GotoAsync(host.ConsoleUrl + "#/workflows?workflow=deal-invoice");
            await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Workflows" })).ToBeVisibleAsync();
            Assert.True(await FitsWidthAsync(page), "the workflow list scrolls sideways at 375 px");

            await page.GotoAsync(host.ConsoleUrl + $"#/workflows/deal-invoice-{dealId}");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = $"deal-invoice-{dealId}" })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Form, new() { Name = "Answer review" })).ToBeVisibleAsync();
            Assert.True(await FitsWidthAsync(page), "the workflow page scrolls sideways at 375 px");

            // Usable, not just narrow: the navigation and the review's button can be reached and seen.
            await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToBeVisibleAsync();
            await Expect(Button(page, "Send answer")).ToBeVisibleAsync();

            // The other pages' tables scroll inside their own box, not the page.
            foreach ((string route, string table) in new[] { ("#/reviews", "Reviews waiting"), ("#/dead-letters", "Dead letters"), ("#/alerts", "Alerts"), ("#/audit", "Audit trail") })
            {
                await page.GotoAsync(host.ConsoleUrl + route);
                await Expect(page.GetByRole(AriaRole.Table, new() { Name = table })).ToBeVisibleAsync();
                Assert.True(await FitsWidthAsync(page), $"{route} scrolls sideways at 375 px");
            }
        }, width: 375, height: 800);
    }
}
