using Integration.Activities.Calendar;
using Integration.Orchestrations.Common;
using Integration.Orchestrations.DealToInvoice;
using Microsoft.DurableTask;

namespace Integration.Activities.DealToInvoice;

/// <summary>
/// Asks the business calendar when the deal's invoice may be created and when it falls due. Pure and
/// deterministic (the orchestration passes Now), so a retry gives the same answer. Unreadable payment
/// terms or an uncovered holiday year fail permanently: retrying cannot fix configuration or CRM data.
/// </summary>
public sealed class PlanInvoiceDateActivity(BusinessCalendar calendar) : TaskActivity<PlanInvoiceDateInput, InvoiceSchedule>
{
    public override Task<InvoiceSchedule> RunAsync(TaskActivityContext context, PlanInvoiceDateInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            return Task.FromResult(calendar.Plan(input.ClosedAt, input.Now, input.PaymentTerms));
        }
        catch (InvoicePlanningException ex)
        {
            throw new PermanentActivityFailureException($"Deal {input.DealId}: {ex.Message}", ex);
        }
    }
}
