namespace Integration.Sandbox.Identity;

/// <summary>The outcome of <see cref="IdentityStore.Deactivate"/> and the account as it is afterwards (null when not found).</summary>
internal sealed record IdentityDeactivation(DeactivationOutcome Outcome, IdentityAccount? Account);
