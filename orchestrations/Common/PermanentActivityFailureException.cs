namespace Integration.Orchestrations.Common;

/// <summary>
/// Thrown by an activity when retrying cannot help (the other system said no: 400, 403, 404...).
/// Defined here so orchestrators' retry policies can recognise it without referencing activities.
/// </summary>
public sealed class PermanentActivityFailureException : Exception
{
    public PermanentActivityFailureException()
    {
    }

    public PermanentActivityFailureException(string message)
        : base(message)
    {
    }

    public PermanentActivityFailureException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
