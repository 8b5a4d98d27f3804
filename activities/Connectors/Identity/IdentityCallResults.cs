namespace Integration.Activities.Connectors.Identity;

/// <summary>What a revocation did in one system, before the activity stamps it with the target, time and correlation id.</summary>
/// <param name="Outcome">revoked, already-revoked or no-account (<see cref="Orchestrations.Offboarding.AccessOutcomes"/>).</param>
/// <param name="AccountId">The system's own id for the account when the calls revealed it, else null.</param>
/// <param name="Detail">A sentence for the evidence record.</param>
public sealed record IdentityRevocation(string Outcome, string? AccountId, string Detail);

/// <summary>What a provisioning did in one system, before the activity stamps it with the target, time and correlation id.</summary>
/// <param name="Outcome">created or linked (<see cref="Orchestrations.Offboarding.AccessOutcomes"/>).</param>
/// <param name="AccountId">The system's own id for the account when the calls revealed it, else null.</param>
/// <param name="Detail">A sentence for the onboarding report.</param>
public sealed record IdentityProvisioning(string Outcome, string? AccountId, string Detail);
