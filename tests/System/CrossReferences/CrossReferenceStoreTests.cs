using Azure.Data.Tables;
using Integration.Activities.CrossReferences;
using Integration.Activities.Storage;
using Integration.Tests.System.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Integration.Tests.System.CrossReferences;

/// <summary>
/// Cross-references on Azurite are keyed by both systems' identities: a link made in one ERP company (system and
/// realm/tenant) is not found in another, links from before links were scoped are not found at all, and a row that
/// another id's key maps to is not taken for this id's link.
/// </summary>
public sealed class CrossReferenceStoreTests
{
    private static readonly CrossReferenceScope RealmA = new(CrossReferenceStore.CrmCompanyToErpCustomer, "quickbooks", "9130350000000001");
    private static readonly CrossReferenceScope RealmB = RealmA with { TargetTenant = "9130350000000002" };
    private static readonly CrossReferenceScope Xero = new(CrossReferenceStore.CrmCompanyToErpCustomer, "xero", "7d3c1f0e-2b4a-4c6d-9e8f-1a2b3c4d5e6f");

    private readonly StorageClients storage = new(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageClients.SettingName] = TestEnvironment.StorageConnectionString,
            [TaskHubName.StandaloneSetting] = TestEnvironment.NewTaskHubName("store"),
        })
        .Build());

    [Fact]
    public async Task A_link_made_in_one_erp_company_is_found_there_with_what_the_customer_was_and_nowhere_else()
    {
        CrossReferenceStore store = await StoreAsync();
        string companyId = NewCompanyId();

        await store.LinkAsync(RealmA, companyId, "58", "created", "Northwind Traders", "accounts@northwind.test", CancellationToken.None);

        CrossReference? found = await store.FindAsync(RealmA, companyId, CancellationToken.None);
        Assert.NotNull(found);
        Assert.Equal(("58", "created", "Northwind Traders", "accounts@northwind.test"), (found.TargetId, found.Rule, found.TargetName, found.TargetEmail));
        Assert.Null(await store.FindAsync(RealmB, companyId, CancellationToken.None));
        Assert.Null(await store.FindAsync(Xero, companyId, CancellationToken.None));
    }

    [Fact]
    public async Task A_link_from_before_links_were_scoped_is_not_trusted()
    {
        CrossReferenceStore store = await StoreAsync();
        string companyId = NewCompanyId();
        TableClient table = storage.Tables.GetTableClient(storage.Names.CrossReferencesTable);

        // As the product wrote links before: partition "crm-company:erp-customer", row the company id, no ERP identity.
        await table.UpsertEntityAsync(new TableEntity(CrossReferenceStore.CrmCompanyToErpCustomer, companyId) { ["TargetId"] = "58", ["Rule"] = "email" });

        Assert.Null(await store.FindAsync(RealmA, companyId, CancellationToken.None));
        Assert.Null(await store.FindAsync(Xero, companyId, CancellationToken.None));
    }

    [Fact]
    public async Task Two_company_ids_that_escape_to_the_same_key_never_read_each_others_link()
    {
        CrossReferenceStore store = await StoreAsync();
        string suffix = NewCompanyId();
        string withSlash = $"a/{suffix}", withUnderscore = $"a_{suffix}";

        await store.LinkAsync(RealmA, withSlash, "58", "email", "Slash Ltd", null, CancellationToken.None);

        Assert.Equal("58", (await store.FindAsync(RealmA, withSlash, CancellationToken.None))?.TargetId);
        Assert.Null(await store.FindAsync(RealmA, withUnderscore, CancellationToken.None));
    }

    private async Task<CrossReferenceStore> StoreAsync()
    {
        await storage.Tables.CreateTableIfNotExistsAsync(storage.Names.CrossReferencesTable);
        return new CrossReferenceStore(storage, TimeProvider.System);
    }

    private static string NewCompanyId() => "9" + Guid.NewGuid().ToString("N")[..10];
}
