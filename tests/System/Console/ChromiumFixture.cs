using Integration.Tests.System.Infrastructure;
using Microsoft.Playwright;

namespace Integration.Tests.System.Console;

/// <summary>
/// One Chromium per test class, driven by Playwright for .NET: Debian's chromium (scripts/chromium.sh installs it), never
/// a browser Playwright would download. Each test gets a new context (its own cookies and sessionStorage).
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    /// <summary>Debian's chromium; CHROMIUM_PATH overrides it on a machine that keeps it elsewhere.</summary>
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";

    private IPlaywright? playwright;
    private IBrowser? browser;

    public IBrowser Browser => browser ?? throw new InvalidOperationException("The browser has not started.");

    /// <summary>Where failures' screenshots and HTML and the README's screenshots go: the repository's TestResults, as test.sh collects them.</summary>
    public static string ResultsDirectory { get; } = Path.Combine(TestEnvironment.RepositoryRoot ?? Directory.GetCurrentDirectory(), "TestResults");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"Chromium is not at {ExecutablePath}: run scripts/chromium.sh (test.sh does) to install Debian's chromium.");
        }

        // The host answers within its own deadlines (3 s); pages render after one or two API calls.
        Assertions.SetDefaultExpectTimeout(15_000);
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start; the rest keep it off the network.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A fresh context at 1280x800 (the size the README's screenshots are taken at).</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 800)
    {
        IBrowserContext context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-US",
            TimezoneId = "UTC",
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// Runs a test's steps on a new page; when they fail, the page's screenshot and HTML are saved as
    /// TestResults/console/{test}.png and .html (xunit 2 has no failure hook, so the test passes its steps in).
    /// </summary>
    public async Task RunAsync(string test, Func<IPage, Task> steps, int width = 1280, int height = 800)
    {
        ArgumentNullException.ThrowIfNull(steps);
        IPage page = await NewPageAsync(width, height);
        try
        {
            await steps(page);
        }
        catch (Exception)
        {
            await SaveFailureAsync(page, test);
            throw;
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    private static async Task SaveFailureAsync(IPage page, string test)
    {
        string folder = Path.Combine(ResultsDirectory, "console");
        Directory.CreateDirectory(folder);
        try
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, test + ".png"), FullPage = true, Timeout = 10_000 });
            await File.WriteAllTextAsync(Path.Combine(folder, test + ".html"), $"<!-- {page.Url} -->\n" + await page.ContentAsync());
        }
        catch (PlaywrightException)
        {
            // The page is gone (the browser crashed): the test's own failure says more than this would.
        }
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
    }
}
