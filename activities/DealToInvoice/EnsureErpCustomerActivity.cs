using Integration.Activities.Connectors.QuickBooks;
using Integration.Activities.CrossReferences;
using Integration.Orchestrations.DealToInvoice;
using Microsoft.DurableTask;

namespace Integration.Activities.DealToInvoice;

/// <summary>
/// The ERP customer for a CRM company: the recorded cross-reference while the ERP still has that
/// customer active (links outlive ERP records that are deleted, merged or made inactive); else create
/// it (idempotently, keyed by the company id); if the ERP says the name is taken, link that customer.
/// </summary>
public sealed class EnsureErpCustomerActivity(QuickBooksClient erp, CrossReferenceStore xrefs) : TaskActivity<EnsureErpCustomerInput, CustomerMatch>
{
    public override async Task<CustomerMatch> RunAsync(TaskActivityContext context, EnsureErpCustomerInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        CrmCompany company = input.Company;
        CancellationToken ct = CancellationToken.None;

        string? linked = await xrefs.FindAsync(CrossReferenceStore.CrmCompanyToErpCustomer, company.Id, ct).ConfigureAwait(false);
        if (linked is not null &&
            await erp.GetCustomerAsync(linked, input.CorrelationId, ct).ConfigureAwait(false) is { Active: not false } current)
        {
            return new CustomerMatch(CustomerMatch.Matched, new ErpCustomerRef(linked, current.DisplayName, ErpCustomerRef.ByCrossReference), [], null);
        }

        var draft = new QboCustomer(
            null,
            company.Name,
            company.Name,
            company.Email is { Length: > 0 } email ? new QboEmail(email) : null,
            $"CRM company {company.Id}");
        QboCustomer? created = await erp.CreateCustomerAsync(draft, CreationRequestId(company.Id, linked), input.CorrelationId, ct).ConfigureAwait(false);
        string rule = ErpCustomerRef.Created;
        if (created is null)
        {
            created = await erp.FindCustomerByDisplayNameAsync(company.Name, input.CorrelationId, ct).ConfigureAwait(false)
                ?? throw new HttpRequestException($"The ERP reported '{company.Name}' as a duplicate name but no such customer was found.");
            rule = ErpCustomerRef.ByDisplayName;
        }

        string id = created.Id ?? throw new HttpRequestException("The ERP created a customer without an Id.");
        await xrefs.LinkAsync(CrossReferenceStore.CrmCompanyToErpCustomer, company.Id, id, rule, ct).ConfigureAwait(false);
        return new CustomerMatch(CustomerMatch.Matched, new ErpCustomerRef(id, created.DisplayName, rule), [], null);
    }

    /// <summary>
    /// The QBO requestid for creating the company's customer: stable across retries, but different when
    /// it replaces a stale link, or QBO would replay the original answer naming the vanished customer.
    /// </summary>
    public static string CreationRequestId(string companyId, string? replacedCustomerId)
    {
        ArgumentNullException.ThrowIfNull(companyId);
        string key = replacedCustomerId is null ? $"crm-company-{companyId}" : $"crm-company-{companyId}-replaces-{replacedCustomerId}";
        return key.Length <= QuickBooksClient.MaxRequestIdLength
            ? key
            : "crm-company-" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))[..32];
    }
}
