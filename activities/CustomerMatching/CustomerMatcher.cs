using Integration.Activities.Connectors.Erp;
using Integration.Orchestrations.DealToInvoice;

namespace Integration.Activities.CustomerMatching;

/// <summary>
/// Applies the matching rules in order: exact normalised email ("email"), then email domain
/// ("email-domain", never a free-mail domain), then normalised name ("name"). The first rule that
/// finds anyone decides; a later rule never breaks a tie, because a weaker rule agreeing with one of
/// several stronger candidates is no evidence. Inactive customers are never candidates.
/// </summary>
public static class CustomerMatcher
{
    public static CustomerMatchResult Match(CompanyMatchKeys company, IEnumerable<ErpCustomer> customers)
    {
        ArgumentNullException.ThrowIfNull(company);
        ArgumentNullException.ThrowIfNull(customers);
        List<ErpCustomer> active = Active(customers);

        if (company.Email is { } email &&
            Where(active, c => EmailNormaliser.Normalise(c.Email) == email) is { Count: > 0 } byEmail)
        {
            return new CustomerMatchResult(ErpCustomerRef.ByEmail, byEmail);
        }

        if (company.Domain is { } domain &&
            Where(active, c => EmailNormaliser.DomainOf(c.Email) == domain) is { Count: > 0 } byDomain)
        {
            return new CustomerMatchResult(ErpCustomerRef.ByEmailDomain, byDomain);
        }

        if (company.Name is { } name &&
            Where(active, c => NameNormaliser.Normalise(c.Name) == name) is { Count: > 0 } byName)
        {
            return new CustomerMatchResult(ErpCustomerRef.ByName, byName);
        }

        return CustomerMatchResult.None;
    }

    /// <summary>
    /// Whether a linked customer may still be invoiced for the company: its normalised name or e-mail equals the
    /// company's, or equals what the customer was when the link was made (a customer linked by e-mail domain or by
    /// an operator may bear another name). A customer id the ERP now uses for someone else (a restored company,
    /// ids reused) matches neither.
    /// </summary>
    public static bool StillMatches(CompanyMatchKeys company, ErpCustomer customer, string? linkedName, string? linkedEmail)
    {
        ArgumentNullException.ThrowIfNull(company);
        ArgumentNullException.ThrowIfNull(customer);
        string? name = NameNormaliser.Normalise(customer.Name);
        string? email = EmailNormaliser.Normalise(customer.Email);
        return Same(name, company.Name) || Same(email, company.Email)
            || Same(name, NameNormaliser.Normalise(linkedName)) || Same(email, EmailNormaliser.Normalise(linkedEmail));
    }

    /// <summary>The active customers whose normalised name equals <paramref name="name"/>'s: the lookup behind a duplicate-name answer.</summary>
    public static IReadOnlyList<ErpCustomer> SameName(string name, IEnumerable<ErpCustomer> customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        string? normalised = NameNormaliser.Normalise(name);
        return normalised is null ? [] : Where(Active(customers), c => NameNormaliser.Normalise(c.Name) == normalised);
    }

    /// <summary>Active only, and each id once: the ERP's superset merges a domain and a name search.</summary>
    private static List<ErpCustomer> Active(IEnumerable<ErpCustomer> customers) =>
        customers.Where(c => c.Active).DistinctBy(c => c.Id, StringComparer.Ordinal).ToList();

    private static bool Same(string? a, string? b) => a is not null && string.Equals(a, b, StringComparison.Ordinal);

    private static List<ErpCustomer> Where(List<ErpCustomer> customers, Func<ErpCustomer, bool> rule) => customers.Where(rule).ToList();
}
