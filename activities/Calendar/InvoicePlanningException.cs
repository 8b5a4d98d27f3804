namespace Integration.Activities.Calendar;

/// <summary>
/// The calendar cannot plan this deal as configured (unreadable payment terms, a year the holiday file
/// does not cover). Retrying cannot help; the activity turns it into a permanent failure.
/// </summary>
public sealed class InvoicePlanningException : Exception
{
    public InvoicePlanningException()
    {
    }

    public InvoicePlanningException(string message)
        : base(message)
    {
    }

    public InvoicePlanningException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
