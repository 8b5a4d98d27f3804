using Integration.Activities.Common;
using Integration.Activities.DealToInvoice;
using Integration.Orchestrations.Common;
using Integration.Orchestrations.DealToInvoice;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Integration.Functions.Workflows;

/// <summary>
/// Orchestration and activity triggers for deal-to-invoice: each binds a name to the one class-based
/// implementation in orchestrations/ or activities/.
/// </summary>
public sealed class DealToInvoiceFunctions(
    FetchCrmDealActivity fetchDeal,
    EnsureErpCustomerActivity ensureCustomer,
    CreateErpInvoiceActivity createInvoice,
    ReverseErpInvoiceActivity reverseInvoice,
    PatchCrmDealActivity patchDeal,
    PlanInvoiceDateActivity planInvoiceDate,
    BuildInvoiceDraftActivity buildDraft,
    RecordDeadLetterActivity recordDeadLetter)
{
    [Function(nameof(DealToInvoiceOrchestrator))]
    public static Task<DealToInvoiceResult> DealToInvoice([OrchestrationTrigger] TaskOrchestrationContext context, DealToInvoiceInput input) =>
        new DealToInvoiceOrchestrator().RunAsync(context, input);

    [Function(ActivityNames.FetchCrmDeal)]
    public Task<PreparedDeal> FetchCrmDeal([ActivityTrigger] FetchCrmDealInput input, FunctionContext context) =>
        fetchDeal.RunAsync(new FunctionsActivityContext(ActivityNames.FetchCrmDeal, context), input);

    [Function(ActivityNames.EnsureErpCustomer)]
    public Task<CustomerMatch> EnsureErpCustomer([ActivityTrigger] EnsureErpCustomerInput input, FunctionContext context) =>
        ensureCustomer.RunAsync(new FunctionsActivityContext(ActivityNames.EnsureErpCustomer, context), input);

    [Function(ActivityNames.CreateErpInvoice)]
    public Task<ErpInvoiceRef> CreateErpInvoice([ActivityTrigger] CreateErpInvoiceInput input, FunctionContext context) =>
        createInvoice.RunAsync(new FunctionsActivityContext(ActivityNames.CreateErpInvoice, context), input);

    [Function(ActivityNames.ReverseErpInvoice)]
    public Task<ErpReversal> ReverseErpInvoice([ActivityTrigger] ReverseErpInvoiceInput input, FunctionContext context) =>
        reverseInvoice.RunAsync(new FunctionsActivityContext(ActivityNames.ReverseErpInvoice, context), input);

    [Function(ActivityNames.PatchCrmDeal)]
    public Task<bool> PatchCrmDeal([ActivityTrigger] PatchCrmDealInput input, FunctionContext context) =>
        patchDeal.RunAsync(new FunctionsActivityContext(ActivityNames.PatchCrmDeal, context), input);

    [Function(ActivityNames.PlanInvoiceDate)]
    public Task<InvoiceSchedule> PlanInvoiceDate([ActivityTrigger] PlanInvoiceDateInput input, FunctionContext context) =>
        planInvoiceDate.RunAsync(new FunctionsActivityContext(ActivityNames.PlanInvoiceDate, context), input);

    [Function(ActivityNames.RecordDeadLetter)]
    public Task<bool> RecordDeadLetter([ActivityTrigger] DeadLetterInput input, FunctionContext context) =>
        recordDeadLetter.RunAsync(new FunctionsActivityContext(ActivityNames.RecordDeadLetter, context), input);

    [Function(ActivityNames.BuildInvoiceDraft)]
    public Task<InvoiceDraft> BuildInvoiceDraft([ActivityTrigger] BuildInvoiceDraftInput input, FunctionContext context) =>
        buildDraft.RunAsync(new FunctionsActivityContext(ActivityNames.BuildInvoiceDraft, context), input);
}
