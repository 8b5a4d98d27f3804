using Integration.Bench.Measurement;

namespace Integration.Bench.Scenarios;

/// <summary>Figures of (l): intake on the dedupe table as it was, and again after many more accepted deliveries.</summary>
/// <param name="RowsBefore">ReceivedEvents rows when the first run started.</param>
/// <param name="Before">The first acceptance run.</param>
/// <param name="LookupBefore">A missed dedupe lookup, timed alone, before the fill (ms).</param>
/// <param name="FillRows">Rows recorded between the runs.</param>
/// <param name="FillTook">How long recording them took.</param>
/// <param name="RowsAfter">ReceivedEvents rows when the second run started.</param>
/// <param name="After">The second acceptance run.</param>
/// <param name="LookupAfter">The same lookup after the fill (ms).</param>
public sealed record IntakeGrowthResult(
    long RowsBefore,
    IngressResult Before,
    LatencySummary LookupBefore,
    int FillRows,
    TimeSpan FillTook,
    long RowsAfter,
    IngressResult After,
    LatencySummary LookupAfter)
{
    /// <summary>The target: intake after the fill within 10% of intake before it.</summary>
    public const double RatioTarget = 0.9;

    public double Ratio => Before.RequestsPerSecond > 0 ? After.RequestsPerSecond / Before.RequestsPerSecond : double.NaN;

    public bool Passed => Before.NonAccepted == 0 && After.NonAccepted == 0;
}
