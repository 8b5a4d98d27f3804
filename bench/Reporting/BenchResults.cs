using Integration.Bench.Measurement;
using Integration.Bench.Raw;
using Integration.Bench.Scenarios;

namespace Integration.Bench.Reporting;

/// <summary>Everything one run measured, filled in phase by phase; a phase that did not run stays null.</summary>
public sealed class BenchResults
{
    /// <summary>Acceptance target: p99 below this at the configured number of senders.</summary>
    public const double P99TargetMs = 50;

    /// <summary>Efficiency target: end-to-end workflows/s at least this fraction of raw orchestrations/s.</summary>
    public const double RatioTarget = 0.5;

    public StorageProbeResult? Storage { get; set; }

    public IngressResult? Ingress { get; set; }

    public (int Backlog, TimeSpan Took, bool Drained)? Drain { get; set; }

    public EndToEndResult? EndToEnd { get; set; }

    public RawEngineResult? Raw { get; set; }

    /// <summary>(k) HubSpot batches of 100 events acknowledged.</summary>
    public BatchAcknowledgeResult? BatchAcknowledge { get; set; }

    /// <summary>(l) intake before and after the dedupe table grew.</summary>
    public IntakeGrowthResult? IntakeGrowth { get; set; }

    /// <summary>CPU use and Azurite's answer time, per phase ("s", "a", "b", "c").</summary>
    public Dictionary<string, PhaseObservation> Observed { get; } = new(StringComparer.Ordinal);

    /// <summary>VmHWM of the host process, bytes.</summary>
    public long? PeakWorkingSet { get; set; }

    /// <summary>The largest VmRSS sampled once a second, bytes.</summary>
    public long? MaxSampledRss { get; set; }

    /// <summary>The 1-minute load average when the run started and ended: other work on the machine shares its cores.</summary>
    public (string AtStart, string? AtEnd) Load { get; set; }

    public List<string> Failures { get; } = [];

    public double? Ratio => EndToEnd is { } e && Raw is { } r && r.OrchestrationsPerSecond > 0
        ? e.WorkflowsPerSecond / r.OrchestrationsPerSecond
        : null;

    /// <summary>No failure, and every phase that ran passed its checks (a phase --phases left out stays null).</summary>
    public bool Passed =>
        Failures.Count == 0 && Ingress is null or { NonAccepted: 0 } && EndToEnd is null or { Passed: true } && Raw is null or { Passed: true }
        && BatchAcknowledge is null or { Passed: true } && IntakeGrowth is null or { Passed: true };
}
