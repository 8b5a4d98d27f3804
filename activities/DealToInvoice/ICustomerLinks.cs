namespace Integration.Activities.DealToInvoice;

/// <summary>
/// The recorded CRM company → ERP customer links, as the customer resolver needs them; an interface
/// so the resolver's branches are unit-tested without table storage.
/// </summary>
public interface ICustomerLinks
{
    /// <summary>The ERP customer id linked to the company, or null when none is recorded.</summary>
    Task<string?> FindAsync(string companyId, CancellationToken cancellationToken);

    /// <summary>Records (or replaces) the company's link, with the rule that found the customer.</summary>
    Task LinkAsync(string companyId, string customerId, string rule, CancellationToken cancellationToken);
}
