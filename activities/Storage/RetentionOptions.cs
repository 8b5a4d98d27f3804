using Microsoft.Extensions.Options;

namespace Integration.Activities.Storage;

/// <summary>
/// How long the tables that grow with traffic keep their rows (section "Retention"); <see cref="TableRetentionService"/>
/// deletes what is older. The audit record (OffboardingEvidence) and the cross-references are never pruned.
/// </summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>The longest retry horizon of the senders in the vendor references (Stripe retries for up to 3 days;
    /// HubSpot 24 h; Shopify 4 h and may deliver a day late): a shorter dedupe window lets a late retry in as new.</summary>
    public static readonly TimeSpan LongestSenderRetryHorizon = TimeSpan.FromDays(3);

    /// <summary>The dedupe window: how long a received delivery id is remembered.</summary>
    public TimeSpan ReceivedEvents { get; set; } = TimeSpan.FromDays(4);

    /// <summary>How long support staff can read a workflow's outbound calls.</summary>
    public TimeSpan ApiCallLog { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long a dead letter is kept once it is no longer open (counted from its last change).</summary>
    public TimeSpan ResolvedDeadLetters { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Time between pruning runs (a run that hit <see cref="MaxDeletesPerRun"/> is followed at once by another).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Most rows one run deletes from one table, so a first run on a large table does not hog storage.</summary>
    public int MaxDeletesPerRun { get; set; } = 20_000;
}

/// <summary>Stops the host at start-up on a window that would forget deliveries senders still retry, or that makes no sense.</summary>
public sealed class RetentionOptionsValidator : IValidateOptions<RetentionOptions>
{
    public ValidateOptionsResult Validate(string? name, RetentionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.ReceivedEvents <= RetentionOptions.LongestSenderRetryHorizon)
        {
            failures.Add($"Retention:ReceivedEvents must be longer than {RetentionOptions.LongestSenderRetryHorizon.TotalDays:0} days, the longest sender retry horizon (Stripe's); was {options.ReceivedEvents}.");
        }

        if (options.ApiCallLog < TimeSpan.FromDays(1))
        {
            failures.Add($"Retention:ApiCallLog must be at least 1 day; was {options.ApiCallLog}.");
        }

        if (options.ResolvedDeadLetters < TimeSpan.FromDays(1))
        {
            failures.Add($"Retention:ResolvedDeadLetters must be at least 1 day; was {options.ResolvedDeadLetters}.");
        }

        if (options.Interval < TimeSpan.FromMinutes(1) || options.Interval > TimeSpan.FromDays(1))
        {
            failures.Add($"Retention:Interval must be between 1 minute and 1 day; was {options.Interval}.");
        }

        if (options.MaxDeletesPerRun is < 100 or > 1_000_000)
        {
            failures.Add($"Retention:MaxDeletesPerRun must be between 100 and 1000000; was {options.MaxDeletesPerRun}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
