using System.Globalization;
using System.Text.Json;
using Integration.Activities.Http;
using Integration.Orchestrations.Operations;
using Integration.Orchestrations.Routing;

namespace Integration.Activities.Operations;

/// <summary>A bulk job request as read and checked from the body of POST /api/v1/bulk-jobs.</summary>
public sealed record BulkJobSpec(string Action, BulkJobFilter Filter, bool DryRun, string? Reason);

/// <summary>
/// Reads <c>{action, filter, dryRun, reason}</c> strictly: an unknown field, an unknown filter name, a filter name of
/// the other kind (an instance name on a replay, a dead-letter name on an instance action), a value of the wrong type
/// or out of range is refused with a sentence naming the field, so a typo never widens what a job touches.
/// </summary>
public static class BulkJobRequestReader
{
    /// <summary>The filter names of an instance action: those of GET /api/v1/instances.</summary>
    public static readonly IReadOnlyList<string> InstanceFilterNames = ["workflow", "status", "key", "step", "createdFrom", "createdTo"];

    /// <summary>The filter names of a replay: those of GET /api/v1/dead-letters.</summary>
    public static readonly IReadOnlyList<string> DeadLetterFilterNames = ["source", "status", "from", "to"];

    /// <summary>The runtime statuses an instance filter takes, as the engine names them.</summary>
    public static readonly IReadOnlyList<string> RuntimeStatuses = ["Running", "Completed", "Failed", "Terminated", "Suspended", "Pending"];

    public static readonly IReadOnlyList<string> DeadLetterStatuses = ["open", "replayed", "resolved"];

    private static readonly string[] TopLevelNames = ["action", "filter", "dryRun", "reason"];

    /// <summary>Every action a bulk job takes: the instance actions and replay.</summary>
    public static IReadOnlyList<string> Actions { get; } = [.. InstanceActionNames.All, BulkJobActions.Replay];

    /// <summary>The request, or the 400 detail naming what is wrong.</summary>
    public static (BulkJobSpec? Spec, string? Error) Read(ReadOnlySpan<byte> body)
    {
        if (BodyText.FindInvalidText(body) is { } invalidText)
        {
            return (null, $"The body is not valid text: {invalidText}");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray());
        }
        catch (JsonException ex)
        {
            return (null, $"The body is not JSON: {ex.Message}");
        }

        using (document)
        {
            try
            {
                return (Read(document.RootElement), null);
            }
            catch (BulkJobRequestException ex)
            {
                return (null, ex.Message);
            }
        }
    }

    private static BulkJobSpec Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new BulkJobRequestException("The body must be an object: {\"action\": ..., \"filter\": {...}, \"dryRun\": false, \"reason\": \"...\"}.");
        }

        foreach (JsonProperty p in root.EnumerateObject())
        {
            if (!TopLevelNames.Contains(p.Name, StringComparer.Ordinal))
            {
                throw new BulkJobRequestException($"'{p.Name}' is not a field of a bulk job; the fields are {string.Join(", ", TopLevelNames)}.");
            }
        }

        string action = String(root, "action", "action") ?? throw new BulkJobRequestException($"'action' is required: one of {string.Join(", ", Actions)}.");
        if (!Actions.Contains(action, StringComparer.Ordinal))
        {
            throw new BulkJobRequestException($"'action' '{action}' is not an action; it is one of {string.Join(", ", Actions)}.");
        }

        bool dryRun = false;
        if (root.TryGetProperty("dryRun", out JsonElement dry) && dry.ValueKind != JsonValueKind.Null)
        {
            dryRun = dry.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw new BulkJobRequestException("'dryRun' must be true or false."),
            };
        }

        string? reason = String(root, "reason", "reason")?.Trim();
        reason = string.IsNullOrEmpty(reason) ? null : reason;
        if (reason?.Length > InstanceActionHandler.MaxReasonLength)
        {
            throw new BulkJobRequestException(string.Create(CultureInfo.InvariantCulture, $"'reason' is {reason.Length} characters long; at most {InstanceActionHandler.MaxReasonLength} are accepted."));
        }

        if (action == InstanceActionNames.Terminate && reason is null && !dryRun)
        {
            throw new BulkJobRequestException("'reason' is required to terminate: it is kept with each workflow and in the audit trail.");
        }

        if (!root.TryGetProperty("filter", out JsonElement filter) || filter.ValueKind == JsonValueKind.Null)
        {
            throw new BulkJobRequestException($"'filter' is required: an object with at least one of {string.Join(", ", action == BulkJobActions.Replay ? DeadLetterFilterNames : InstanceFilterNames)}.");
        }

        if (filter.ValueKind != JsonValueKind.Object)
        {
            throw new BulkJobRequestException("'filter' must be an object.");
        }

        BulkJobFilter read = action == BulkJobActions.Replay ? ReadDeadLetterFilter(filter) : ReadInstanceFilter(filter);
        if (read == new BulkJobFilter())
        {
            throw new BulkJobRequestException("'filter' names nothing to match; a bulk job never applies to everything by default.");
        }

        return new BulkJobSpec(action, read, dryRun, reason);
    }

    private static BulkJobFilter ReadInstanceFilter(JsonElement filter)
    {
        CheckNames(filter, InstanceFilterNames, DeadLetterFilterNames, "an instance action", "replay");
        IReadOnlyList<string>? statuses = Statuses(filter);
        DateTimeOffset? from = Time(filter, "createdFrom");
        DateTimeOffset? to = Time(filter, "createdTo");
        if (from >= to)
        {
            throw new BulkJobRequestException("'filter.createdFrom' must be before 'filter.createdTo'.");
        }

        // The same value rules as the list route's, so a job never starts with a filter its finder would refuse.
        string? workflow = String(filter, "workflow", "filter.workflow");
        if (workflow is not null && WorkflowCatalog.ByName(workflow) is null)
        {
            throw new BulkJobRequestException($"'filter.workflow' '{workflow}' is not a workflow; it is one of {string.Join(", ", WorkflowCatalog.Names)}.");
        }

        string? key = String(filter, "key", "filter.key");
        if (key is not null && EventIdLimits.SubjectProblem(key) is { } keyProblem)
        {
            throw new BulkJobRequestException($"'filter.key': the key {keyProblem}.");
        }

        string? step = String(filter, "step", "filter.step");
        if (step is not null && !InstanceQueryParameters.IsStepName(step))
        {
            throw new BulkJobRequestException($"'filter.step' '{step}' is not a step name: lower-case words joined by '-', e.g. awaiting-review.");
        }

        return new BulkJobFilter(Workflow: workflow, Statuses: statuses, Key: key, Step: step, CreatedFrom: from, CreatedTo: to);
    }

    private static BulkJobFilter ReadDeadLetterFilter(JsonElement filter)
    {
        CheckNames(filter, DeadLetterFilterNames, InstanceFilterNames, "replay", "an instance action");
        string? status = String(filter, "status", "filter.status");
        if (status is not null && !DeadLetterStatuses.Contains(status, StringComparer.Ordinal))
        {
            throw new BulkJobRequestException($"'filter.status' '{status}' is not a dead-letter status; it is one of {string.Join(", ", DeadLetterStatuses)}.");
        }

        DateTimeOffset? from = Time(filter, "from");
        DateTimeOffset? to = Time(filter, "to");
        if (from >= to)
        {
            throw new BulkJobRequestException("'filter.from' must be before 'filter.to'.");
        }

        return new BulkJobFilter(Source: String(filter, "source", "filter.source"), Status: status, From: from, To: to);
    }

    private static void CheckNames(JsonElement filter, IReadOnlyList<string> allowed, IReadOnlyList<string> otherKind, string kind, string otherKindName)
    {
        foreach (JsonProperty p in filter.EnumerateObject())
        {
            if (allowed.Contains(p.Name, StringComparer.Ordinal))
            {
                continue;
            }

            throw new BulkJobRequestException(otherKind.Contains(p.Name, StringComparer.Ordinal)
                ? $"'filter.{p.Name}' is a filter of {otherKindName}, not of {kind}; {kind} takes {string.Join(", ", allowed)}."
                : $"'filter.{p.Name}' is not a filter name; {kind} takes {string.Join(", ", allowed)}.");
        }
    }

    /// <summary>"status": one name, a comma-separated list or an array; each one of <see cref="RuntimeStatuses"/> (any case).</summary>
    private static List<string>? Statuses(JsonElement filter)
    {
        if (!filter.TryGetProperty("status", out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        IEnumerable<string> names = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            JsonValueKind.Array => value.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : throw new BulkJobRequestException("'filter.status' must be a status name or a list of them.")),
            _ => throw new BulkJobRequestException("'filter.status' must be a status name or a list of them."),
        };
        var statuses = new List<string>();
        foreach (string name in names)
        {
            string known = RuntimeStatuses.FirstOrDefault(s => string.Equals(s, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new BulkJobRequestException($"'filter.status' '{name}' is not a runtime status; it is one of {string.Join(", ", RuntimeStatuses)}.");
            if (!statuses.Contains(known, StringComparer.Ordinal))
            {
                statuses.Add(known);
            }
        }

        return statuses.Count == 0 ? null : statuses;
    }

    private static string? String(JsonElement element, string name, string field)
    {
        if (!element.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw new BulkJobRequestException($"'{field}' must be a string.");
        }

        string text = value.GetString()!;
        if (text.Length > 256 && field != "reason")
        {
            throw new BulkJobRequestException(string.Create(CultureInfo.InvariantCulture, $"'{field}' is {text.Length} characters long; at most 256 are accepted."));
        }

        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    private static DateTimeOffset? Time(JsonElement filter, string name)
    {
        string? text = String(filter, name, $"filter.{name}");
        if (text is null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset at)
            ? at
            : throw new BulkJobRequestException($"'filter.{name}' '{text}' is not a date and time (ISO 8601, e.g. 2026-12-07T09:00:00Z).");
    }

    /// <summary>A request that is not a bulk job; its message is the 400's detail.</summary>
    private sealed class BulkJobRequestException(string message) : Exception(message);
}
