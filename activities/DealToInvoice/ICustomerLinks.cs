using Integration.Activities.Connectors.Erp;

namespace Integration.Activities.DealToInvoice;

/// <summary>
/// The recorded CRM company → ERP customer links of the ERP company in use, as the customer resolver needs them;
/// an interface so the resolver's branches are unit-tested without table storage.
/// </summary>
public interface ICustomerLinks
{
    /// <summary>The company's link in the ERP company in use (system and realm/tenant), or null when none is recorded.</summary>
    Task<CustomerLink?> FindAsync(string companyId, CancellationToken cancellationToken);

    /// <summary>Records (or replaces) the company's link, with the rule that found the customer and the customer as it is now.</summary>
    Task LinkAsync(string companyId, ErpCustomer customer, string rule, CancellationToken cancellationToken);
}

/// <summary>A recorded link: the ERP customer's id, the rule that linked it, and its name and e-mail when it was linked.</summary>
public sealed record CustomerLink(string CustomerId, string Rule, string? LinkedName, string? LinkedEmail);
