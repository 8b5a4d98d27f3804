using Integration.Activities.Connectors.Erp;
using Integration.Activities.CustomerMatching;
using Integration.Orchestrations.Common;
using Integration.Orchestrations.DealToInvoice;

namespace Integration.Activities.DealToInvoice;

/// <summary>
/// Decides which ERP customer a CRM company is, in this order:
/// <list type="number">
/// <item>an operator named a customer: link it if the ERP has it active ("operator"), else not-found;</item>
/// <item>an operator said none of the candidates is the company: create it, under a disambiguated
/// name if the ERP says the name is taken ("created");</item>
/// <item>the recorded link of the ERP company in use (links are keyed by ERP system and realm/tenant), while the
/// ERP still has that customer active ("cross-reference"): links outlive ERP records that are deleted, merged or
/// made inactive, and a stale link is matched afresh. An active linked customer whose name and e-mail match
/// neither the company nor what it was when linked (its id now names someone else, e.g. in a restored company)
/// is a link-mismatch: a person decides, nothing is invoiced to it by rule;</item>
/// <item>the matching rules (<see cref="CustomerMatcher"/>): one candidate is linked by its rule,
/// several go to a person (nothing is linked);</item>
/// <item>no candidate: create the customer ("created"); when the ERP says the name is taken, an
/// active customer of that name is linked ("display-name").</item>
/// </list>
/// Every link is recorded with its rule. Creation keys come from
/// <see cref="EnsureErpCustomerActivity.CreationRequestId"/>, so a retried activity never creates twice.
/// </summary>
public sealed class ErpCustomerResolver(IErpConnector erp, ICustomerLinks links)
{
    public async Task<CustomerMatch> ResolveAsync(EnsureErpCustomerInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(input.Company);

        if (!string.IsNullOrWhiteSpace(input.OperatorCustomerId))
        {
            return await UseOperatorsCustomerAsync(input, input.OperatorCustomerId.Trim(), cancellationToken).ConfigureAwait(false);
        }

        string companyId = input.Company.Id;
        CustomerLink? link = await links.FindAsync(companyId, cancellationToken).ConfigureAwait(false);
        string? linked = link?.CustomerId;
        if (input.CreateNew)
        {
            // The operator rejected the candidates, same-named ones included: no name lookup on a clash.
            return await CreateAsync(input, linked, adoptSameName: false, cancellationToken).ConfigureAwait(false);
        }

        var keys = CompanyMatchKeys.From(input.Company);
        if (link is not null &&
            await erp.GetCustomerAsync(link.CustomerId, input.CorrelationId, cancellationToken).ConfigureAwait(false) is { Active: true } current)
        {
            return CustomerMatcher.StillMatches(keys, current, link.LinkedName, link.LinkedEmail)
                ? Matched(current, ErpCustomerRef.ByCrossReference)
                : Mismatch(input.Company, link, current);
        }

        // No link, or a stale one: match afresh. A replacement is created under a different key (see CreationRequestId).
        IReadOnlyList<ErpCustomer> found = keys.Query is { } query
            ? await erp.FindCustomersAsync(query, input.CorrelationId, cancellationToken).ConfigureAwait(false)
            : [];
        CustomerMatchResult result = CustomerMatcher.Match(keys, found);
        if (result.IsMatch)
        {
            return await LinkAsync(companyId, result.Customers[0], result.Rule!, null, cancellationToken).ConfigureAwait(false);
        }

        if (result.IsAmbiguous)
        {
            return Ambiguous(input.Company, result.Customers, result.Rule!);
        }

        return await CreateAsync(input, linked, adoptSameName: true, cancellationToken).ConfigureAwait(false);
    }

    private async Task<CustomerMatch> UseOperatorsCustomerAsync(EnsureErpCustomerInput input, string customerId, CancellationToken cancellationToken)
    {
        ErpCustomer? customer = await erp.GetCustomerAsync(customerId, input.CorrelationId, cancellationToken).ConfigureAwait(false);
        return customer switch
        {
            null => NotFound($"the ERP has no customer with id '{customerId}'"),
            { Active: false } => NotFound($"ERP customer {customer.Id} '{customer.Name}' is inactive"),
            _ => await LinkAsync(input.Company.Id, customer, ErpCustomerRef.ByOperator, null, cancellationToken).ConfigureAwait(false),
        };
    }

    /// <summary>
    /// Creates the customer. When the ERP says the name is taken: with <paramref name="adoptSameName"/>,
    /// an active customer of that name is this company ("display-name"; several go to a person); otherwise,
    /// or when none is active (an inactive customer keeps its name in QBO), it is created as "{Name} (CRM {id})".
    /// </summary>
    private async Task<CustomerMatch> CreateAsync(EnsureErpCustomerInput input, string? replacedCustomerId, bool adoptSameName, CancellationToken cancellationToken)
    {
        CrmCompany company = input.Company;
        string name = company.Name?.Trim() ?? string.Empty;
        if (NameNormaliser.Normalise(name) is null)
        {
            return NotFound($"CRM company {company.Id} has no name to create an ERP customer under");
        }

        // A malformed address would make the ERP reject the whole customer; the original spelling (with any +tag) is kept for delivery.
        string? email = EmailNormaliser.Normalise(company.Email) is null ? null : company.Email!.Trim();
        var draft = new ErpCustomerDraft(name, email, input.CustomerCategory, $"CRM company {company.Id}");
        string key = EnsureErpCustomerActivity.CreationRequestId(company.Id, replacedCustomerId);
        if (await erp.CreateCustomerAsync(draft, key, input.CorrelationId, cancellationToken).ConfigureAwait(false) is { } created)
        {
            return await LinkAsync(company.Id, created, ErpCustomerRef.Created, null, cancellationToken).ConfigureAwait(false);
        }

        if (adoptSameName)
        {
            IReadOnlyList<ErpCustomer> holders = await FindSameNameAsync(name, input.CorrelationId, cancellationToken).ConfigureAwait(false);
            if (holders.Count == 1)
            {
                return await LinkAsync(company.Id, holders[0], ErpCustomerRef.ByDisplayName, null, cancellationToken).ConfigureAwait(false);
            }

            if (holders.Count > 1)
            {
                return Ambiguous(company, holders, ErpCustomerRef.ByDisplayName);
            }
        }

        string renamed = DisambiguatedName(name, company.Id);
        string renamedKey = EnsureErpCustomerActivity.CreationRequestId(company.Id, replacedCustomerId, disambiguatedName: true);
        string why = $"created as '{renamed}' because the ERP already holds the name '{name}'";
        if (await erp.CreateCustomerAsync(draft with { Name = renamed }, renamedKey, input.CorrelationId, cancellationToken).ConfigureAwait(false) is { } createdRenamed)
        {
            return await LinkAsync(company.Id, createdRenamed, ErpCustomerRef.Created, why, cancellationToken).ConfigureAwait(false);
        }

        // The disambiguated name carries the CRM id, so an active customer holding it was made for this company.
        IReadOnlyList<ErpCustomer> ours = await FindSameNameAsync(renamed, input.CorrelationId, cancellationToken).ConfigureAwait(false);
        return ours.Count == 1
            ? await LinkAsync(company.Id, ours[0], ErpCustomerRef.ByDisplayName, null, cancellationToken).ConfigureAwait(false)
            : throw new PermanentActivityFailureException(
                $"The ERP reports both '{name}' and '{renamed}' as taken but has {ours.Count} active customers named '{renamed}'; CRM company {company.Id} needs an ERP customer set up by hand.");
    }

    /// <summary>The name a customer is created under when the company's own name is taken: unique to the company.</summary>
    public static string DisambiguatedName(string name, string companyId) => $"{name} (CRM {companyId})";

    private async Task<IReadOnlyList<ErpCustomer>> FindSameNameAsync(string name, string correlationId, CancellationToken cancellationToken)
    {
        // The whole name as the prefix: the holder of a taken name starts with it, whatever its punctuation.
        IReadOnlyList<ErpCustomer> found = await erp.FindCustomersAsync(new ErpCustomerQuery(null, name), correlationId, cancellationToken).ConfigureAwait(false);
        return CustomerMatcher.SameName(name, found);
    }

    private async Task<CustomerMatch> LinkAsync(string companyId, ErpCustomer customer, string rule, string? detail, CancellationToken cancellationToken)
    {
        await links.LinkAsync(companyId, customer, rule, cancellationToken).ConfigureAwait(false);
        return Matched(customer, rule, detail);
    }

    private static CustomerMatch Matched(ErpCustomer customer, string rule, string? detail = null) =>
        new(CustomerMatch.Matched, new ErpCustomerRef(customer.Id, customer.Name, rule), [], detail);

    private static CustomerMatch Ambiguous(CrmCompany company, IReadOnlyList<ErpCustomer> customers, string rule) =>
        new(
            CustomerMatch.Ambiguous,
            null,
            [.. customers.Select(c => new ErpCustomerCandidate(c.Id, c.Name, c.Email, rule))],
            $"{customers.Count} active ERP customers match CRM company {company.Id} '{company.Name}' by rule '{rule}'");

    private static CustomerMatch Mismatch(CrmCompany company, CustomerLink link, ErpCustomer current) =>
        new(
            CustomerMatch.LinkMismatch,
            null,
            [new ErpCustomerCandidate(current.Id, current.Name, current.Email, ErpCustomerRef.ByCrossReference)],
            $"CRM company {company.Id} {Describe(company.Name, company.Email)} is linked to ERP customer {current.Id}, which is now "
            + $"{Describe(current.Name, current.Email)}; when linked (by rule '{link.Rule}') it was {Describe(link.LinkedName, link.LinkedEmail)}");

    private static string Describe(string? name, string? email) =>
        $"'{name}'{(string.IsNullOrWhiteSpace(email) ? " (no e-mail)" : $" <{email.Trim()}>")}";

    private static CustomerMatch NotFound(string detail) => new(CustomerMatch.NotFound, null, [], detail);
}
