using System.Globalization;
using System.Text.RegularExpressions;
using Integration.Orchestrations.Routing;
using Microsoft.AspNetCore.Http;

namespace Integration.Activities.Operations;

/// <summary>The list's query string read into a filter, or the one parameter that is wrong and why (a 400 naming it).</summary>
public sealed record InstanceQuery(InstanceFilter? Filter, int PageSize, string? ContinuationToken, string? BadParameter, string? Problem);

/// <summary>Reads and checks GET /api/v1/instances' parameters: statuses case-insensitively, times as ISO 8601, page size 1 to 200.</summary>
public static partial class InstanceQueryParameters
{
    public const int DefaultPageSize = 50;

    /// <summary>The runtime statuses a filter accepts, spelled as the engine and the answers spell them.</summary>
    public static readonly IReadOnlyList<string> Statuses = ["Running", "Pending", "Completed", "Failed", "Terminated", "Suspended"];

    public static InstanceQuery Parse(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        string? workflow = One(query, "workflow");
        if (workflow is not null && WorkflowCatalog.ByName(workflow) is null)
        {
            return Bad("workflow", $"'{workflow}' is not a workflow; use one of: {string.Join(", ", WorkflowCatalog.Names)}.");
        }

        var statuses = new List<string>();
        foreach (string status in query["status"].SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
        {
            string? known = Statuses.FirstOrDefault(s => string.Equals(s, status, StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                return Bad("status", $"'{status}' is not a runtime status; use one of: {string.Join(", ", Statuses)} (several separated by commas).");
            }

            statuses.Add(known);
        }

        string? key = One(query, "key");
        if (key is not null && EventIdLimits.SubjectProblem(key) is { } keyProblem)
        {
            return Bad("key", $"The key {keyProblem}.");
        }

        string? step = One(query, "step");
        if (step is not null && !StepFormat().IsMatch(step))
        {
            return Bad("step", $"'{step}' is not a step name: lower-case words joined by '-', e.g. awaiting-review.");
        }

        if (!Time(query, "createdFrom", out DateTimeOffset? from) || !Time(query, "createdTo", out DateTimeOffset? to))
        {
            string name = Time(query, "createdFrom", out _) ? "createdTo" : "createdFrom";
            return Bad(name, $"'{One(query, name)}' is not an ISO 8601 time, e.g. 2026-12-01T09:00:00Z.");
        }

        if (from is { } f && to is { } t && f >= t)
        {
            return Bad("createdTo", "createdTo must be later than createdFrom.");
        }

        int pageSize = DefaultPageSize;
        if (One(query, "pageSize") is { } size
            && (!int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > InstanceTableFinder.MaxPageSize))
        {
            return Bad("pageSize", $"'{size}' is not a page size; use a whole number from 1 to {InstanceTableFinder.MaxPageSize}.");
        }

        return new InstanceQuery(
            new InstanceFilter(workflow, statuses.Count > 0 ? statuses.Distinct().ToArray() : null, key, step, from, to),
            pageSize, One(query, "continuationToken"), null, null);
    }

    /// <summary>Whether a step filter is a step name (lower-case words joined by '-'); bulk jobs check their filter with it too.</summary>
    public static bool IsStepName(string step) => StepFormat().IsMatch(step);

    private static InstanceQuery Bad(string parameter, string problem) => new(null, 0, null, parameter, problem);

    private static string? One(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) && values.LastOrDefault() is { Length: > 0 } value ? value : null;

    private static bool Time(IQueryCollection query, string name, out DateTimeOffset? value)
    {
        value = null;
        if (One(query, name) is not { } text)
        {
            return true;
        }

        if (!IsoTime().IsMatch(text)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset parsed))
        {
            return false;
        }

        value = parsed;
        return true;
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex StepFormat();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})?)?$")]
    private static partial Regex IsoTime();
}
