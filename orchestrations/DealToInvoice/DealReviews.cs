using System.Globalization;
using Integration.Orchestrations.Common;

namespace Integration.Orchestrations.DealToInvoice;

/// <summary>The questions the deal-to-invoice workflow asks an operator, and the answers each accepts.</summary>
public static class DealReviews
{
    public const string UseCustomer = "use-customer";
    public const string UseLinked = "use-linked";
    public const string CreateCustomer = "create-customer";
    public const string UseItemCode = "use-item-code";
    public const string SkipLine = "skip-line";
    public const string Approve = "approve";
    public const string Refetch = "refetch";
    public const string Cancel = "cancel";

    private static readonly ReviewAction CancelAction = new(Cancel, "do not invoice this deal", RequiresValue: false);

    /// <summary>A deal with no company cannot be matched to a customer by rule; a person names one or cancels.</summary>
    public static ReviewRequest NoCompany(string dealId) => new(
        $"deal {dealId} has no associated company: name the ERP customer to invoice, or cancel",
        [
            new ReviewAction(UseCustomer, "invoice the ERP customer with this id (value)", RequiresValue: true),
            CancelAction,
        ]);

    /// <summary>Two or more ERP customers fit the company under one rule: the workflow does not guess.</summary>
    public static ReviewRequest AmbiguousCustomer(string dealId, CrmCompany company, IReadOnlyList<ErpCustomerCandidate> candidates, string? detail)
    {
        ArgumentNullException.ThrowIfNull(company);
        ArgumentNullException.ThrowIfNull(candidates);
        string listed = string.Join(", ", candidates.Select(c => $"{c.Id} '{c.Name}'{(c.Email is null ? string.Empty : $" <{c.Email}>")} by {c.Rule}"));
        string reason = candidates.Count > 0
            ? $"deal {dealId}: CRM company {company.Id} '{company.Name}' matches {candidates.Count} ERP customers ({listed}): choose one, create a new customer, or cancel"
            : $"deal {dealId}: {detail ?? "the ERP customer could not be determined"}: name another ERP customer, create a new one, or cancel";
        return new ReviewRequest(
            reason,
            [
                new ReviewAction(UseCustomer, "invoice the ERP customer with this id (value) and link it to the company", RequiresValue: true),
                new ReviewAction(CreateCustomer, "none of these is the company: create a new ERP customer", RequiresValue: false),
                CancelAction,
            ]);
    }

    /// <summary>
    /// The customer the company is linked to no longer matches it, nor what it was when linked (the ERP changed:
    /// a restored company reuses ids): both sides are shown, and a person says which customer is right.
    /// </summary>
    public static ReviewRequest LinkedCustomerMismatch(string dealId, ErpCustomerCandidate linked, string? detail)
    {
        ArgumentNullException.ThrowIfNull(linked);
        return new ReviewRequest(
            $"deal {dealId}: {detail ?? $"the linked ERP customer {linked.Id} '{linked.Name}' no longer matches the company"}: invoice it anyway, name another ERP customer, create a new one, or cancel",
            [
                new ReviewAction(UseLinked, $"ERP customer {linked.Id} '{linked.Name}' is the company: invoice it and keep the link", RequiresValue: false),
                new ReviewAction(UseCustomer, "invoice the ERP customer with this id (value) and link it to the company", RequiresValue: true),
                new ReviewAction(CreateCustomer, "none of these is the company: create a new ERP customer", RequiresValue: false),
                CancelAction,
            ]);
    }

    /// <summary>A product the data dictionary does not map: the operator names the item code, drops the line, or cancels.</summary>
    public static ReviewRequest UnmappedProduct(string dealId, string mappingVersion, IReadOnlyList<UnmappedProduct> unmapped)
    {
        ArgumentNullException.ThrowIfNull(unmapped);
        UnmappedProduct first = unmapped[0];
        string all = string.Join(", ", unmapped.Select(u => $"'{u.Key}' ({u.Name}, line {u.CrmLineId})"));
        return new ReviewRequest(
            $"deal {dealId}: data dictionary {mappingVersion} has no ERP item code for {all}; answering for '{first.Key}' (line {first.CrmLineId})",
            [
                new ReviewAction(UseItemCode, $"book '{first.Key}' on the ERP item with this code (value)", RequiresValue: true),
                new ReviewAction(SkipLine, $"leave line {first.CrmLineId} off the invoice", RequiresValue: false),
                CancelAction,
            ]);
    }

    /// <summary>The priced lines do not add up to the deal amount within the tolerance: a person decides, not a wrong invoice.</summary>
    public static ReviewRequest AmountMismatch(string dealId, string currency, AmountCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        string Money(decimal d) => d.ToString("0.00##", CultureInfo.InvariantCulture);
        return new ReviewRequest(
            $"deal {dealId}: invoice total {Money(check.InvoiceTotal)} {currency} differs from the deal amount {Money(check.DealAmount)} by {Money(check.Difference)} (tolerance {Money(check.Tolerance)})",
            [
                new ReviewAction(Approve, "invoice the priced lines as they are", RequiresValue: false),
                new ReviewAction(Refetch, "the deal was corrected in the CRM: read it again", RequiresValue: false),
                CancelAction,
            ]);
    }

    /// <summary>"cancelled by ops@example: no comment"; the sentence the result and status carry.</summary>
    public static string CancelledBy(ReviewDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return $"cancelled by {decision.ReviewedBy ?? "an operator"}: {decision.Comment ?? "no comment"}";
    }
}
