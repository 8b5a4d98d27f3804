using Integration.Activities.Connectors.QuickBooks;
using Integration.Activities.CrossReferences;
using Integration.Orchestrations.DealToInvoice;
using Microsoft.DurableTask;

namespace Integration.Activities.DealToInvoice;

/// <summary>
/// The ERP customer for a CRM company: the recorded cross-reference; else create it (idempotently,
/// keyed by the company id); if the ERP says the name is taken, link the customer of that name.
/// </summary>
public sealed class EnsureErpCustomerActivity(QuickBooksClient erp, CrossReferenceStore xrefs) : TaskActivity<EnsureErpCustomerInput, ErpCustomerRef>
{
    public override async Task<ErpCustomerRef> RunAsync(TaskActivityContext context, EnsureErpCustomerInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        CrmCompany company = input.Company;
        CancellationToken ct = CancellationToken.None;

        string? linked = await xrefs.FindAsync(CrossReferenceStore.CrmCompanyToErpCustomer, company.Id, ct).ConfigureAwait(false);
        if (linked is not null)
        {
            return new ErpCustomerRef(linked, company.Name, ErpCustomerRef.ByCrossReference);
        }

        var draft = new QboCustomer(
            null,
            company.Name,
            company.Name,
            company.Email is { Length: > 0 } email ? new QboEmail(email) : null,
            $"CRM company {company.Id}");
        QboCustomer? created = await erp.CreateCustomerAsync(draft, $"crm-company-{company.Id}", input.CorrelationId, ct).ConfigureAwait(false);
        string rule = ErpCustomerRef.Created;
        if (created is null)
        {
            created = await erp.FindCustomerByDisplayNameAsync(company.Name, input.CorrelationId, ct).ConfigureAwait(false)
                ?? throw new HttpRequestException($"The ERP reported '{company.Name}' as a duplicate name but no such customer was found.");
            rule = ErpCustomerRef.ByDisplayName;
        }

        string id = created.Id ?? throw new HttpRequestException("The ERP created a customer without an Id.");
        await xrefs.LinkAsync(CrossReferenceStore.CrmCompanyToErpCustomer, company.Id, id, rule, ct).ConfigureAwait(false);
        return new ErpCustomerRef(id, created.DisplayName, rule);
    }
}
