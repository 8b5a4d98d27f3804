using System.Globalization;
using Integration.Orchestrations.Common;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Integration.Orchestrations.DealToInvoice;

/// <summary>
/// Brings the ERP in line with one CRM deal. It reads the deal and decides from what it finds, not
/// from the event that woke it, so a missed or out-of-order webhook cannot leave the books wrong:
/// <list type="bullet">
/// <item>closed-won, not invoiced: map and price the lines, match the customer, wait for the business
/// calendar, create the invoice (revision r, idempotency key per revision), write it to the deal;</item>
/// <item>closed-won, but the customer the company is linked to in this ERP company no longer matches it (name
/// or e-mail): manual review showing both sides (use-linked, use-customer, create-customer, cancel);</item>
/// <item>closed-won, invoiced for a different total: credit the old invoice and issue revision r+1;</item>
/// <item>no longer closed-won, invoiced: void or credit the invoice, patch the deal, alert finance;</item>
/// <item>no longer closed-won, not invoiced: end as cancelled, nothing created.</item>
/// </list>
/// A change event that arrives while it waits restarts the reconciliation (ContinueAsNew). Questions
/// only a person can answer go to manual review; a step that cannot succeed ends in a dead letter.
/// </summary>
public sealed class DealToInvoiceOrchestrator : TaskOrchestrator<DealToInvoiceInput, DealToInvoiceResult>
{
    /// <summary>CRM deal properties this workflow writes (and reads back on the next run).</summary>
    public const string InvoiceIdProperty = "erp_invoice_id";
    public const string InvoiceNumberProperty = "erp_invoice_number";
    public const string InvoiceRevisionProperty = "erp_invoice_revision";
    public const string InvoiceTotalProperty = "erp_invoice_total";
    public const string InvoiceStatusProperty = "erp_invoice_status";
    public const string CustomerIdProperty = "erp_customer_id";
    public const string ReversedInvoiceProperty = "erp_reversed_invoice_id";
    public const string CreditNoteProperty = "erp_credit_note_id";

    /// <summary>The business-key instance id: one workflow per deal, so a duplicate start is a no-op.</summary>
    public static string InstanceIdFor(string dealId) => $"deal-invoice-{dealId}";

    /// <summary>The ERP idempotency key for a revision's invoice; stable across retries, restarts and duplicates.</summary>
    public static string InvoiceIdempotencyKey(string dealId, int revision) =>
        string.Create(CultureInfo.InvariantCulture, $"deal-{dealId}-invoice-r{revision}");

    /// <summary>The ERP idempotency key for taking a revision's invoice back (void or credit note).</summary>
    public static string ReversalIdempotencyKey(string dealId, int revision) =>
        string.Create(CultureInfo.InvariantCulture, $"deal-{dealId}-reverse-r{revision}");

    public override async Task<DealToInvoiceResult> RunAsync(TaskOrchestrationContext context, DealToInvoiceInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        ILogger log = context.CreateReplaySafeLogger<DealToInvoiceOrchestrator>();

        // Registered once for the whole run: a change that arrives while an activity runs is buffered
        // and seen at the next wait, instead of being dropped when the workflow completes.
        Task<DealChanged> changed = context.WaitForExternalEvent<DealChanged>(DealChanged.EventName);
        try
        {
            var run = new Run(context, input, changed);
            DealToInvoiceResult? result = await run.ReconcileAsync();
            if (result is null)
            {
                // Start over from the deal as it is now: an operator asked to read it again, or a change
                // arrived during a wait (the next run carries that change's correlation id).
                DealToInvoiceInput next = input;
                if (!run.RestartRequested)
                {
                    DealChanged change = await changed;
                    log.LogInformation("Deal {DealId} changed ({EventType}); reconciling again ({CorrelationId})", input.DealId, change.EventType, change.CorrelationId);
                    next = new DealToInvoiceInput(input.DealId, change.CorrelationId, change.EventId);
                }

                context.ContinueAsNew(next, preserveUnprocessedEvents: true);
                return new DealToInvoiceResult(input.DealId, "restarted", null, null, null, null, null);
            }

            log.LogInformation("Deal {DealId}: {Outcome} ({CorrelationId})", input.DealId, result.Outcome, input.CorrelationId);
            return result;
        }
        catch (TaskFailedException ex)
        {
            log.LogWarning("Deal {DealId} failed at {Activity}: {Error} ({CorrelationId})", input.DealId, ex.TaskName, ex.FailureDetails.ErrorMessage, input.CorrelationId);
            return await DeadLetter(context, input, $"{ex.TaskName} failed: {ex.FailureDetails.ErrorMessage}", ex.FailureDetails.ErrorType);
        }
    }

    private static async Task<DealToInvoiceResult> DeadLetter(
        TaskOrchestrationContext context, DealToInvoiceInput input, string reason, string? detail)
    {
        await WorkflowDeadLetter.RecordAsync(context, input.CorrelationId, reason, detail);
        return new DealToInvoiceResult(input.DealId, DealToInvoiceResult.DeadLettered, null, null, null, null, reason);
    }

    private static void SetStatus(TaskOrchestrationContext context, string step, string detail, DateTimeOffset? waitingUntil = null) =>
        context.SetCustomStatus(new WorkflowStatus(step, detail, context.CurrentUtcDateTime) { WaitingUntil = waitingUntil });

    /// <summary>One reconciliation: the state it accumulates (answers from reviews) lives here, not in statics.</summary>
    private sealed class Run(TaskOrchestrationContext context, DealToInvoiceInput input, Task<DealChanged> changed)
    {
        /// <summary>Bounds the questions one run asks about its lines (one per unmapped product, plus re-reads), so history stays bounded.</summary>
        private const int MaxReviewRounds = 50;

        private readonly TaskOptions retry = WorkflowRetry.Standard;

        /// <summary>Set once an operator was asked anything: time has passed since the invoice date was planned.</summary>
        private bool asked;

        /// <summary>An operator asked to read the deal again (it was corrected in the CRM).</summary>
        public bool RestartRequested { get; private set; }

        /// <summary>The result, or null when the caller must start over: a deal change interrupted a wait, or <see cref="RestartRequested"/>.</summary>
        public async Task<DealToInvoiceResult?> ReconcileAsync()
        {
            PreparedDeal prepared = await FetchDealAsync();
            CrmDeal deal = prepared.Deal;
            DealInvoiceState? invoiced = deal.Invoice is { HasLiveInvoice: true } live ? live : null;

            if (!deal.IsClosedWon)
            {
                if (invoiced is null)
                {
                    string why = $"deal {deal.Id} is not closed-won (stage '{deal.Stage}'): nothing is invoiced";
                    SetStatus(context, DealToInvoiceResult.Cancelled, why);
                    return Result(deal, DealToInvoiceResult.Cancelled, why) with { Revision = deal.Invoice?.Revision ?? 0 };
                }

                ErpReversal reversal = await ReverseAsync(deal, invoiced, mode: null, "the deal left closed-won");
                await AlertFinanceAsync(
                    "warning",
                    $"Invoice {reversal.Mode}ed: deal {deal.Id} re-opened",
                    $"Deal {deal.Id} '{deal.Name}' moved to stage '{deal.Stage}' after it was invoiced; invoice {invoiced.InvoiceId} (revision {invoiced.Revision}) was {Describe(reversal)}.");
                string done = $"invoice {invoiced.InvoiceId} {Describe(reversal)}: deal {deal.Id} is no longer closed-won";
                SetStatus(context, "completed", done);
                return Result(deal, DealToInvoiceResult.Reversed, null) with
                {
                    Revision = invoiced.Revision,
                    ReversedInvoiceId = invoiced.InvoiceId,
                    CreditNoteId = reversal.CreditNoteId,
                };
            }

            if (deal.LineItems.Count == 0)
            {
                return await DeadLetter(context, input, "the deal has no line items to invoice", null);
            }

            (InvoiceDraft? draft, string? cancelled) = await ReviewDraftAsync(deal, prepared.Draft ?? await DraftAsync(deal, new Dictionary<string, string>(StringComparer.Ordinal), []));
            if (draft is null)
            {
                return cancelled is null ? null : Cancelled(deal, cancelled);
            }

            ErpReversal? credited = null;
            if (invoiced is not null)
            {
                if (invoiced.Total == draft.Total)
                {
                    string same = $"invoice {invoiced.InvoiceId} (revision {invoiced.Revision}) already matches deal {deal.Id}";
                    SetStatus(context, "completed", same);
                    return Result(deal, DealToInvoiceResult.InSync, null) with
                    {
                        InvoiceId = invoiced.InvoiceId,
                        InvoiceTotal = invoiced.Total,
                        ErpCustomerId = invoiced.CustomerId,
                        Revision = invoiced.Revision,
                        MappingVersion = draft.MappingVersion,
                    };
                }

                // The amount changed after invoicing: credit the old invoice, then issue the next revision.
                credited = await ReverseAsync(deal, invoiced, ReverseErpInvoiceInput.Credit, "the deal amount changed");
            }

            int revision = (deal.Invoice?.Revision ?? 0) + 1;
            (ErpCustomerRef? customer, string? noCustomer) = await ResolveCustomerAsync(deal, draft);
            if (customer is null)
            {
                return noCustomer is null ? null : Cancelled(deal, noCustomer);
            }

            // Time passed while a person answered: plan again from now.
            InvoiceSchedule schedule = asked || prepared.Schedule is null ? await PlanAsync(deal) : prepared.Schedule;
            if (schedule.InvoiceAt > context.CurrentUtcDateTime)
            {
                SetStatus(context, "waiting-for-business-day", $"waiting until {schedule.Description}", schedule.InvoiceAt);
            }

            if (!await WaitUnlessChangedAsync(schedule.InvoiceAt))
            {
                return null;
            }

            SetStatus(context, "creating-invoice", $"creating invoice revision {revision} for customer {customer.Id}");
            ErpInvoiceRef invoice = await context.CallActivityAsync<ErpInvoiceRef>(
                ActivityNames.CreateErpInvoice,
                new CreateErpInvoiceInput(
                    deal.Id,
                    revision,
                    customer.Id,
                    draft.Currency,
                    draft.Lines,
                    schedule.InvoiceDate,
                    schedule.DueDate,
                    InvoiceIdempotencyKey(deal.Id, revision),
                    input.CorrelationId),
                retry);

            SetStatus(context, "patching-deal", $"writing invoice {invoice.Id} to deal {deal.Id}");
            await PatchDealAsync(deal.Id, new Dictionary<string, string>
            {
                [InvoiceIdProperty] = invoice.Id,
                [InvoiceNumberProperty] = invoice.DocNumber ?? string.Empty,
                [InvoiceRevisionProperty] = revision.ToString(CultureInfo.InvariantCulture),
                [InvoiceTotalProperty] = invoice.Total.ToString(CultureInfo.InvariantCulture),
                [InvoiceStatusProperty] = DealInvoiceState.Issued,
                [CustomerIdProperty] = customer.Id,
            });

            // A change that arrived while the invoice was written must not be dropped with the completed
            // instance: the next generation reads the deal and reverses the invoice if it must.
            if (changed.IsCompleted)
            {
                return null;
            }

            if (credited is not null)
            {
                await AlertFinanceAsync(
                    "warning",
                    $"Invoice credited and reissued: deal {deal.Id}",
                    $"Deal {deal.Id} '{deal.Name}' changed after it was invoiced: invoice {credited.InvoiceId} was {Describe(credited)}, and invoice {invoice.Id} (revision {revision}, {invoice.Total.ToString("0.00", CultureInfo.InvariantCulture)} {draft.Currency}) replaces it.");
            }

            SetStatus(context, "completed", $"invoice {invoice.Id} (revision {revision}) created for deal {deal.Id}");
            return new DealToInvoiceResult(deal.Id, DealToInvoiceResult.Invoiced, customer.Id, customer.MatchRule, invoice.Id, invoice.Total, null)
            {
                Revision = revision,
                MappingVersion = draft.MappingVersion,
                InvoiceDate = schedule.InvoiceDate,
                DueDate = schedule.DueDate,
                ReversedInvoiceId = credited?.InvoiceId,
                CreditNoteId = credited?.CreditNoteId,
            };
        }

        private async Task<PreparedDeal> FetchDealAsync()
        {
            SetStatus(context, "fetching-deal", $"reading deal {input.DealId} from the CRM, drafting its invoice and planning the date");
            return await context.CallActivityAsync<PreparedDeal>(
                ActivityNames.FetchCrmDeal, new FetchCrmDealInput(input.DealId, input.CorrelationId, context.CurrentUtcDateTime), retry);
        }

        private Task<InvoiceDraft> DraftAsync(CrmDeal deal, Dictionary<string, string> itemCodes, List<string> skipped) =>
            context.CallActivityAsync<InvoiceDraft>(
                ActivityNames.BuildInvoiceDraft, new BuildInvoiceDraftInput(deal, itemCodes, skipped, input.CorrelationId), retry);

        private Task<InvoiceSchedule> PlanAsync(CrmDeal deal) =>
            context.CallActivityAsync<InvoiceSchedule>(
                ActivityNames.PlanInvoiceDate,
                new PlanInvoiceDateInput(deal.Id, deal.CloseDate ?? context.CurrentUtcDateTime, context.CurrentUtcDateTime, deal.PaymentTerms),
                retry);

        /// <summary>Asks an operator about each unmapped product and an amount outside the tolerance, drafting again after each answer.</summary>
        private async Task<(InvoiceDraft? Draft, string? Cancelled)> ReviewDraftAsync(CrmDeal deal, InvoiceDraft first)
        {
            var itemCodes = new Dictionary<string, string>(StringComparer.Ordinal);
            var skipped = new List<string>();
            bool amountApproved = false;
            InvoiceDraft draft = first;
            for (int round = 0; round < MaxReviewRounds; round++)
            {
                if (round > 0)
                {
                    SetStatus(context, "building-invoice", $"drafting deal {deal.Id} again with the operator's answer");
                    draft = await DraftAsync(deal, itemCodes, skipped);
                }

                if (draft.Unmapped.Count > 0)
                {
                    ReviewDecision? decision = await AskAsync(DealReviews.UnmappedProduct(deal.Id, draft.MappingVersion, draft.Unmapped));
                    if (decision is null)
                    {
                        return (null, null);
                    }

                    UnmappedProduct asking = draft.Unmapped[0];
                    switch (decision.Action)
                    {
                        case DealReviews.UseItemCode:
                            itemCodes[asking.Key] = decision.Value!;
                            continue;
                        case DealReviews.SkipLine:
                            skipped.Add(asking.CrmLineId);
                            continue;
                        default:
                            return (null, DealReviews.CancelledBy(decision));
                    }
                }

                if (draft.Lines.Count == 0)
                {
                    return (null, $"every line of deal {deal.Id} was left off the invoice by an operator");
                }

                if (!draft.AmountCheck.WithinTolerance && !amountApproved)
                {
                    ReviewDecision? decision = await AskAsync(DealReviews.AmountMismatch(deal.Id, draft.Currency, draft.AmountCheck));
                    if (decision is null)
                    {
                        return (null, null);
                    }

                    switch (decision.Action)
                    {
                        case DealReviews.Approve:
                            amountApproved = true;
                            return (draft, null);
                        case DealReviews.Refetch:
                            // The deal was corrected in the CRM: reconcile again from the top.
                            RestartRequested = true;
                            return (null, null);
                        default:
                            return (null, DealReviews.CancelledBy(decision));
                    }
                }

                return (draft, null);
            }

            return (null, $"deal {deal.Id} still needed answers after {MaxReviewRounds} review rounds");
        }

        /// <summary>Matches the customer by rule, asking an operator when no rule decides (no company, several candidates).</summary>
        private async Task<(ErpCustomerRef? Customer, string? Cancelled)> ResolveCustomerAsync(CrmDeal deal, InvoiceDraft draft)
        {
            if (deal.Company is null)
            {
                ReviewDecision? decision = await AskAsync(DealReviews.NoCompany(deal.Id));
                if (decision is null)
                {
                    return (null, null);
                }

                return decision.Action == DealReviews.UseCustomer
                    ? (new ErpCustomerRef(decision.Value!, decision.Value!, ErpCustomerRef.ByOperator), null)
                    : (null, DealReviews.CancelledBy(decision));
            }

            SetStatus(context, "matching-customer", $"finding the ERP customer for CRM company {deal.Company.Id}");
            var request = new EnsureErpCustomerInput(deal.Company, input.CorrelationId, draft.CustomerCategory);
            CustomerMatch match = await context.CallActivityAsync<CustomerMatch>(ActivityNames.EnsureErpCustomer, request, retry);
            while (match.Outcome != CustomerMatch.Matched)
            {
                bool mismatch = match.Outcome == CustomerMatch.LinkMismatch && match.Candidates.Count > 0;
                ReviewDecision? decision = await AskAsync(mismatch
                    ? DealReviews.LinkedCustomerMismatch(deal.Id, match.Candidates[0], match.Detail)
                    : DealReviews.AmbiguousCustomer(deal.Id, deal.Company, match.Candidates, match.Detail));
                if (decision is null)
                {
                    return (null, null);
                }

                EnsureErpCustomerInput answer = decision.Action switch
                {
                    // The operator vouches for the linked customer: linked again as theirs, with its name and e-mail as they are now.
                    DealReviews.UseLinked when mismatch => request with { OperatorCustomerId = match.Candidates[0].Id },
                    DealReviews.UseCustomer => request with { OperatorCustomerId = decision.Value },
                    DealReviews.CreateCustomer => request with { CreateNew = true },
                    _ => request,
                };
                if (ReferenceEquals(answer, request))
                {
                    return (null, DealReviews.CancelledBy(decision));
                }

                SetStatus(context, "matching-customer", $"applying the operator's answer '{decision.Action}' for CRM company {deal.Company.Id}");
                match = await context.CallActivityAsync<CustomerMatch>(ActivityNames.EnsureErpCustomer, answer, retry);
            }

            return (match.Customer!, null);
        }

        /// <summary>Voids or credits the live invoice and records that on the deal.</summary>
        private async Task<ErpReversal> ReverseAsync(CrmDeal deal, DealInvoiceState invoiced, string? mode, string why)
        {
            SetStatus(context, "reversing-invoice", $"{why}: taking back invoice {invoiced.InvoiceId} (revision {invoiced.Revision})");
            ErpReversal reversal = await context.CallActivityAsync<ErpReversal>(
                ActivityNames.ReverseErpInvoice,
                new ReverseErpInvoiceInput(
                    deal.Id,
                    invoiced.Revision,
                    invoiced.InvoiceId!,
                    mode,
                    DateOnly.FromDateTime(context.CurrentUtcDateTime),
                    ReversalIdempotencyKey(deal.Id, invoiced.Revision),
                    input.CorrelationId),
                retry);

            await PatchDealAsync(deal.Id, new Dictionary<string, string>
            {
                [InvoiceIdProperty] = string.Empty,
                [InvoiceStatusProperty] = reversal.Mode == ReverseErpInvoiceInput.Credit ? DealInvoiceState.Credited : DealInvoiceState.Voided,
                [ReversedInvoiceProperty] = invoiced.InvoiceId!,
                [CreditNoteProperty] = reversal.CreditNoteId ?? string.Empty,
            });
            return reversal;
        }

        /// <summary>Manual review that a deal change interrupts: null means the deal changed and the run starts over.</summary>
        private Task<ReviewDecision?> AskAsync(ReviewRequest request)
        {
            asked = true;
            return ManualReview.RequestAsync(context, request, input.CorrelationId, changed);
        }

        private Task PatchDealAsync(string dealId, Dictionary<string, string> properties) =>
            context.CallActivityAsync(ActivityNames.PatchCrmDeal, new PatchCrmDealInput(dealId, properties, input.CorrelationId), retry);

        private Task AlertFinanceAsync(string severity, string title, string text) =>
            context.CallActivityAsync(
                ActivityNames.RaiseAlert, new AlertInput(severity, title, text, context.InstanceId, input.CorrelationId), retry);

        /// <summary>Waits for the business day; false when a deal change came first or had already arrived.</summary>
        private Task<bool> WaitUnlessChangedAsync(DateTimeOffset until) => DurableWaits.UntilAsync(context, until, changed);

        private DealToInvoiceResult Cancelled(CrmDeal deal, string why)
        {
            SetStatus(context, DealToInvoiceResult.Cancelled, why);
            return Result(deal, DealToInvoiceResult.Cancelled, why);
        }

        private static DealToInvoiceResult Result(CrmDeal deal, string outcome, string? failure) =>
            new(deal.Id, outcome, null, null, null, null, failure);

        private static string Describe(ErpReversal r) => r.CreditNoteId is null
            ? "voided"
            : $"credited by credit note {r.CreditNoteId} ({r.Amount.ToString("0.00", CultureInfo.InvariantCulture)})";
    }
}
