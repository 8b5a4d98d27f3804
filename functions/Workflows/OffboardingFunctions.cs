using Integration.Activities.Evidence;
using Integration.Orchestrations.Common;
using Integration.Orchestrations.Offboarding;
using Microsoft.Azure.Functions.Worker;

namespace Integration.Functions.Workflows;

/// <summary>
/// Orchestration and activity triggers for offboarding: each binds a name to the one class-based
/// implementation in orchestrations/ or activities/.
/// </summary>
public sealed class OffboardingFunctions(RecordOffboardingEvidenceActivity recordEvidence)
{
    [Function(ActivityNames.RecordOffboardingEvidence)]
    public Task<bool> RecordOffboardingEvidence([ActivityTrigger] OffboardingEvidence input, FunctionContext context) =>
        recordEvidence.RunAsync(new FunctionsActivityContext(ActivityNames.RecordOffboardingEvidence, context), input);
}
