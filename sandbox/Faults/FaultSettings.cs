namespace Integration.Sandbox.Faults;

/// Fault-injection knobs for one system; every rate is a share of requests between 0 and 1.
internal sealed record FaultSettings
{
    public int LatencyMs { get; init; }

    public double Rate429 { get; init; }

    public int RetryAfterSeconds { get; init; } = 1;

    public double Rate500 { get; init; }

    public double Rate500AfterProcessing { get; init; }

    public double RateTimeout { get; init; }

    /// <summary>Share answered 403 with the vendor's permission-denied body: a permanent rejection, unlike 429/5xx.</summary>
    public double Rate403 { get; init; }

    public int TimeoutMs { get; init; } = 30000;

    public int Seed { get; init; } = 1;

    public static FaultSettings FromConfiguration(IConfiguration section)
    {
        var d = new FaultSettings();
        return new FaultSettings
        {
            LatencyMs = section.GetValue(nameof(LatencyMs), d.LatencyMs),
            Rate429 = section.GetValue(nameof(Rate429), d.Rate429),
            RetryAfterSeconds = section.GetValue(nameof(RetryAfterSeconds), d.RetryAfterSeconds),
            Rate500 = section.GetValue(nameof(Rate500), d.Rate500),
            Rate500AfterProcessing = section.GetValue(nameof(Rate500AfterProcessing), d.Rate500AfterProcessing),
            RateTimeout = section.GetValue(nameof(RateTimeout), d.RateTimeout),
            Rate403 = section.GetValue(nameof(Rate403), d.Rate403),
            TimeoutMs = section.GetValue(nameof(TimeoutMs), d.TimeoutMs),
            Seed = section.GetValue(nameof(Seed), d.Seed),
        };
    }

    /// <summary>Returns one message per invalid setting; empty when the settings are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        CheckRate(errors, nameof(Rate429), Rate429);
        CheckRate(errors, nameof(Rate500), Rate500);
        CheckRate(errors, nameof(Rate500AfterProcessing), Rate500AfterProcessing);
        CheckRate(errors, nameof(RateTimeout), RateTimeout);
        CheckRate(errors, nameof(Rate403), Rate403);
        CheckNotNegative(errors, nameof(LatencyMs), LatencyMs);
        CheckNotNegative(errors, nameof(TimeoutMs), TimeoutMs);
        CheckNotNegative(errors, nameof(RetryAfterSeconds), RetryAfterSeconds);
        return errors;
    }

    private static void CheckRate(List<string> errors, string name, double value)
    {
        if (double.IsNaN(value) || value < 0 || value > 1)
        {
            errors.Add($"{name} must be between 0 and 1 (was {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}).");
        }
    }

    private static void CheckNotNegative(List<string> errors, string name, int value)
    {
        if (value < 0)
        {
            errors.Add($"{name} must not be negative (was {value}).");
        }
    }
}
