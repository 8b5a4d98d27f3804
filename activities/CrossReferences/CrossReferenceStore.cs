using Azure;
using Azure.Data.Tables;
using Integration.Activities.Storage;

namespace Integration.Activities.CrossReferences;

/// <summary>
/// Which link table a link belongs to: the mapping (e.g. "crm-company:erp-customer") and the identity of the
/// system the target id belongs to (system and realm/tenant). Target ids are only unique within one tenant:
/// after a switch to another realm or ERP, the same id names another record, or none.
/// </summary>
public sealed record CrossReferenceScope(string Mapping, string TargetSystem, string TargetTenant)
{
    private const char Separator = '|';

    /// <summary>
    /// The partition key: "{mapping}|{system}|{tenant}", escaped. Mapping and system never hold the separator, so
    /// the text splits back into its parts unambiguously, whatever the tenant holds.
    /// </summary>
    internal string PartitionKey()
    {
        if (Mapping.Contains(Separator, StringComparison.Ordinal) || TargetSystem.Contains(Separator, StringComparison.Ordinal))
        {
            throw new ArgumentException($"A cross-reference mapping or system name cannot contain '{Separator}'.");
        }

        return TableKeys.Escape($"{Mapping}{Separator}{TargetSystem}{Separator}{TargetTenant}");
    }
}

/// <summary>
/// One link: the target record's id, the rule that linked it, and what the target was when it was linked (name and
/// e-mail), so a reader can check it is still the same record before trusting the link.
/// </summary>
public sealed record CrossReference(string TargetId, string Rule, string? TargetName, string? TargetEmail, DateTimeOffset LinkedAt);

/// <summary>
/// Table "CrossReferences": which record in one system is which record in another, keyed by both systems'
/// identities: partition = the mapping and the target system's identity (see <see cref="CrossReferenceScope"/>),
/// row = the source id. Rows from before links were scoped (partition "crm-company:erp-customer" alone) are
/// never read: nothing says which ERP company their ids belong to.
/// </summary>
public sealed class CrossReferenceStore(StorageClients storage, TimeProvider time)
{
    public const string CrmCompanyToErpCustomer = "crm-company:erp-customer";

    private readonly TableClient table = storage.Tables.GetTableClient(storage.Names.CrossReferencesTable);

    /// <summary>The link recorded for the source id in this scope, or null.</summary>
    public async Task<CrossReference?> FindAsync(CrossReferenceScope scope, string sourceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(sourceId);
        NullableResponse<TableEntity> found = await table.GetEntityIfExistsAsync<TableEntity>(
            scope.PartitionKey(), TableKeys.Escape(sourceId), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!found.HasValue)
        {
            return null;
        }

        // The row names the ids it was written for: a row another id's key maps to is not this link.
        TableEntity e = found.Value!;
        bool same = e.GetString("Mapping") == scope.Mapping
            && e.GetString("TargetSystem") == scope.TargetSystem
            && e.GetString("TargetTenant") == scope.TargetTenant
            && e.GetString("SourceId") == sourceId;
        return same && e.GetString("TargetId") is { Length: > 0 } targetId
            ? new CrossReference(targetId, e.GetString("Rule") ?? string.Empty, e.GetString("TargetName"), e.GetString("TargetEmail"), e.GetDateTimeOffset("LinkedAt") ?? DateTimeOffset.MinValue)
            : null;
    }

    /// <summary>Records (or replaces) the source id's link in this scope, stamped with the current time.</summary>
    public async Task LinkAsync(CrossReferenceScope scope, string sourceId, string targetId, string rule, string? targetName, string? targetEmail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(sourceId);
        var entity = new TableEntity(scope.PartitionKey(), TableKeys.Escape(sourceId))
        {
            ["Mapping"] = scope.Mapping,
            ["TargetSystem"] = scope.TargetSystem,
            ["TargetTenant"] = scope.TargetTenant,
            ["SourceId"] = sourceId,
            ["TargetId"] = targetId,
            ["Rule"] = rule,
            ["LinkedAt"] = time.GetUtcNow(),
        };
        if (targetName is not null)
        {
            entity["TargetName"] = targetName;
        }

        if (targetEmail is not null)
        {
            entity["TargetEmail"] = targetEmail;
        }

        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }
}
