using System.Net;
using Integration.Activities.Configuration;
using Integration.Orchestrations.Offboarding;

namespace Integration.Activities.Connectors.Identity;

/// <summary>
/// Google Workspace Admin SDK Directory API: revocation suspends the user (idempotent, so a repeat is "revoked"
/// too); onboarding creates the user with a random first password to change at first sign-in, or links it.
/// </summary>
public sealed class GoogleWorkspaceConnector(HttpClient http) : IIdentityConnector
{
    private const string Users = "admin/directory/v1/users";

    public string Kind => IdentityKinds.GoogleWorkspace;

    /// <summary>PATCH suspended true → 200 user → revoked; 404 → no-account.</summary>
    public async Task<IdentityRevocation> RevokeAsync(string targetName, IdentityTargetOptions target, string accountKey, string callCorrelationId, CancellationToken cancellationToken)
    {
        var call = new IdentityCall(http, Kind, targetName, target, callCorrelationId);
        using HttpResponseMessage response = await call.SendAsync(HttpMethod.Patch, UserPath(accountKey), new { suspended = true }, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return new IdentityRevocation(AccessOutcomes.NoAccount, null, $"{targetName} has no user {accountKey}.");
        }

        GoogleUser user = await call.ReadAsync<GoogleUser>(response, cancellationToken).ConfigureAwait(false);
        return new IdentityRevocation(AccessOutcomes.Revoked, user.Id, $"{targetName} user {accountKey} (id {user.Id}) suspended.");
    }

    /// <summary>POST the user with a first password that must be changed; 409 (duplicate) → GET the user → linked.</summary>
    public async Task<IdentityProvisioning> ProvisionAsync(string targetName, IdentityTargetOptions target, NewAccount account, string callCorrelationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        var call = new IdentityCall(http, Kind, targetName, target, callCorrelationId);
        var body = new
        {
            primaryEmail = account.AccountKey,
            name = new { givenName = account.FirstName, familyName = account.LastName },
            password = InitialPasswords.New(),
            changePasswordAtNextLogin = true,
        };
        (GoogleUser user, bool created) = await call.CreateOrReadAsync(
            HttpMethod.Post,
            Users,
            body,
            (status, _) => status == HttpStatusCode.Conflict,
            ct => call.GetAsync<GoogleUser>(UserPath(account.AccountKey), ct),
            cancellationToken).ConfigureAwait(false);
        return created
            ? new IdentityProvisioning(AccessOutcomes.Created, user.Id, $"{targetName} user {account.AccountKey} created (id {user.Id}); password to be changed at first sign-in.")
            : new IdentityProvisioning(
                AccessOutcomes.Linked, user.Id, $"{targetName} user {account.AccountKey} already existed (id {user.Id}{(user.Suspended == true ? ", suspended" : string.Empty)}); linked.");
    }

    private static string UserPath(string userKey) => $"{Users}/{IdentityCall.Segment(userKey)}";

    private sealed record GoogleUser(string? Id, string? PrimaryEmail, bool? Suspended);
}
