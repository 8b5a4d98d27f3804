using Integration.Activities.Employees;
using Integration.Activities.Offboarding;
using Integration.Activities.Onboarding;
using Integration.Orchestrations.Common;
using Integration.Orchestrations.Employees;
using Integration.Orchestrations.Offboarding;
using Integration.Orchestrations.Onboarding;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Integration.Functions.Workflows;

/// <summary>
/// Orchestration and activity triggers for offboarding and onboarding: each binds a name to the one
/// class-based implementation in orchestrations/ or activities/.
/// </summary>
public sealed class EmployeeLifecycleFunctions(
    LoadEmployeeAccessActivity loadEmployee,
    RevokeAccessActivity revokeAccess,
    ProvisionAccessActivity provisionAccess)
{
    [Function(nameof(OffboardingOrchestrator))]
    public static Task<OffboardingResult> Offboarding([OrchestrationTrigger] TaskOrchestrationContext context, OffboardingInput input) =>
        new OffboardingOrchestrator().RunAsync(context, input);

    [Function(nameof(OnboardingOrchestrator))]
    public static Task<OnboardingResult> Onboarding([OrchestrationTrigger] TaskOrchestrationContext context, OnboardingInput input) =>
        new OnboardingOrchestrator().RunAsync(context, input);

    [Function(ActivityNames.LoadEmployeeAccess)]
    public Task<EmployeeAccessPlan> LoadEmployeeAccess([ActivityTrigger] LoadEmployeeAccessInput input, FunctionContext context) =>
        loadEmployee.RunAsync(new FunctionsActivityContext(ActivityNames.LoadEmployeeAccess, context), input);

    [Function(ActivityNames.RevokeAccess)]
    public Task<RevocationResult> RevokeAccess([ActivityTrigger] RevokeAccessInput input, FunctionContext context) =>
        revokeAccess.RunAsync(new FunctionsActivityContext(ActivityNames.RevokeAccess, context), input);

    [Function(ActivityNames.ProvisionAccess)]
    public Task<ProvisionResult> ProvisionAccess([ActivityTrigger] ProvisionAccessInput input, FunctionContext context) =>
        provisionAccess.RunAsync(new FunctionsActivityContext(ActivityNames.ProvisionAccess, context), input);
}
