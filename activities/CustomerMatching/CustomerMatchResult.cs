using Integration.Activities.Connectors.Erp;

namespace Integration.Activities.CustomerMatching;

/// <summary>
/// What the first rule with any candidates found: one customer (a match), several (ambiguous: a
/// person chooses), or none when <see cref="Rule"/> is null.
/// </summary>
/// <param name="Rule">The <see cref="Orchestrations.DealToInvoice.ErpCustomerRef"/> rule name, or null when no rule found anyone.</param>
/// <param name="Customers">The active customers that rule found, in the ERP's order, each once.</param>
public sealed record CustomerMatchResult(string? Rule, IReadOnlyList<ErpCustomer> Customers)
{
    public static CustomerMatchResult None { get; } = new(null, []);

    public bool IsMatch => Customers.Count == 1;

    public bool IsAmbiguous => Customers.Count > 1;
}
