namespace Integration.Activities.Calendar;

/// <summary>The first instant invoicing is allowed, and why it could not be sooner (empty when it is the instant asked about).</summary>
/// <param name="At">In the calendar's time zone offset.</param>
/// <param name="Reasons">In calendar order, e.g. "after the 17:00 cut-off", "weekend", "Thanksgiving Day on Thursday 2026-11-26".</param>
public sealed record InvoicingSlot(DateTimeOffset At, DateOnly LocalDate, IReadOnlyList<string> Reasons);
