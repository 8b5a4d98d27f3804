using Integration.Activities.Configuration;
using Integration.Orchestrations.Common;
using Integration.Orchestrations.Offboarding;

namespace Integration.Activities.Connectors.Identity;

/// <summary>
/// Atlassian Cloud admin: the SCIM directory finds the user and its Atlassian account id; revocation disables the
/// account through the user management API (idempotent, so a repeat is "revoked" too); onboarding creates the
/// SCIM user or links it.
/// </summary>
public sealed class AtlassianConnector(HttpClient http) : IIdentityConnector
{
    public string Kind => IdentityKinds.Atlassian;

    /// <summary>Filter lookup in the directory (none: no-account), then POST /users/{atlassianAccountId}/manage/lifecycle/disable → revoked.</summary>
    public async Task<IdentityRevocation> RevokeAsync(string targetName, IdentityTargetOptions target, string accountKey, string callCorrelationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var call = new IdentityCall(http, Kind, targetName, target, callCorrelationId);
        ScimUsers.ScimUser? user = await ScimUsers.FindAsync(call, Users(target), accountKey, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return new IdentityRevocation(AccessOutcomes.NoAccount, null, $"{targetName} directory has no user {accountKey}.");
        }

        string accountId = user.Atlassian?.AtlassianAccountId is { Length: > 0 } id
            ? id
            : throw new PermanentActivityFailureException(
                $"{targetName} directory user {user.Id} ({accountKey}) carries no atlassianAccountId, so its account cannot be disabled.");
        var body = new { message = $"Access ended by offboarding ({targetName})." };
        await call.SendAndEnsureAsync(HttpMethod.Post, $"users/{IdentityCall.Segment(accountId)}/manage/lifecycle/disable", body, cancellationToken).ConfigureAwait(false);
        return new IdentityRevocation(AccessOutcomes.Revoked, accountId, $"{targetName} account {accountId} (directory user {user.Id}) disabled.");
    }

    /// <summary>POST the SCIM core user to the directory; 409 → the filter lookup → linked. The id returned is the Atlassian account id when the answer has it.</summary>
    public async Task<IdentityProvisioning> ProvisionAsync(string targetName, IdentityTargetOptions target, NewAccount account, string callCorrelationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(account);
        var call = new IdentityCall(http, Kind, targetName, target, callCorrelationId);
        (ScimUsers.ScimUser user, bool created) = await ScimUsers.CreateOrFindAsync(call, Users(target), account, cancellationToken).ConfigureAwait(false);
        string? accountId = user.Atlassian?.AtlassianAccountId ?? user.Id;
        return created
            ? new IdentityProvisioning(AccessOutcomes.Created, accountId, $"{targetName} user {account.AccountKey} created (account {accountId}, directory user {user.Id}).")
            : new IdentityProvisioning(AccessOutcomes.Linked, accountId, $"{targetName} user {account.AccountKey} already existed (account {accountId}, directory user {user.Id}); linked.");
    }

    private static string Users(IdentityTargetOptions target) => $"scim/directory/{IdentityCall.Segment(target.DirectoryId ?? string.Empty)}/Users";
}
