using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Integration.Activities.Storage;
using Integration.Orchestrations.Routing;

namespace Integration.Activities.Queueing;

/// <summary>
/// Remembers which deliveries were already queued (table "ReceivedEvents"), so a sender's retry is
/// acknowledged without queueing the event again. It is recorded after the enqueue: a crash in between
/// queues a duplicate, which the dispatcher's business keys absorb, rather than losing one.
/// </summary>
/// <remarks>
/// Rows are spread over <see cref="Buckets"/> partitions per source by a hash of the envelope id
/// ("crm-3f", row key the escaped id), so no partition takes every write (Table Storage serves about 2,000
/// entities/s per partition) and a lookup reads one small partition: Azurite finds a point read's
/// partition through its index, then compares row keys one by one within it. Rows older than the dedupe
/// window are deleted by <see cref="TableRetentionService"/>.
/// </remarks>
public sealed class ReceivedEventStore(StorageClients storage) : IReceivedEventStore
{
    /// <summary>Partitions per source; two hex digits of the hash.</summary>
    public const int Buckets = 256;

    private readonly TableClient table = storage.Tables.GetTableClient(storage.Names.ReceivedEventsTable);

    public async Task<bool> WasReceivedAsync(EventEnvelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        (string partition, string row) = KeysOf(envelope);
        NullableResponse<TableEntity> existing = await table.GetEntityIfExistsAsync<TableEntity>(
            partition, row, ["PartitionKey"], cancellationToken).ConfigureAwait(false);
        return existing.HasValue;
    }

    public async Task RecordAsync(EventEnvelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        (string partition, string row) = KeysOf(envelope);
        var entity = new TableEntity(partition, row)
        {
            ["EventId"] = envelope.Id,
            ["Type"] = envelope.Type,
            ["Subject"] = envelope.Subject,
            ["CorrelationId"] = envelope.CorrelationId,
            ["ReceivedAt"] = envelope.ReceivedAt,
        };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Partition "{source}-{bucket}" and row key the escaped envelope id; both depend only on the envelope's source and id.</summary>
    public static (string PartitionKey, string RowKey) KeysOf(EventEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        string row = TableKeys.Escape(envelope.Id);
        int bucket = SHA256.HashData(Encoding.UTF8.GetBytes(row))[0] % Buckets;
        return ($"{TableKeys.Escape(envelope.Source)}-{bucket:x2}", row);
    }
}
