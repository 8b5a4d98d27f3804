namespace Integration.Activities.Operations;

/// <summary>
/// What support staff search workflows by: the names of GET /api/v1/instances and of a bulk job's filter.
/// Every field is optional; set ones combine with AND. Times are UTC, From inclusive and To exclusive.
/// </summary>
/// <param name="Workflow">A workflow name as the API shows it, e.g. "deal-invoice".</param>
/// <param name="Statuses">Runtime statuses (Running, Completed, Failed, Terminated, Suspended, Pending); any of them matches.</param>
/// <param name="Key">A business key (deal id, employee id, order id), mapped to each workflow's instance id.</param>
/// <param name="Step">The step a workflow is in, from its custom status (e.g. "awaiting-review").</param>
public sealed record InstanceFilter(
    string? Workflow = null,
    IReadOnlyList<string>? Statuses = null,
    string? Key = null,
    string? Step = null,
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedTo = null);

/// <summary>One workflow as a list shows it.</summary>
public sealed record InstanceListItem(
    string InstanceId,
    string Workflow,
    string? Key,
    string RuntimeStatus,
    string? Step,
    string? StepDetail,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt);

/// <summary>A page of a list, newest first; a null continuation token means there is nothing more.</summary>
public sealed record InstancePage(IReadOnlyList<InstanceListItem> Items, string? ContinuationToken);

/// <summary>Finds workflows by <see cref="InstanceFilter"/>; the list route and bulk jobs share it, so both match the same set.</summary>
public interface IInstanceFinder
{
    /// <exception cref="ArgumentException">The continuation token is not one this finder issued (a 400 for the caller).</exception>
    Task<InstancePage> FindAsync(InstanceFilter filter, int pageSize, string? continuationToken, CancellationToken cancellationToken);
}
