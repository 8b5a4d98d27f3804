using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Integration.Tests.System.Console;

/// <summary>
/// What a person does in the console, by the names the console contract gives its controls (role + accessible name,
/// or data-testid), so the tests read as the steps support staff take.
/// </summary>
public static partial class ConsoleSession
{
    /// <summary>Opens the console and signs in with a key; waits until the header names the role.</summary>
    public static async Task SignInAsync(IPage page, string consoleUrl, string key, string role)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync(consoleUrl);
        await page.GetByLabel("Operations key").FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("signed-in-as")).ToContainTextAsync($"({role})");
    }

    /// <summary>Follows a link of the main navigation.</summary>
    public static Task NavigateAsync(IPage page, string link) =>
        page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();

    public static ILocator Button(IPage page, string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    /// <summary>
    /// Chooses a value in a combobox: a select (by value, else by label) or a text input with suggestions, which the
    /// contract leaves to the console.
    /// </summary>
    public static async Task ChooseAsync(ILocator combobox, string value)
    {
        ArgumentNullException.ThrowIfNull(combobox);
        if (await combobox.EvaluateAsync<string>("e => e.tagName") == "SELECT")
        {
            bool byValue = await combobox.EvaluateAsync<bool>("(e, v) => Array.from(e.options).some(o => o.value === v)", value);
            await combobox.SelectOptionAsync(byValue ? new SelectOptionValue { Value = value } : new SelectOptionValue { Label = value });
        }
        else
        {
            await combobox.FillAsync(value);
        }
    }

    /// <summary>Opens an action's dialog from its button, gives the reason and confirms.</summary>
    public static async Task ActWithReasonAsync(IPage page, string button, string reason)
    {
        ArgumentNullException.ThrowIfNull(page);
        await Button(page, button).ClickAsync();
        ILocator dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToBeVisibleAsync();
        await dialog.GetByLabel("Reason").FillAsync(reason);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Confirm", Exact = true }).ClickAsync();
    }

    /// <summary>Reloads the page until a condition on it holds (a workflow moves on; the console need not poll).</summary>
    /// <param name="lastSeen">What the page showed at the last try, for the failure message.</param>
    public static async Task ReloadUntilAsync(IPage page, Func<Task<bool>> holds, TimeSpan timeout, string what, Func<string?>? lastSeen = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(holds);
        DateTime deadline = DateTime.UtcNow + timeout;
        while (!await holds())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for the page to show {what}. {lastSeen?.Invoke()}");
            }

            await Task.Delay(1_000);
            await page.ReloadAsync();
        }
    }

    /// <summary>Every action control the reader role must not have, present in the DOM or not (hidden included).</summary>
    public static ILocator ActionButtons(IPage page) => page.GetByRole(AriaRole.Button, new() { NameRegex = ActionButtonName(), IncludeHidden = true });

    [GeneratedRegex("^(Retry|Restart|Terminate|Suspend|Resume|Re-read source|Purge|Run|Dry run|Send answer|Cancel job)$|^(Replay|Acknowledge|Resolve) ")]
    private static partial Regex ActionButtonName();

    /// <summary>
    /// Saves a screenshot for the README: always into TestResults/screenshots, and into the folder CONSOLE_SCREENSHOTS
    /// names (relative to the repository, e.g. docs/images) when it is set.
    /// </summary>
    public static async Task ScreenshotAsync(IPage page, string fileName)
    {
        ArgumentNullException.ThrowIfNull(page);
        List<string> folders = [Path.Combine(ChromiumFixture.ResultsDirectory, "screenshots")];
        if (Environment.GetEnvironmentVariable("CONSOLE_SCREENSHOTS") is { Length: > 0 } extra)
        {
            folders.Add(Path.IsPathRooted(extra) ? extra : Path.Combine(Infrastructure.TestEnvironment.RepositoryRoot ?? Directory.GetCurrentDirectory(), extra));
        }

        // The console focuses each page's heading for screen readers; its focus ring is not part of the picture.
        await page.EvaluateAsync("() => document.activeElement?.blur()");
        byte[] png = await page.ScreenshotAsync(new PageScreenshotOptions { Type = ScreenshotType.Png });
        foreach (string folder in folders)
        {
            Directory.CreateDirectory(folder);
            await File.WriteAllBytesAsync(Path.Combine(folder, fileName), png);
        }
    }

    /// <summary>True when the page is no wider than the window (no sideways scrolling of the body).</summary>
    public static Task<bool> FitsWidthAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth && document.body.scrollWidth <= window.innerWidth");
}
