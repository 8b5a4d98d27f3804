namespace Integration.Orchestrations.DealToInvoice;

/// <summary>
/// Finds (or creates) the ERP customer for a CRM company. <paramref name="OperatorCustomerId"/> links
/// the customer an operator named; <paramref name="CreateNew"/> skips matching because an operator
/// said none of the candidates is this company.
/// </summary>
/// <param name="CustomerCategory">The ERP customer category the data dictionary maps the company's account type to; used on create.</param>
public sealed record EnsureErpCustomerInput(
    CrmCompany Company,
    string CorrelationId,
    string? CustomerCategory = null,
    string? OperatorCustomerId = null,
    bool CreateNew = false);

/// <summary>The outcome of matching: one customer (with the rule that found it), or candidates a person must choose from.</summary>
public sealed record CustomerMatch(string Outcome, ErpCustomerRef? Customer, IReadOnlyList<ErpCustomerCandidate> Candidates, string? Detail)
{
    /// <summary>Exactly one customer: linked (or created) and recorded in the cross-reference table.</summary>
    public const string Matched = "matched";

    /// <summary>Two or more candidates under the first rule that found any: the workflow must not guess.</summary>
    public const string Ambiguous = "ambiguous";

    /// <summary>The operator named a customer the ERP does not have (or has made inactive).</summary>
    public const string NotFound = "not-found";

    /// <summary>
    /// The company's recorded link names an active ERP customer that no longer matches it (name or e-mail) nor is what
    /// it was when linked: the only candidate is that customer, and a person decides before anything is invoiced.
    /// </summary>
    public const string LinkMismatch = "link-mismatch";
}

/// <summary>One ERP customer a rule matched, shown to the operator who resolves an ambiguous match.</summary>
public sealed record ErpCustomerCandidate(string Id, string Name, string? Email, string Rule);

/// <summary>The ERP customer and the rule by which it was found.</summary>
public sealed record ErpCustomerRef(string Id, string DisplayName, string MatchRule)
{
    public const string ByCrossReference = "cross-reference";
    public const string ByEmail = "email";
    public const string ByEmailDomain = "email-domain";
    public const string ByName = "name";
    public const string ByDisplayName = "display-name";
    public const string Created = "created";
    public const string ByOperator = "operator";
}
