using Integration.Activities.Connectors.Erp;
using Integration.Activities.CrossReferences;

namespace Integration.Activities.DealToInvoice;

/// <summary>
/// Customer links kept in table CrossReferences under mapping "crm-company:erp-customer", scoped to the ERP the
/// connector books into (its system and realm/tenant): a link made in one ERP company is never read in another.
/// </summary>
public sealed class CrossReferenceCustomerLinks(CrossReferenceStore store, IErpConnector erp) : ICustomerLinks
{
    private readonly CrossReferenceScope scope = new(CrossReferenceStore.CrmCompanyToErpCustomer, erp.SystemName, erp.Tenant);

    public async Task<CustomerLink?> FindAsync(string companyId, CancellationToken cancellationToken) =>
        await store.FindAsync(scope, companyId, cancellationToken).ConfigureAwait(false) is { } link
            ? new CustomerLink(link.TargetId, link.Rule, link.TargetName, link.TargetEmail)
            : null;

    public Task LinkAsync(string companyId, ErpCustomer customer, string rule, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return store.LinkAsync(scope, companyId, customer.Id, rule, customer.Name, customer.Email, cancellationToken);
    }
}
