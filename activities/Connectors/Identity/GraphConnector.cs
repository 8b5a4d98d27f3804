using System.Net;
using System.Text.Json;
using Integration.Activities.Configuration;
using Integration.Orchestrations.Offboarding;

namespace Integration.Activities.Connectors.Identity;

/// <summary>
/// Microsoft Graph (Entra ID): revocation disables sign-in and revokes sign-in sessions; onboarding creates the user
/// with a random first password to change at first sign-in, or links the user whose UPN is taken.
/// </summary>
public sealed class GraphConnector(HttpClient http) : IIdentityConnector
{
    public string Kind => IdentityKinds.Graph;

    /// <summary>PATCH accountEnabled false (404: no-account), then revokeSignInSessions. Both are idempotent, so a repeat is "revoked" too.</summary>
    public async Task<IdentityRevocation> RevokeAsync(string targetName, IdentityTargetOptions target, string accountKey, string callCorrelationId, CancellationToken cancellationToken)
    {
        var call = new IdentityCall(http, Kind, targetName, target, callCorrelationId);
        string user = $"v1.0/users/{IdentityCall.Segment(accountKey)}";
        using (HttpResponseMessage disabled = await call.SendAsync(HttpMethod.Patch, user, new { accountEnabled = false }, cancellationToken).ConfigureAwait(false))
        {
            if (disabled.StatusCode == HttpStatusCode.NotFound)
            {
                return new IdentityRevocation(AccessOutcomes.NoAccount, null, $"{targetName} has no user {accountKey}.");
            }

            await call.EnsureSuccessAsync(disabled, cancellationToken).ConfigureAwait(false);
        }

        await call.SendAndEnsureAsync(HttpMethod.Post, $"{user}/revokeSignInSessions", null, cancellationToken).ConfigureAwait(false);
        return new IdentityRevocation(AccessOutcomes.Revoked, null, $"{targetName} user {accountKey}: sign-in disabled and sign-in sessions revoked.");
    }

    /// <summary>POST /v1.0/users; "Another object with the same value for property userPrincipalName already exists" (400) → GET the user → linked.</summary>
    public async Task<IdentityProvisioning> ProvisionAsync(string targetName, IdentityTargetOptions target, NewAccount account, string callCorrelationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        var call = new IdentityCall(http, Kind, targetName, target, callCorrelationId);
        var body = new
        {
            accountEnabled = true,
            displayName = account.DisplayName,
            mailNickname = MailNickname(account.AccountKey),
            userPrincipalName = account.AccountKey,
            passwordProfile = new { forceChangePasswordNextSignIn = true, password = InitialPasswords.New() },
        };
        (GraphUser user, bool created) = await call.CreateOrReadAsync(
            HttpMethod.Post,
            "v1.0/users",
            body,
            UpnTaken,
            ct => call.GetAsync<GraphUser>($"v1.0/users/{IdentityCall.Segment(account.AccountKey)}", ct),
            cancellationToken).ConfigureAwait(false);
        return created
            ? new IdentityProvisioning(AccessOutcomes.Created, user.Id, $"{targetName} user {account.AccountKey} created (id {user.Id}); password to be changed at first sign-in.")
            : new IdentityProvisioning(AccessOutcomes.Linked, user.Id, $"{targetName} user {account.AccountKey} already existed (id {user.Id}, accountEnabled {Enabled(user)}); linked.");
    }

    /// <summary>The UPN's local part without the characters Graph refuses in mailNickname.</summary>
    internal static string MailNickname(string userPrincipalName)
    {
        string local = userPrincipalName.Split('@')[0];
        string nickname = new([.. local.Where(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')]);
        return nickname.Trim('.').Length > 0 ? nickname.Trim('.') : "user";
    }

    private static bool UpnTaken(HttpStatusCode status, JsonElement? body) =>
        status == HttpStatusCode.BadRequest
        && body is { ValueKind: JsonValueKind.Object } b && b.TryGetProperty("error", out JsonElement error)
        && IdentityCall.StringOf(error, "message")?.Contains("already exists", StringComparison.OrdinalIgnoreCase) == true;

    private static string Enabled(GraphUser user) => user.AccountEnabled is { } enabled ? (enabled ? "true" : "false") : "unknown";

    private sealed record GraphUser(string? Id, string? UserPrincipalName, bool? AccountEnabled);
}
