namespace Integration.Activities.Invoicing;

/// <summary>How invoice lines are priced and checked against the deal (section "Pricing").</summary>
public sealed class PricingOptions
{
    public const string Section = "Pricing";

    /// <summary>
    /// The largest absolute difference, in the deal's currency, between the invoice total and the deal
    /// amount that is invoiced without asking a person. Both are net of tax.
    /// </summary>
    public decimal AmountTolerance { get; set; } = 0.01m;

    /// <summary>The ISO 4217 code used when the deal carries no currency.</summary>
    public string DefaultCurrency { get; set; } = "USD";
}
