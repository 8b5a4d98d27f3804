using System.Globalization;
using System.Text.Json;
using Integration.Activities.Queueing;
using Integration.Orchestrations.Routing;
using Xunit;

namespace Integration.Tests.Unit.Activities.Queueing;

/// <summary>ReceivedEvents rows are spread over many partitions by a hash of the id, so no partition holds every delivery.</summary>
public sealed class ReceivedEventKeysTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Deliveries_of_one_source_spread_over_all_its_partitions()
    {
        var partitions = Enumerable.Range(0, 10_000)
            .Select(i => ReceivedEventStore.KeysOf(Envelope("crm-" + (9_000_000 + i).ToString(CultureInfo.InvariantCulture))).PartitionKey)
            .GroupBy(p => p, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

        Assert.Equal(ReceivedEventStore.Buckets, partitions.Count);
        Assert.All(partitions.Keys, p => Assert.Matches("^crm-[0-9a-f]{2}$", p));
        Assert.True(partitions.Values.Max() < 80, $"the fullest partition holds {partitions.Values.Max()} of 10,000 rows");
    }

    [Fact]
    public void A_redelivery_gets_the_same_keys_and_ids_differing_in_a_forbidden_character_do_not()
    {
        Assert.Equal(ReceivedEventStore.KeysOf(Envelope("app-msg/X")), ReceivedEventStore.KeysOf(Envelope("app-msg/X")));
        Assert.NotEqual(ReceivedEventStore.KeysOf(Envelope("app-msg/X")).RowKey, ReceivedEventStore.KeysOf(Envelope("app-msg_X")).RowKey);
    }

    private static EventEnvelope Envelope(string id) =>
        new(id, id[..id.IndexOf('-', StringComparison.Ordinal)], EventTypes.CrmDealClosed, Now, Now, "corr-1", "1", JsonDocument.Parse("{}").RootElement);
}
