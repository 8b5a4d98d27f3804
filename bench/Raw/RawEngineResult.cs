using Integration.Bench.Measurement;

namespace Integration.Bench.Raw;

/// <summary>Figures of the raw-engine baseline: no-op orchestrations of the workflow's shape on the same storage.</summary>
public sealed record RawEngineResult(int Orchestrations, int Concurrency, double StartSeconds, CompletionResult Completion)
{
    public double OrchestrationsPerSecond => Completion.Completed / Completion.Elapsed.TotalSeconds;

    public bool Passed => Completion.AllCompleted && Completion.Completed == Orchestrations;
}
