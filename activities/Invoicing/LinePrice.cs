namespace Integration.Activities.Invoicing;

/// <summary>One line's priced amounts in the deal currency, each rounded to the currency's minor unit.</summary>
/// <param name="Discount">The whole line's discount (not per unit).</param>
/// <param name="Net">Quantity × unit price − discount: what the invoice line charges before tax.</param>
public readonly record struct LinePrice(decimal Discount, decimal Net);
