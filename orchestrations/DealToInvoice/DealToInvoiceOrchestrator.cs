using Integration.Orchestrations.Common;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Integration.Orchestrations.DealToInvoice;

/// <summary>
/// A deal closed in the CRM becomes exactly one ERP invoice: fetch the deal, find or create the
/// customer, create the invoice under an idempotency key derived from the deal, write the invoice
/// id back to the deal. A deal with no company goes to manual review (an operator names the ERP
/// customer or cancels). A step that cannot succeed ends in a dead letter, never silently.
/// </summary>
public sealed class DealToInvoiceOrchestrator : TaskOrchestrator<DealToInvoiceInput, DealToInvoiceResult>
{
    /// <summary>CRM deal property that receives the ERP invoice id.</summary>
    public const string InvoiceIdProperty = "erp_invoice_id";

    /// <summary>Review answer: invoice the ERP customer whose id is the decision's value.</summary>
    public const string UseCustomerAction = "use-customer";

    /// <summary>Review answer: do not invoice this deal.</summary>
    public const string CancelAction = "cancel";

    /// <summary>Days until payment is due when the deal names no terms.</summary>
    public const int DefaultPaymentTermDays = 30;

    /// <summary>The business-key instance id: one workflow per deal, so a duplicate start is a no-op.</summary>
    public static string InstanceIdFor(string dealId) => $"deal-invoice-{dealId}";

    /// <summary>The ERP idempotency key for a deal's invoice; stable across retries, restarts and duplicates.</summary>
    public static string InvoiceIdempotencyKey(string dealId) => $"deal-{dealId}-invoice-r1";

    public override async Task<DealToInvoiceResult> RunAsync(TaskOrchestrationContext context, DealToInvoiceInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        ILogger log = context.CreateReplaySafeLogger<DealToInvoiceOrchestrator>();
        TaskOptions retry = WorkflowRetry.Standard;

        try
        {
            SetStatus(context, "fetching-deal", $"reading deal {input.DealId} from the CRM");
            CrmDeal deal = await context.CallActivityAsync<CrmDeal>(
                ActivityNames.FetchCrmDeal, new FetchCrmDealInput(input.DealId, input.CorrelationId), retry);

            if (deal.LineItems.Count == 0)
            {
                return await DeadLetter(context, input, "the deal has no line items to invoice", null);
            }

            ErpCustomerRef customer;
            if (deal.Company is null)
            {
                ReviewDecision decision = await ManualReview.RequestAsync(context, NoCompanyReview(deal.Id), input.CorrelationId);
                if (decision.Action == CancelAction)
                {
                    string why = $"cancelled by {decision.ReviewedBy ?? "an operator"}: {decision.Comment ?? "no comment"}";
                    SetStatus(context, DealToInvoiceResult.Cancelled, why);
                    return new DealToInvoiceResult(input.DealId, DealToInvoiceResult.Cancelled, null, null, null, null, why);
                }

                customer = new ErpCustomerRef(decision.Value!, decision.Value!, ErpCustomerRef.ByOperator);
            }
            else
            {
                SetStatus(context, "matching-customer", $"finding the ERP customer for CRM company {deal.Company.Id}");
                customer = await context.CallActivityAsync<ErpCustomerRef>(
                    ActivityNames.EnsureErpCustomer, new EnsureErpCustomerInput(deal.Company, input.CorrelationId), retry);
            }

            SetStatus(context, "creating-invoice", $"creating the invoice for customer {customer.Id}");
            DateOnly txnDate = DateOnly.FromDateTime(context.CurrentUtcDateTime);
            ErpInvoiceRef invoice = await context.CallActivityAsync<ErpInvoiceRef>(
                ActivityNames.CreateErpInvoice,
                new CreateErpInvoiceInput(
                    deal.Id,
                    customer.Id,
                    deal.LineItems,
                    txnDate,
                    txnDate.AddDays(DefaultPaymentTermDays),
                    InvoiceIdempotencyKey(deal.Id),
                    input.CorrelationId),
                retry);

            SetStatus(context, "patching-deal", $"writing invoice {invoice.Id} to deal {deal.Id}");
            await context.CallActivityAsync(
                ActivityNames.PatchCrmDeal,
                new PatchCrmDealInput(
                    deal.Id,
                    new Dictionary<string, string> { [InvoiceIdProperty] = invoice.Id },
                    input.CorrelationId),
                retry);

            SetStatus(context, "completed", $"invoice {invoice.Id} created for deal {deal.Id}");
            log.LogInformation("Deal {DealId} invoiced as {InvoiceId} ({CorrelationId})", deal.Id, invoice.Id, input.CorrelationId);
            return new DealToInvoiceResult(
                deal.Id, DealToInvoiceResult.Invoiced, customer.Id, customer.MatchRule, invoice.Id, invoice.Total, null);
        }
        catch (TaskFailedException ex)
        {
            log.LogWarning("Deal {DealId} failed at {Activity}: {Error} ({CorrelationId})", input.DealId, ex.TaskName, ex.FailureDetails.ErrorMessage, input.CorrelationId);
            return await DeadLetter(context, input, $"{ex.TaskName} failed: {ex.FailureDetails.ErrorMessage}", ex.FailureDetails.ErrorType);
        }
    }

    /// <summary>A deal with no company cannot be matched to a customer by rule; a person names one or cancels.</summary>
    public static ReviewRequest NoCompanyReview(string dealId) => new(
        $"deal {dealId} has no associated company: name the ERP customer to invoice, or cancel",
        [
            new ReviewAction(UseCustomerAction, "invoice the ERP customer with this id (value)", RequiresValue: true),
            new ReviewAction(CancelAction, "do not invoice this deal", RequiresValue: false),
        ]);

    private static async Task<DealToInvoiceResult> DeadLetter(
        TaskOrchestrationContext context, DealToInvoiceInput input, string reason, string? detail)
    {
        SetStatus(context, "dead-lettered", reason);
        await context.CallActivityAsync(
            ActivityNames.RecordDeadLetter,
            new DeadLetterInput("workflow", context.InstanceId, input.CorrelationId, reason, detail),
            WorkflowRetry.Standard);
        return new DealToInvoiceResult(input.DealId, DealToInvoiceResult.DeadLettered, null, null, null, null, reason);
    }

    private static void SetStatus(TaskOrchestrationContext context, string step, string detail) =>
        context.SetCustomStatus(new WorkflowStatus(step, detail, context.CurrentUtcDateTime));
}
