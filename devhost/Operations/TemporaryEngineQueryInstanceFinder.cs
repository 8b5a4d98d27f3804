using System.Text.Json;
using Integration.Activities.Operations;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Integration.DevHost.Operations;

/// <summary>
/// TEMPORARY: a stand-in <see cref="IInstanceFinder"/> so bulk jobs run in the standalone host before the real finder
/// (being written on another branch, with business-key maps and bounded queries) is merged; registered only when no
/// other finder is. It asks the engine's own query: workflow as the instance id prefix "{workflow}-", key as the id
/// "{workflow}-{key}", statuses and created range as the engine filters them, step by reading each page's custom status.
/// </summary>
public sealed class TemporaryEngineQueryInstanceFinder(DurableTaskClient client) : IInstanceFinder
{
    public async Task<InstancePage> FindAsync(InstanceFilter filter, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        string? prefix = filter.Workflow is null ? null : filter.Key is null ? $"{filter.Workflow}-" : $"{filter.Workflow}-{filter.Key}";
        var query = new OrchestrationQuery
        {
            InstanceIdPrefix = prefix,
            CreatedFrom = filter.CreatedFrom,
            CreatedTo = filter.CreatedTo,
            Statuses = filter.Statuses?.Select(s => Enum.Parse<OrchestrationRuntimeStatus>(s, ignoreCase: true)).ToArray(),
            PageSize = pageSize,
            ContinuationToken = continuationToken,
            FetchInputsAndOutputs = filter.Step is not null,
        };

        await foreach (Page<OrchestrationMetadata> page in client.GetAllInstancesAsync(query).AsPages(continuationToken, pageSize).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            List<InstanceListItem> items = [];
            foreach (OrchestrationMetadata m in page.Values)
            {
                string? step = StepOf(m.SerializedCustomStatus);
                if ((filter.Step is null || step == filter.Step) && (filter.Key is null || m.InstanceId == prefix))
                {
                    items.Add(new InstanceListItem(m.InstanceId, filter.Workflow ?? m.Name, filter.Key, m.RuntimeStatus.ToString(), step, null, m.CreatedAt, m.LastUpdatedAt));
                }
            }

            return new InstancePage(items, string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken);
        }

        return new InstancePage([], null);
    }

    private static string? StepOf(string? customStatus)
    {
        if (string.IsNullOrEmpty(customStatus))
        {
            return null;
        }

        try
        {
            using JsonDocument doc = JsonDocument.Parse(customStatus);
            // The engine stores the workflows' WorkflowStatus with its property names as declared ("Step").
            return doc.RootElement.ValueKind == JsonValueKind.Object
                ? doc.RootElement.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, "step", StringComparison.OrdinalIgnoreCase)).Value is { ValueKind: JsonValueKind.String } s ? s.GetString() : null
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
