using Integration.Orchestrations.Offboarding;
using Microsoft.DurableTask;

namespace Integration.Activities.Evidence;

/// <summary>Saves an offboarding's whole evidence record at a milestone; safe to retry, the last save wins.</summary>
public sealed class RecordOffboardingEvidenceActivity(OffboardingEvidenceStore store) : TaskActivity<OffboardingEvidence, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, OffboardingEvidence input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await store.SaveAsync(input, CancellationToken.None).ConfigureAwait(false);
        return true;
    }
}
