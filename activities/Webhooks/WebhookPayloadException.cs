namespace Integration.Activities.Webhooks;

/// <summary>The body is not a payload this source sends (malformed JSON, a missing field): the caller gets 400.</summary>
public sealed class WebhookPayloadException : Exception
{
    public WebhookPayloadException()
    {
    }

    public WebhookPayloadException(string message)
        : base(message)
    {
    }

    public WebhookPayloadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
