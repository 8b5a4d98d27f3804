using Microsoft.DurableTask;

namespace Integration.Bench.Raw;

/// <summary>The baseline workload: the deal workflow's shape (four activities in sequence) with no work in any step.</summary>
public static class NoopWorkflow
{
    public const string OrchestratorName = "BenchNoopOrchestrator";
    public const string ActivityName = "BenchNoopActivity";

    /// <summary>As many activities as DealToInvoiceOrchestrator calls on its happy path.</summary>
    public const int ActivityCount = 4;

    public static void Register(DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.AddOrchestratorFunc<string, int>(OrchestratorName, async (context, input) =>
        {
            for (var step = 0; step < ActivityCount; step++)
            {
                await context.CallActivityAsync<string>(ActivityName, input);
            }

            return ActivityCount;
        });
        registry.AddActivityFunc<string, string>(ActivityName, (_, input) => input);
    }
}
