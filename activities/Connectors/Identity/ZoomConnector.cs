using System.Net;
using Integration.Activities.Configuration;
using Integration.Orchestrations.Offboarding;

namespace Integration.Activities.Connectors.Identity;

/// <summary>
/// Zoom users (id or e-mail as the key): revocation reads the user first (inactive: already-revoked) and then
/// deactivates it; onboarding creates a basic user, or links the one already in the account.
/// </summary>
public sealed class ZoomConnector(HttpClient http) : IIdentityConnector
{
    public const string Inactive = "inactive";

    public string Kind => IdentityKinds.Zoom;

    /// <summary>GET /v2/users/{key} (404: no-account; inactive: already-revoked), then PUT /v2/users/{id}/status deactivate → revoked.</summary>
    public async Task<IdentityRevocation> RevokeAsync(string targetName, IdentityTargetOptions target, string accountKey, string callCorrelationId, CancellationToken cancellationToken)
    {
        var call = new IdentityCall(http, Kind, targetName, target, callCorrelationId);
        ZoomUser? user = await call.ReadOrNullAsync<ZoomUser>(UserPath(accountKey), cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return new IdentityRevocation(AccessOutcomes.NoAccount, null, $"{targetName} has no user {accountKey}.");
        }

        if (string.Equals(user.Status, Inactive, StringComparison.OrdinalIgnoreCase))
        {
            return new IdentityRevocation(AccessOutcomes.AlreadyRevoked, user.Id, $"{targetName} user {user.Id} was already {Inactive}.");
        }

        await call.SendAndEnsureAsync(HttpMethod.Put, $"{UserPath(user.Id ?? accountKey)}/status", new { action = "deactivate" }, cancellationToken).ConfigureAwait(false);
        return new IdentityRevocation(AccessOutcomes.Revoked, user.Id, $"{targetName} user {user.Id} was {user.Status ?? "in an unknown status"}; deactivated.");
    }

    /// <summary>POST /v2/users (basic user, type 1); 409 (already in the account) → GET the user → linked.</summary>
    public async Task<IdentityProvisioning> ProvisionAsync(string targetName, IdentityTargetOptions target, NewAccount account, string callCorrelationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        var call = new IdentityCall(http, Kind, targetName, target, callCorrelationId);
        var body = new
        {
            action = "create",
            user_info = new { email = account.AccountKey, type = 1, first_name = account.FirstName, last_name = account.LastName },
        };
        (ZoomUser user, bool created) = await call.CreateOrReadAsync(
            HttpMethod.Post,
            "v2/users",
            body,
            (status, _) => status == HttpStatusCode.Conflict,
            ct => call.GetAsync<ZoomUser>(UserPath(account.AccountKey), ct),
            cancellationToken).ConfigureAwait(false);
        return created
            ? new IdentityProvisioning(AccessOutcomes.Created, user.Id, $"{targetName} user {account.AccountKey} created (id {user.Id}).")
            : new IdentityProvisioning(AccessOutcomes.Linked, user.Id, $"{targetName} user {account.AccountKey} already existed (id {user.Id}, {user.Status ?? "status unknown"}); linked.");
    }

    private static string UserPath(string idOrEmail) => $"v2/users/{IdentityCall.Segment(idOrEmail)}";

    private sealed record ZoomUser(string? Id, string? Status);
}
