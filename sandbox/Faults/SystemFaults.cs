namespace Integration.Sandbox.Faults;

/// Current settings of one system plus its seeded random source, so fault sequences are reproducible.
internal sealed class SystemFaults
{
    private readonly Lock gate = new();
    private FaultSettings settings;
    private Random random;

    public SystemFaults(FaultSettings settings)
    {
        this.settings = settings;
        random = new Random(settings.Seed);
    }

    public FaultSettings Settings
    {
        get
        {
            lock (gate)
            {
                return settings;
            }
        }
    }

    /// <summary>Replaces the settings and restarts the random sequence from their seed.</summary>
    public void Apply(FaultSettings newSettings)
    {
        lock (gate)
        {
            settings = newSettings;
            random = new Random(newSettings.Seed);
        }
    }

    /// <summary>Draws, in order, 429, 500, timeout, 403 and (writes only) 500-after-processing; the first hit wins.</summary>
    public FaultDecision Draw(bool isWrite)
    {
        lock (gate)
        {
            var s = settings;
            if (Hit(s.Rate429))
            {
                return new FaultDecision(FaultKind.RateLimited, s);
            }

            if (Hit(s.Rate500))
            {
                return new FaultDecision(FaultKind.ServerError, s);
            }

            if (Hit(s.RateTimeout))
            {
                return new FaultDecision(FaultKind.Timeout, s);
            }

            if (Hit(s.Rate403))
            {
                return new FaultDecision(FaultKind.Forbidden, s);
            }

            if (isWrite && Hit(s.Rate500AfterProcessing))
            {
                return new FaultDecision(FaultKind.ServerErrorAfterProcessing, s);
            }

            return new FaultDecision(FaultKind.None, s);
        }
    }

    // A zero rate draws nothing, so enabling one fault does not shift the sequence of another system.
    private bool Hit(double rate) => rate > 0 && random.NextDouble() < rate;
}
