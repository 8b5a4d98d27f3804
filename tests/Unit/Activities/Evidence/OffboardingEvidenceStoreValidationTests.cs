using Integration.Activities.Evidence;
using Integration.Activities.Storage;
using Integration.Orchestrations.Offboarding;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Integration.Tests.Unit.Activities.Evidence;

/// <summary>Records the store cannot keep faithfully are refused before any storage call (the account here is never contacted).</summary>
public sealed class OffboardingEvidenceStoreValidationTests
{
    private readonly OffboardingEvidenceStore store = new(new StorageClients(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { [StorageClients.SettingName] = "UseDevelopmentStorage=true" })
        .Build()));

    [Fact]
    public async Task An_id_that_does_not_start_with_the_employee_id_is_refused()
    {
        OffboardingEvidence record = EvidenceSamples.Record() with { OffboardingId = "20260302T080000Z-E1001" };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.SaveAsync(record, CancellationToken.None));
        Assert.Contains("'E1001-'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task More_systems_than_one_transaction_holds_are_refused()
    {
        SystemEvidence[] systems = Enumerable.Range(0, OffboardingEvidenceStore.MaxSystems + 1).Select(i => EvidenceSamples.Okta() with { System = $"s{i}" }).ToArray();

        await Assert.ThrowsAsync<ArgumentException>(() => store.SaveAsync(EvidenceSamples.Record(systems), CancellationToken.None));
    }

    [Fact]
    public async Task An_id_longer_than_a_table_key_is_refused()
    {
        OffboardingEvidence record = EvidenceSamples.Record() with { OffboardingId = "E1001-" + new string('x', OffboardingEvidenceStore.MaxIdLength) };

        await Assert.ThrowsAsync<ArgumentException>(() => store.SaveAsync(record, CancellationToken.None));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(OffboardingEvidenceStore.MaxList + 1)]
    public async Task A_list_size_out_of_range_is_refused(int max)
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.ListAsync(null, max, CancellationToken.None));
    }

    [Fact]
    public void Registering_twice_registers_each_service_once()
    {
        var services = new ServiceCollection().AddOffboardingEvidence().AddOffboardingEvidence();

        Assert.Single(services, d => d.ServiceType == typeof(OffboardingEvidenceStore));
        Assert.Single(services, d => d.ServiceType == typeof(EvidenceHandler));
        Assert.Single(services, d => d.ServiceType == typeof(RecordOffboardingEvidenceActivity));
    }
}
