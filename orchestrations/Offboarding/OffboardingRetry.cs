namespace Integration.Orchestrations.Offboarding;

/// <summary>
/// The per-system retry schedule: the workflow's own loop rather than a retry policy, so each attempt
/// and its error are known to the escalation and the evidence. Roughly 25 minutes of attempts, well
/// inside the deadline, before a person is asked.
/// </summary>
public static class OffboardingRetry
{
    public const int MaxAttempts = 8;

    private static readonly TimeSpan First = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Longest = TimeSpan.FromMinutes(10);

    /// <summary>The wait after failed attempt <paramref name="attempt"/> (1-based): 10 s doubling, capped at 10 min.</summary>
    public static TimeSpan Delay(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        double seconds = First.TotalSeconds * Math.Pow(2, attempt - 1);
        return seconds >= Longest.TotalSeconds ? Longest : TimeSpan.FromSeconds(seconds);
    }
}
