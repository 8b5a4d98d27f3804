using Integration.Activities.Connectors.Erp;
using Integration.Orchestrations.DealToInvoice;

namespace Integration.Activities.CustomerMatching;

/// <summary>
/// The normalised values of a CRM company that the matching rules compare, computed once.
/// </summary>
/// <param name="Email">The company's normalised email, or null.</param>
/// <param name="Domain">
/// The domain the email-domain rule compares: the company's domain, else its email's domain,
/// whichever is first and not free-mail; null when neither qualifies.
/// </param>
/// <param name="Name">The company's normalised name, or null.</param>
/// <param name="QueryDomain">
/// The domain the ERP is asked for candidates by: <paramref name="Domain"/>, else the email's domain
/// even when it is free-mail, because the exact-email rule needs those candidates.
/// </param>
public sealed record CompanyMatchKeys(string? Email, string? Domain, string? Name, string? QueryDomain)
{
    public static CompanyMatchKeys From(CrmCompany company)
    {
        ArgumentNullException.ThrowIfNull(company);
        string? email = EmailNormaliser.Normalise(company.Email);
        string? emailDomain = EmailNormaliser.DomainOf(email);
        string? domain = new[] { DomainNormaliser.Normalise(company.Domain), emailDomain }
            .FirstOrDefault(d => d is not null && !FreeMailDomains.Contains(d));
        return new CompanyMatchKeys(email, domain, NameNormaliser.Normalise(company.Name), domain ?? emailDomain);
    }

    /// <summary>The first word of the normalised name, which the ERP's case-insensitive name prefix search takes.</summary>
    public string? NamePrefix => NameNormaliser.FirstWord(Name);

    /// <summary>What to ask the ERP for (a superset of every rule's candidates), or null when there is nothing to ask by.</summary>
    public ErpCustomerQuery? Query => QueryDomain is null && NamePrefix is null ? null : new ErpCustomerQuery(QueryDomain, NamePrefix);
}
