using Integration.Activities.Configuration;

namespace Integration.Activities.Connectors.Identity;

/// <summary>
/// One connector kind (graph, okta...): revokes or creates an account in any target of that kind. Failures follow
/// <see cref="ConnectorResponses"/>: a 4xx the caller caused is a PermanentActivityFailureException with the vendor's
/// message, 429 and 5xx are HttpRequestException so the workflow retries.
/// </summary>
public interface IIdentityConnector
{
    /// <summary>The kind this connector implements (<see cref="IdentityKinds"/>).</summary>
    string Kind { get; }

    /// <summary>Ends the account's access; idempotent, so a repeat answers already-revoked (or revoked where the vendor cannot tell).</summary>
    Task<IdentityRevocation> RevokeAsync(string targetName, IdentityTargetOptions target, string accountKey, string callCorrelationId, CancellationToken cancellationToken);

    /// <summary>Creates the account, or links the one that already exists (never a second account).</summary>
    Task<IdentityProvisioning> ProvisionAsync(string targetName, IdentityTargetOptions target, NewAccount account, string callCorrelationId, CancellationToken cancellationToken);
}
