using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Integration.Activities.Composition;
using Integration.Functions.Http;
using Integration.Functions.Workflows;
using Microsoft.Azure.Functions.Worker;
using Xunit;

namespace Integration.Tests.Unit.Hosts;

/// <summary>
/// What the Functions host will index: the functions.metadata the worker SDK generates at build time,
/// and the repo-root host.json the app ships with.
/// </summary>
public sealed class FunctionsMetadataTests
{
    private const string SolutionFile = "Integration.sln";

    private static readonly JsonDocumentOptions Lenient = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private static readonly Lazy<IReadOnlyList<JsonElement>> Functions = new(LoadMetadata);

    [Fact]
    public void Webhook_is_an_anonymous_post_trigger_on_the_versioned_route()
    {
        JsonElement trigger = TriggerOf("Webhook", "httpTrigger");

        Assert.Equal("v1/webhooks/{source}", trigger.GetProperty("route").GetString());
        Assert.Equal(["post"], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()?.ToLowerInvariant()));
        Assert.Equal("anonymous", trigger.GetProperty("authLevel").GetString()?.ToLowerInvariant());
    }

    [Fact]
    public void Health_is_an_http_trigger_on_the_health_route()
    {
        JsonElement trigger = TriggerOf("Health", "httpTrigger");

        Assert.Equal("health", trigger.GetProperty("route").GetString());
        Assert.Equal(["get"], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()?.ToLowerInvariant()));
    }

    [Theory]
    [InlineData("UnmatchedRoute")]
    [InlineData("GetRouteOtherMethod")]
    [InlineData("PostRouteOtherMethod")]
    public void The_catch_all_routes_are_indexed_with_the_route_and_methods_of_their_trigger(string functionName)
    {
        JsonElement trigger = TriggerOf(functionName, "httpTrigger");
        HttpTriggerAttribute attribute = typeof(UnmatchedRouteFunctions).GetMethod(functionName)!
            .GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).Single(a => a is not null)!;

        Assert.Equal(attribute.Route, trigger.GetProperty("route").GetString());
        string[] indexed = trigger.TryGetProperty("methods", out JsonElement methods)
            ? methods.EnumerateArray().Select(m => m.GetString()!.ToLowerInvariant()).ToArray()
            : [];
        Assert.Equal((attribute.Methods ?? []).Select(m => m.ToLowerInvariant()), indexed);
        Assert.Equal("anonymous", trigger.GetProperty("authLevel").GetString()?.ToLowerInvariant());
    }

    [Fact]
    public void Dispatcher_is_triggered_by_the_events_queue_named_in_the_app_settings_on_the_jobs_storage_connection()
    {
        JsonElement trigger = TriggerOf("Dispatcher", "queueTrigger");

        // The hub's queue name comes from an app setting the worker checks against the hub at start-up.
        Assert.Equal("%EventsQueueName%", trigger.GetProperty("queueName").GetString());
        Assert.Equal("AzureWebJobsStorage", trigger.GetProperty("connection").GetString());
    }

    [Fact]
    public void PoisonEvents_is_triggered_by_the_poison_queue()
    {
        JsonElement trigger = TriggerOf("PoisonEvents", "queueTrigger");

        Assert.Equal("%EventsQueueName%-poison", trigger.GetProperty("queueName").GetString());
        Assert.Equal("AzureWebJobsStorage", trigger.GetProperty("connection").GetString());
    }

    [Fact]
    public void Each_registered_orchestrator_has_an_orchestration_trigger()
    {
        Assert.NotEmpty(IntegrationTasks.Orchestrators);
        foreach (Type orchestrator in IntegrationTasks.Orchestrators)
        {
            TriggerOf(orchestrator.Name, "orchestrationTrigger");
        }
    }

    [Fact]
    public void Each_registered_activity_has_an_activity_trigger()
    {
        Assert.NotEmpty(IntegrationTasks.Activities);
        foreach (Type activity in IntegrationTasks.Activities)
        {
            TriggerOf(activity.Name, "activityTrigger");
        }
    }

    [Fact]
    public void Every_expected_function_is_present_and_none_is_listed_twice()
    {
        string[] names = Functions.Value.Select(f => f.GetProperty("name").GetString()!).ToArray();
        string[] expected =
        [
            "Webhook", "Health", "Dispatcher", "PoisonEvents",
            .. IntegrationTasks.Orchestrators.Select(t => t.Name),
            .. IntegrationTasks.Activities.Select(t => t.Name),
        ];

        string[] missing = expected.Except(names, StringComparer.Ordinal).ToArray();
        string[] duplicated = names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
        Assert.True(missing.Length == 0, $"Missing from functions.metadata: {string.Join(", ", missing)}");
        Assert.True(duplicated.Length == 0, $"Listed more than once in functions.metadata: {string.Join(", ", duplicated)}");
    }

    [Fact]
    public void The_metadata_lists_exactly_the_function_methods_of_the_built_assembly()
    {
        // A stale functions.metadata (from an older build) would index functions that no longer exist, or miss new ones.
        string[] inMetadata = Functions.Value.Select(f => f.GetProperty("name").GetString()!).Order(StringComparer.Ordinal).ToArray();
        string[] inAssembly = typeof(DealToInvoiceFunctions).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(m => m.GetCustomAttribute<FunctionAttribute>()?.Name)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToArray();

        Assert.Equal(inAssembly, inMetadata);
    }

    [Fact]
    public void Every_function_points_at_the_functions_assembly_as_an_isolated_worker_function()
    {
        Assert.All(Functions.Value, f =>
        {
            Assert.Equal("Integration.Functions.dll", f.GetProperty("scriptFile").GetString());
            Assert.Equal("dotnet-isolated", f.GetProperty("language").GetString());
        });
    }

    [Fact]
    public void Host_json_at_the_repo_root_has_no_extension_bundle_and_names_the_hub()
    {
        string path = Path.Combine(RepoRoot(), "host.json");
        Assert.True(File.Exists(path), $"No host.json at {path}");

        using JsonDocument host = JsonDocument.Parse(File.ReadAllText(path), Lenient);

        Assert.False(
            host.RootElement.EnumerateObject().Any(p => string.Equals(p.Name, "extensionBundle", StringComparison.OrdinalIgnoreCase)),
            "host.json must not declare an extensionBundle: the isolated worker's extensions come from the build.");
        Assert.Equal("2.0", host.RootElement.GetProperty("version").GetString());
        Assert.Equal(
            "IntegrationHub",
            host.RootElement.GetProperty("extensions").GetProperty("durableTask").GetProperty("hubName").GetString());
    }

    /// <summary>The single trigger binding of the named function, asserting its type.</summary>
    private static JsonElement TriggerOf(string functionName, string triggerType)
    {
        JsonElement function = Assert.Single(Functions.Value, f => f.GetProperty("name").GetString() == functionName);
        JsonElement trigger = Assert.Single(
            function.GetProperty("bindings").EnumerateArray(),
            b => b.GetProperty("type").GetString()?.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase) == true);
        Assert.Equal(triggerType, trigger.GetProperty("type").GetString());
        Assert.Equal("in", trigger.GetProperty("direction").GetString()?.ToLowerInvariant());
        return trigger;
    }

    private static IReadOnlyList<JsonElement> LoadMetadata()
    {
        string path = FindMetadata();
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(path), Lenient);
        Assert.Equal(JsonValueKind.Array, doc.RootElement.ValueKind);
        return doc.RootElement.EnumerateArray().Select(e => e.Clone()).ToArray();
    }

    /// <summary>Next to the functions assembly first (the build copies it there); else the newest one a Functions build left behind.</summary>
    private static string FindMetadata()
    {
        string beside = Path.Combine(Path.GetDirectoryName(typeof(DealToInvoiceFunctions).Assembly.Location)!, "functions.metadata");
        if (File.Exists(beside))
        {
            return beside;
        }

        var candidates = new List<FileInfo>();
        string functionsBin = Path.Combine(RepoRoot(), "functions", "bin");
        if (Directory.Exists(functionsBin))
        {
            candidates.AddRange(new DirectoryInfo(functionsBin).EnumerateFiles("functions.metadata", SearchOption.AllDirectories));
        }

        foreach (string artifacts in Directory.Exists("/tmp") ? Directory.EnumerateDirectories("/tmp", "art-*") : [])
        {
            string bin = Path.Combine(artifacts, "bin", "Integration.Functions");
            if (Directory.Exists(bin))
            {
                candidates.AddRange(new DirectoryInfo(bin).EnumerateFiles("functions.metadata", SearchOption.AllDirectories));
            }
        }

        FileInfo? newest = candidates.OrderByDescending(f => f.LastWriteTimeUtc).FirstOrDefault();
        Assert.True(newest is not null, $"No functions.metadata beside {beside}, under {functionsBin} or /tmp/art-*/bin/Integration.Functions: build functions/ first.");
        return newest.FullName;
    }

    /// <summary>The folder holding Integration.sln, searched upward from the build output, the working directory and this source file.</summary>
    private static string RepoRoot()
    {
        string?[] starts = [AppContext.BaseDirectory, Directory.GetCurrentDirectory(), Path.GetDirectoryName(SourceFile())];
        foreach (string? start in starts)
        {
            for (DirectoryInfo? dir = start is null ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException($"No {SolutionFile} above {string.Join(" or ", starts)}.");
    }

    private static string SourceFile([CallerFilePath] string path = "") => path;
}
