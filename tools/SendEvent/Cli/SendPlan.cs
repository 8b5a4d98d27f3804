namespace Integration.SendEvent.Cli;

/// <summary>A validated command line: which verb, where to send, how often, and the send to repeat.</summary>
public sealed record SendPlan(
    ISendVerb Verb,
    string BaseUrl,
    int Repeat,
    Func<WebhookSender, CancellationToken, Task<HttpResponseMessage>> Send);
