using Integration.Activities.CrossReferences;

namespace Integration.Activities.DealToInvoice;

/// <summary>Customer links kept in table CrossReferences under mapping "crm-company:erp-customer".</summary>
public sealed class CrossReferenceCustomerLinks(CrossReferenceStore store) : ICustomerLinks
{
    public Task<string?> FindAsync(string companyId, CancellationToken cancellationToken) =>
        store.FindAsync(CrossReferenceStore.CrmCompanyToErpCustomer, companyId, cancellationToken);

    public Task LinkAsync(string companyId, string customerId, string rule, CancellationToken cancellationToken) =>
        store.LinkAsync(CrossReferenceStore.CrmCompanyToErpCustomer, companyId, customerId, rule, cancellationToken);
}
