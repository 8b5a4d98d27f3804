using Integration.Bench.Measurement;

namespace Integration.Bench.Scenarios;

/// <summary>Figures of the storage baseline: what Azurite alone allows for the three calls each accepted webhook makes.</summary>
public sealed record StorageProbeResult(int Senders, double Seconds, LatencySummary Latency, int Errors)
{
    public double SequencesPerSecond => Latency.Count / Seconds;
}
