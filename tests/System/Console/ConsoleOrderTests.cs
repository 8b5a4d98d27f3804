using Integration.SendEvent.Orders;
using Integration.Tests.System.Infrastructure;
using Microsoft.Playwright;
using static Integration.Tests.System.Console.ConsoleSession;
using static Microsoft.Playwright.Assertions;

namespace Integration.Tests.System.Console;

/// <summary>
/// An order as support staff see it in the console, in a real browser: found by its order key, said in business words
/// while the warehouse has it ("Order 1001 from store-a is waiting for the warehouse to ship"), and once it shipped.
/// </summary>
[Collection(ConsoleHostCollection.Name)]
public sealed class ConsoleOrderTests(ConsoleHostFixture host, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task An_order_is_found_by_its_key_and_read_in_business_words_before_and_after_it_ships()
    {
        using var sandbox = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var run = new OrderScenarioRun(new SandboxShop(sandbox, host.Host.SandboxBaseUrl), new SandboxWarehouses(sandbox, host.Host.SandboxBaseUrl), host.Sender, TextWriter.Null);
        long id = SampleOrders.NewOrderId();
        string key = SampleOrders.Key("store-a", id);
        string instanceId = "order-" + key;
        using (await run.PlaceAsync("store-a", id, [("TEE-BLK-M", 1), ("MUG-CLASSIC", 2)], CancellationToken.None)) { }
        WarehouseOrder order = await run.WaitForWarehouseOrderAsync(key, CancellationToken.None);
        await Eventually.Until(
            () => host.InstanceAsync(instanceId), i => (string?)i?["customStatus"]?["Step"] == "awaiting-shipment", ConsoleHostFixture.Deadline, $"{instanceId} to wait for the warehouse");

        await chromium.RunAsync(nameof(An_order_is_found_by_its_key_and_read_in_business_words_before_and_after_it_ships), async page =>
        {
            await SignInAsync(page, host.ConsoleUrl, StandaloneHostFixture.ReaderKey, "reader");
            await NavigateAsync(page, "Workflows");
            await page.GetByLabel("Business key").FillAsync(key);
            await Button(page, "Search").ClickAsync();
            ILocator table = page.GetByRole(AriaRole.Table, new() { Name = "Workflows" });
            await table.GetByRole(AriaRole.Link, new() { Name = instanceId, Exact = true }).ClickAsync();

            await Expect(page.GetByTestId("where-now")).ToContainTextAsync($"Order {id} from store-a is waiting for the warehouse to ship");
            await Expect(page.GetByTestId("business")).ToContainTextAsync($"Order {key}");
            await ScreenshotAsync(page, "console-order.png");

            await run.Warehouses.ShipAsync(order, null, CancellationToken.None);
            await ReloadUntilAsync(
                page,
                async () => (await page.GetByTestId("where-now").InnerTextAsync()).Contains("was shipped by shipbob and the store has its tracking", StringComparison.Ordinal),
                ConsoleHostFixture.Deadline,
                "the order to read as shipped");
            await Expect(page.GetByTestId("business")).ToContainTextAsync("shipbob");
        });
    }
}
