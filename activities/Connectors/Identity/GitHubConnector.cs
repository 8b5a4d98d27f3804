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

    /// <summary>
    /// Reads the membership first: one that exists (active, or an invitation still pending) is linked as it is,
    /// so a repeat neither re-invites nor changes an owner's role; otherwise PUT it as member → created.
    /// </summary>
    public async Task<IdentityProvisioning> ProvisionAsync(string targetName, IdentityTargetOptions target, NewAccount account, string callCorrelationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(account);
        var call = new IdentityCall(http, Kind, targetName, target, callCorrelationId);
        string path = Membership(target, account.AccountKey);
        GitHubMembership? existing = await call.ReadOrNullAsync<GitHubMembership>(path, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            return new IdentityProvisioning(
                AccessOutcomes.Linked,
                existing.User?.Id?.ToString(CultureInfo.InvariantCulture),
                $"{targetName}: {account.AccountKey} already had a {existing.State} {existing.Role} membership of {target.Organization}; linked.");
        }

        using HttpResponseMessage response = await call.SendAsync(HttpMethod.Put, path, new { role = "member" }, cancellationToken).ConfigureAwait(false);
        GitHubMembership membership = await call.ReadAsync<GitHubMembership>(response, cancellationToken).ConfigureAwait(false);
        return new IdentityProvisioning(
            AccessOutcomes.Created,
            membership.User?.Id?.ToString(CultureInfo.InvariantCulture),
            $"{targetName}: {account.AccountKey} invited to {target.Organization} (membership {membership.State}).");
    }

    private static string Membership(IdentityTargetOptions target, string username) =>
        $"orgs/{IdentityCall.Segment(target.Organization ?? string.Empty)}/memberships/{IdentityCall.Segment(username)}";

    private sealed record GitHubMembership(string? State, string? Role, GitHubUser? User);

    private sealed record GitHubUser(string? Login, long? Id);
}
