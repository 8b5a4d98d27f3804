using Integration.Activities.Configuration;
using Integration.Orchestrations.Offboarding;

namespace Integration.Activities.Connectors.Identity;

/// <summary>
/// Slack SCIM v2: users are found by userName (the account key); revocation deactivates with DELETE (Slack keeps
/// the user, deactivated), skipped when the user is already inactive; onboarding creates or links.
/// </summary>
public sealed class SlackScimConnector(HttpClient http) : IIdentityConnector
{
    private const string Users = "scim/v2/Users";

    public string Kind => IdentityKinds.SlackScim;

    /// <summary>Filter lookup (none: no-account; active false: already-revoked), then DELETE /scim/v2/Users/{id} → revoked.</summary>
    public async Task<IdentityRevocation> RevokeAsync(string targetName, IdentityTargetOptions target, string accountKey, string callCorrelationId, CancellationToken cancellationToken)
    {
        var call = new IdentityCall(http, Kind, targetName, target, callCorrelationId);
        ScimUsers.ScimUser? user = await ScimUsers.FindAsync(call, Users, accountKey, cancellationToken).ConfigureAwait(false);
        if (user?.Id is null)
        {
            return new IdentityRevocation(AccessOutcomes.NoAccount, null, $"{targetName} has no user {accountKey}.");
        }

        if (user.Active == false)
        {
            return new IdentityRevocation(AccessOutcomes.AlreadyRevoked, user.Id, $"{targetName} user {user.Id} was already deactivated.");
        }

        await call.SendAndEnsureAsync(HttpMethod.Delete, $"{Users}/{IdentityCall.Segment(user.Id)}", null, cancellationToken).ConfigureAwait(false);
        return new IdentityRevocation(AccessOutcomes.Revoked, user.Id, $"{targetName} user {user.Id} was active; deactivated.");
    }

    /// <summary>POST the SCIM core user; 409 → the filter lookup → linked.</summary>
    public async Task<IdentityProvisioning> ProvisionAsync(string targetName, IdentityTargetOptions target, NewAccount account, string callCorrelationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        var call = new IdentityCall(http, Kind, targetName, target, callCorrelationId);
        (ScimUsers.ScimUser user, bool created) = await ScimUsers.CreateOrFindAsync(call, Users, account, cancellationToken).ConfigureAwait(false);
        return created
            ? new IdentityProvisioning(AccessOutcomes.Created, user.Id, $"{targetName} user {account.AccountKey} created (id {user.Id}).")
            : new IdentityProvisioning(
                AccessOutcomes.Linked, user.Id, $"{targetName} user {account.AccountKey} already existed (id {user.Id}{(user.Active == false ? ", deactivated" : string.Empty)}); linked.");
    }
}
