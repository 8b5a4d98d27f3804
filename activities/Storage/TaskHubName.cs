using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace Integration.Activities.Storage;

/// <summary>
/// The Durable Task hub a deployment runs on, found the same way in both hosts. The product's own queues
/// and tables are named from it, so two deployments (or a test and a developer) on one storage account
/// never share them.
/// </summary>
public static class TaskHubName
{
    /// <summary>The standalone host's override (tests and benchmarks use a fresh hub per run).</summary>
    public const string StandaloneSetting = "Engine:TaskHubName";

    /// <summary>The Functions host's override of host.json (app setting AzureFunctionsJobHost__extensions__durableTask__hubName).</summary>
    public const string FunctionsSetting = "AzureFunctionsJobHost:extensions:durableTask:hubName";

    /// <summary>Longest hub name accepted: Durable Task allows 45, but the longest product table name must stay within storage's 63.</summary>
    public const int MaxLength = 40;

    /// <summary>
    /// <see cref="StandaloneSetting"/>, else <see cref="FunctionsSetting"/>, else host.json's extensions.durableTask.hubName
    /// (the host.json next to the app unless <paramref name="hostJsonPath"/> names another).
    /// </summary>
    /// <exception cref="InvalidOperationException">No hub is named, or the name is not a valid hub name.</exception>
    public static string Resolve(IConfiguration configuration, string? hostJsonPath = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string path = hostJsonPath ?? Path.Combine(AppContext.BaseDirectory, "host.json");
        (string? name, string source) =
            configuration[StandaloneSetting] is { Length: > 0 } standalone ? (standalone, StandaloneSetting)
            : configuration[FunctionsSetting] is { Length: > 0 } functions ? (functions, FunctionsSetting)
            : (FromHostJson(path), $"{path} (extensions.durableTask.hubName)");
        if (string.IsNullOrEmpty(name))
        {
            throw new InvalidOperationException(
                $"No task hub is named: set extensions.durableTask.hubName in host.json, or '{FunctionsSetting}' (Functions) or '{StandaloneSetting}' (standalone).");
        }

        return Problem(name) is { } problem ? throw new InvalidOperationException($"The task hub name from {source} {problem}") : name;
    }

    /// <summary>Why <paramref name="name"/> cannot be a hub name, or null when it can: 3-40 letters or digits, starting with a letter.</summary>
    public static string? Problem(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Length is >= 3 and <= MaxLength && char.IsAsciiLetter(name[0]) && name.All(char.IsAsciiLetterOrDigit)
            ? null
            : $"'{name}' is not a valid task hub name: it must be 3 to {MaxLength} letters or digits (a-z, A-Z, 0-9), starting with a letter.";
    }

    private static string? FromHostJson(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return doc.RootElement.TryGetProperty("extensions", out JsonElement extensions) && extensions.ValueKind == JsonValueKind.Object &&
            extensions.TryGetProperty("durableTask", out JsonElement durable) && durable.ValueKind == JsonValueKind.Object &&
            durable.TryGetProperty("hubName", out JsonElement hub) && hub.ValueKind == JsonValueKind.String
            ? hub.GetString()
            : null;
    }
}
