using Azure;
using Azure.Data.Tables;
using Integration.Activities.DeadLetters;
using Integration.Activities.Http;
using Integration.Activities.Storage;

namespace Integration.Activities.Alerts;

/// <summary>The kinds of alert record; each (kind, reference) pair is one record however often it is raised.</summary>
public static class AlertKinds
{
    public const string DeadLetter = "dead-letter";
    public const string ReviewWaiting = "review-waiting";
    public const string DeadlineMissed = "deadline-missed";
    public const string ConnectorFailing = "connector-failing";

    /// <summary>A workflow's notice (an invoice voided, an onboarding done): tracked like the rest and resolved when its workflow completes.</summary>
    public const string Notice = "notice";

    public static readonly IReadOnlyList<string> All = [DeadLetter, ReviewWaiting, DeadlineMissed, ConnectorFailing, Notice];
}

/// <summary>An alert's states: open until a person acknowledges it (re-notified meanwhile), resolved by a person or by itself.</summary>
public static class AlertStates
{
    public const string Open = "open";
    public const string Acknowledged = "acknowledged";
    public const string Resolved = "resolved";

    public static readonly IReadOnlyList<string> All = [Open, Acknowledged, Resolved];
}

/// <summary>One alert record as the API shows it: what it is about, how often it was raised and sent, and who handled it when and why.</summary>
public sealed record AlertRecord(
    string Kind,
    string Reference,
    string State,
    string Severity,
    string Title,
    string Text,
    string CorrelationId,
    string? InstanceId,
    string? DeadLetterId,
    int Count,
    DateTimeOffset FirstRaisedAt,
    DateTimeOffset LastRaisedAt,
    DateTimeOffset LastNotifiedAt,
    int Notifications,
    string? AcknowledgedBy = null,
    DateTimeOffset? AcknowledgedAt = null,
    string? AcknowledgedReason = null,
    string? ResolvedBy = null,
    DateTimeOffset? ResolvedAt = null,
    string? ResolvedReason = null)
{
    /// <summary>The id routes take (/api/v1/alerts/{id}/acknowledge): base64url of "kind:reference".</summary>
    public string Id => DeadLetterIds.Encode(Kind, Reference);
}

/// <summary>How a state change asked of an alert ended.</summary>
public enum AlertTransition
{
    Done,
    AlreadyThere,
    DoesNotFit,
    NotFound,
}

/// <summary>
/// Table "{hub}Alerts": one row per (kind, reference), so an alert raised again bumps its count and time instead of
/// adding a row. Every change is a compare-and-set on the row's ETag, so two hosts (or a person and the background
/// service) never overwrite each other: the loser reads the row again and decides afresh. The column State
/// ('open', 'acknowledged', 'resolved') is what other readers (the instances summary) count by.
/// </summary>
public sealed class AlertStore(StorageClients storage, TimeProvider time)
{
    /// <summary>The most rows one list request returns.</summary>
    public const int MaxPageSize = 200;

    private const int TextLength = 8_000;
    private const int Attempts = 5;
    private const string TokenScope = "alerts";

    private readonly TableClient table = storage.Tables.GetTableClient(storage.Names.AlertsTable);

    /// <summary>Records one raising of an alert: a new open record, or the same record with its count bumped (a resolved one opens again).</summary>
    public async Task<AlertRecord> RaiseAsync(string kind, Alert alert, string? instanceId, string? deadLetterId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        for (int attempt = 1; ; attempt++)
        {
            DateTimeOffset now = time.GetUtcNow();
            NullableResponse<TableEntity> found = await table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(kind), TableKeys.Escape(alert.Reference), cancellationToken: cancellationToken).ConfigureAwait(false);
            TableEntity row = found.HasValue ? found.Value! : new TableEntity(TableKeys.Escape(kind), TableKeys.Escape(alert.Reference))
            {
                ["Kind"] = kind,
                ["Reference"] = alert.Reference,
                ["Count"] = 0,
                ["FirstRaisedAt"] = now,
                ["Notifications"] = 0,
            };
            if ((row.GetString("State") ?? AlertStates.Resolved) == AlertStates.Resolved)
            {
                // New, or raised again after it was resolved: open again, and the last handling no longer applies.
                row["State"] = AlertStates.Open;
                foreach (string column in (string[])["AcknowledgedBy", "AcknowledgedAt", "AcknowledgedReason", "ResolvedBy", "ResolvedAt", "ResolvedReason"])
                {
                    row[column] = null;
                }
            }

            row["Severity"] = alert.Severity;
            row["Title"] = Cut(alert.Title);
            row["Text"] = Cut(alert.Text);
            row["CorrelationId"] = alert.CorrelationId;
            row["InstanceId"] = instanceId ?? row.GetString("InstanceId");
            row["DeadLetterId"] = deadLetterId ?? row.GetString("DeadLetterId");
            row["Count"] = (row.GetInt32("Count") ?? 0) + 1;
            row["LastRaisedAt"] = now;
            row["LastNotifiedAt"] = now;
            row["Notifications"] = (row.GetInt32("Notifications") ?? 0) + 1;
            try
            {
                if (found.HasValue)
                {
                    await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await AddAsync(row, cancellationToken).ConfigureAwait(false);
                }

                return Read(row);
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < Attempts)
            {
                // Another raise or a person changed it meanwhile: read it again.
            }
        }
    }

    public async Task<AlertRecord?> GetAsync(string id, CancellationToken cancellationToken)
    {
        if (!DeadLetterIds.TryDecode(id, out string kind, out string reference))
        {
            return null;
        }

        NullableResponse<TableEntity> found = await GetRowAsync(kind, reference, cancellationToken).ConfigureAwait(false);
        return found.HasValue ? Read(found.Value!) : null;
    }

    /// <summary>
    /// Acknowledge (open → acknowledged) or resolve (open or acknowledged → resolved), with who, when and why.
    /// Asking for the state it is already in is <see cref="AlertTransition.AlreadyThere"/>; acknowledging a resolved
    /// alert is <see cref="AlertTransition.DoesNotFit"/>.
    /// </summary>
    public async Task<(AlertTransition Result, AlertRecord? Alert)> TransitionAsync(string id, string target, string by, string? reason, CancellationToken cancellationToken)
    {
        if (target is not (AlertStates.Acknowledged or AlertStates.Resolved))
        {
            throw new ArgumentOutOfRangeException(nameof(target), target, "An alert is acknowledged or resolved.");
        }

        if (!DeadLetterIds.TryDecode(id, out string kind, out string reference))
        {
            return (AlertTransition.NotFound, null);
        }

        for (int attempt = 1; ; attempt++)
        {
            NullableResponse<TableEntity> found = await GetRowAsync(kind, reference, cancellationToken).ConfigureAwait(false);
            if (!found.HasValue)
            {
                return (AlertTransition.NotFound, null);
            }

            TableEntity row = found.Value!;
            string state = row.GetString("State") ?? AlertStates.Open;
            if (state == target)
            {
                return (AlertTransition.AlreadyThere, Read(row));
            }

            if (state == AlertStates.Resolved)
            {
                return (AlertTransition.DoesNotFit, Read(row));
            }

            string step = target == AlertStates.Acknowledged ? "Acknowledged" : "Resolved";
            row["State"] = target;
            row[step + "By"] = by;
            row[step + "At"] = time.GetUtcNow();
            row[step + "Reason"] = reason;
            try
            {
                await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return (AlertTransition.Done, Read(row));
            }
            catch (RequestFailedException ex) when (ex.Status == 412 && attempt < Attempts)
            {
                // Changed meanwhile (raised again, or handled by someone else): decide again on what it is now.
            }
        }
    }

    /// <summary>
    /// Claims the re-notification of an open alert: only the host whose compare-and-set on the row's ETag wins sends it.
    /// Null when the alert changed meanwhile (another host claimed it, or it was acknowledged).
    /// </summary>
    public async Task<AlertRecord?> ClaimRenotificationAsync(string id, DateTimeOffset lastNotifiedAt, CancellationToken cancellationToken)
    {
        if (!DeadLetterIds.TryDecode(id, out string kind, out string reference))
        {
            return null;
        }

        NullableResponse<TableEntity> found = await GetRowAsync(kind, reference, cancellationToken).ConfigureAwait(false);
        if (!found.HasValue)
        {
            return null;
        }

        TableEntity row = found.Value!;
        if (row.GetString("State") != AlertStates.Open || row.GetDateTimeOffset("LastNotifiedAt") != lastNotifiedAt)
        {
            return null;
        }

        row["LastNotifiedAt"] = time.GetUtcNow();
        row["Notifications"] = (row.GetInt32("Notifications") ?? 0) + 1;
        try
        {
            await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return Read(row);
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return null;
        }
    }

    /// <summary>A page of alerts (by kind, then reference), filtered by the service.</summary>
    /// <exception cref="ArgumentException">The continuation token is not one this store issued.</exception>
    public async Task<(IReadOnlyList<AlertRecord> Items, string? ContinuationToken)> FindAsync(
        string? state, string? kind, string? instanceId, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        string? resume = continuationToken is null ? null : PageTokens.Decode(TokenScope, continuationToken);
        var conditions = new List<string>();
        if (kind is not null)
        {
            conditions.Add(TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.Escape(kind)}"));
        }

        if (state is not null)
        {
            conditions.Add(TableClient.CreateQueryFilter($"State eq {state}"));
        }

        if (instanceId is not null)
        {
            conditions.Add(TableClient.CreateQueryFilter($"InstanceId eq {instanceId}"));
        }

        int size = Math.Clamp(pageSize, 1, MaxPageSize);
        try
        {
            await foreach (Page<TableEntity> page in table.QueryAsync<TableEntity>(conditions.Count == 0 ? null : string.Join(" and ", conditions), size, cancellationToken: cancellationToken)
                .AsPages(resume, size).ConfigureAwait(false))
            {
                return (page.Values.Select(Read).ToArray(), page.ContinuationToken is { Length: > 0 } next ? PageTokens.Encode(TokenScope, next) : null);
            }
        }
        catch (Exception ex) when (resume is not null && ex is RequestFailedException { Status: 400 } or FormatException or ArgumentException or IndexOutOfRangeException)
        {
            throw new ArgumentException("The continuation token is not one this list issued; send the one the previous page returned, or none.", nameof(continuationToken), ex);
        }
        catch (RequestFailedException ex) when (ex.Status == 404 && ex.ErrorCode == "TableNotFound")
        {
            // No alert was ever raised.
        }

        return ([], null);
    }

    /// <summary>Alerts not yet resolved, at most <paramref name="max"/>, for the background checks.</summary>
    public async Task<IReadOnlyList<AlertRecord>> ListUnresolvedAsync(int max, CancellationToken cancellationToken)
    {
        var alerts = new List<AlertRecord>();
        try
        {
            await foreach (TableEntity row in table.QueryAsync<TableEntity>(
                TableClient.CreateQueryFilter($"State ne {AlertStates.Resolved}"), Math.Min(max, 1000), cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                alerts.Add(Read(row));
                if (alerts.Count >= max)
                {
                    break;
                }
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404 && ex.ErrorCode == "TableNotFound")
        {
        }

        return alerts;
    }

    private Task<NullableResponse<TableEntity>> GetRowAsync(string kind, string reference, CancellationToken cancellationToken) =>
        table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(kind), TableKeys.Escape(reference), cancellationToken: cancellationToken);

    /// <summary>Adds the row, creating the table the first time (a deployment from before alerts had records has none).</summary>
    private async Task AddAsync(TableEntity row, CancellationToken cancellationToken)
    {
        try
        {
            await table.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404 && ex.ErrorCode == "TableNotFound")
        {
            await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            await table.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
        }
    }

    private static AlertRecord Read(TableEntity e) => new(
        e.GetString("Kind") ?? e.PartitionKey,
        e.GetString("Reference") ?? e.RowKey,
        e.GetString("State") ?? AlertStates.Open,
        e.GetString("Severity") ?? "error",
        e.GetString("Title") ?? string.Empty,
        e.GetString("Text") ?? string.Empty,
        e.GetString("CorrelationId") ?? "none",
        e.GetString("InstanceId"),
        e.GetString("DeadLetterId"),
        e.GetInt32("Count") ?? 1,
        e.GetDateTimeOffset("FirstRaisedAt") ?? DateTimeOffset.MinValue,
        e.GetDateTimeOffset("LastRaisedAt") ?? DateTimeOffset.MinValue,
        e.GetDateTimeOffset("LastNotifiedAt") ?? DateTimeOffset.MinValue,
        e.GetInt32("Notifications") ?? 1,
        e.GetString("AcknowledgedBy"),
        e.GetDateTimeOffset("AcknowledgedAt"),
        e.GetString("AcknowledgedReason"),
        e.GetString("ResolvedBy"),
        e.GetDateTimeOffset("ResolvedAt"),
        e.GetString("ResolvedReason"));

    private static string Cut(string value) => value.Length > TextLength ? value[..TextLength] + "…" : value;
}
