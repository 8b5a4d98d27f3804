namespace Integration.SendEvent.Cli;

/// <summary>One CLI verb: a named scenario that turns its options into a signed delivery; add a class to add a scenario.</summary>
public interface ISendVerb
{
    /// <summary>The verb as typed, e.g. "deal-closed".</summary>
    string Name { get; }

    /// <summary>One line saying what the verb sends.</summary>
    string Summary { get; }

    /// <summary>The verb's own options, e.g. "--deal &lt;id&gt; [--event-id &lt;n&gt;]" (the common options are added by the CLI).</summary>
    string Usage { get; }

    /// <summary>The option names (without "--") the verb accepts besides the common ones.</summary>
    IReadOnlyCollection<string> Options { get; }

    /// <summary>The options that may be given more than once (e.g. one --sku and --qty per order line); none unless a verb says so.</summary>
    IReadOnlyCollection<string> RepeatableOptions => [];

    /// <summary>Validates the options (usage errors as <see cref="CliUsageException"/>) and returns the send, run once per repetition.</summary>
    Func<WebhookSender, CancellationToken, Task<HttpResponseMessage>> Prepare(CliArguments args);
}
