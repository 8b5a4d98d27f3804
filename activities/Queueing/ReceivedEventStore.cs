using Azure;
using Azure.Data.Tables;
using Integration.Activities.Storage;
using Integration.Orchestrations.Routing;

namespace Integration.Activities.Queueing;

/// <summary>
/// Remembers which deliveries were already queued (table "ReceivedEvents"), so a sender's retry is
/// acknowledged without queueing the event again. It is recorded after the enqueue: a crash in
/// between queues a duplicate, which the dispatcher's business keys absorb, rather than losing one.
/// </summary>
public sealed class ReceivedEventStore(StorageClients storage) : IReceivedEventStore
{
    private readonly TableClient table = storage.Tables.GetTableClient(StorageNames.ReceivedEventsTable);

    public async Task<bool> WasReceivedAsync(EventEnvelope envelope, CancellationToken cancellationToken)
    {
        NullableResponse<TableEntity> existing = await table.GetEntityIfExistsAsync<TableEntity>(
            TableKeys.Escape(envelope.Source), TableKeys.Escape(envelope.Id), ["PartitionKey"], cancellationToken).ConfigureAwait(false);
        return existing.HasValue;
    }

    public async Task RecordAsync(EventEnvelope envelope, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(TableKeys.Escape(envelope.Source), TableKeys.Escape(envelope.Id))
        {
            ["Type"] = envelope.Type,
            ["Subject"] = envelope.Subject,
            ["CorrelationId"] = envelope.CorrelationId,
            ["ReceivedAt"] = envelope.ReceivedAt,
        };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }
}
