using Azure;
using Azure.Data.Tables;
using Integration.Activities.Storage;

namespace Integration.Activities.CrossReferences;

/// <summary>
/// Table "CrossReferences": which record in one system is which record in another
/// (partition = the mapping, e.g. "crm-company:erp-customer"; row = the source id).
/// </summary>
public sealed class CrossReferenceStore(StorageClients storage, TimeProvider time)
{
    public const string CrmCompanyToErpCustomer = "crm-company:erp-customer";

    private readonly TableClient table = storage.Tables.GetTableClient(storage.Names.CrossReferencesTable);

    public async Task<string?> FindAsync(string mapping, string sourceId, CancellationToken cancellationToken)
    {
        NullableResponse<TableEntity> found = await table.GetEntityIfExistsAsync<TableEntity>(
            TableKeys.Escape(mapping), TableKeys.Escape(sourceId), cancellationToken: cancellationToken).ConfigureAwait(false);
        return found.HasValue ? found.Value!.GetString("TargetId") : null;
    }

    public async Task LinkAsync(string mapping, string sourceId, string targetId, string rule, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(TableKeys.Escape(mapping), TableKeys.Escape(sourceId))
        {
            ["TargetId"] = targetId,
            ["Rule"] = rule,
            ["LinkedAt"] = time.GetUtcNow(),
        };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }
}
