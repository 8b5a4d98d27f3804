using System.Globalization;
using System.Net;
using Integration.Activities.Configuration;
using Integration.Orchestrations.Offboarding;

namespace Integration.Activities.Connectors.Identity;

/// <summary>
/// GitHub organisation membership (the account key is the GitHub username): revocation removes the membership
/// (404: no longer a member, already-revoked); onboarding invites to the organisation, or links an active member.
/// </summary>
public sealed class GitHubConnector(HttpClient http) : IIdentityConnector
{
    public string Kind => IdentityKinds.GitHub;

    /// <summary>DELETE /orgs/{org}/memberships/{username} → 204 revoked; 404 already-revoked.</summary>
    public async Task<IdentityRevocation> RevokeAsync(string targetName, IdentityTargetOptions target, string accountKey, string callCorrelationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var call = new IdentityCall(http, Kind, targetName, target, callCorrelationId);
        using HttpResponseMessage response = await call.SendAsync(HttpMethod.Delete, Membership(target, accountKey), (HttpContent?)null, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return new IdentityRevocation(AccessOutcomes.AlreadyRevoked, null, $"{targetName}: {accountKey} is not a member of {target.Organization} (any more).");
        }

        await call.EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return new IdentityRevocation(AccessOutcomes.Revoked, null, $"{targetName}: {accountKey} removed from {target.Organization}.");
    }

    /// <summary>PUT the membership as member: state pending (a new invitation) → created; active (already a member) → linked.</summary>
    public async Task<IdentityProvisioning> ProvisionAsync(string targetName, IdentityTargetOptions target, NewAccount account, string callCorrelationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(account);
        var call = new IdentityCall(http, Kind, targetName, target, callCorrelationId);
        using HttpResponseMessage response = await call.SendAsync(HttpMethod.Put, Membership(target, account.AccountKey), new { role = "member" }, cancellationToken).ConfigureAwait(false);
        GitHubMembership membership = await call.ReadAsync<GitHubMembership>(response, cancellationToken).ConfigureAwait(false);
        string? userId = membership.User?.Id?.ToString(CultureInfo.InvariantCulture);
        return string.Equals(membership.State, "active", StringComparison.OrdinalIgnoreCase)
            ? new IdentityProvisioning(AccessOutcomes.Linked, userId, $"{targetName}: {account.AccountKey} was already an active member of {target.Organization}; linked.")
            : new IdentityProvisioning(AccessOutcomes.Created, userId, $"{targetName}: {account.AccountKey} invited to {target.Organization} (membership {membership.State}).");
    }

    private static string Membership(IdentityTargetOptions target, string username) =>
        $"orgs/{IdentityCall.Segment(target.Organization ?? string.Empty)}/memberships/{IdentityCall.Segment(username)}";

    private sealed record GitHubMembership(string? State, string? Role, GitHubUser? User);

    private sealed record GitHubUser(string? Login, long? Id);
}
