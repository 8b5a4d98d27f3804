using System.Net;
using System.Text.Json;
using Integration.Activities.ApiCalls;
using Integration.Activities.Configuration;
using Integration.Orchestrations.Common;
using Integration.Orchestrations.Offboarding;

namespace Integration.Activities.Connectors.Identity;

/// <summary>
/// Okta: reads the user before deactivating, because Okta's lifecycle calls are not idempotent (deactivating a
/// DEPROVISIONED user answers 404); onboarding creates an active user or links the one whose login is taken.
/// </summary>
public sealed class OktaConnector(HttpClient http) : IIdentityConnector
{
    public const string Deprovisioned = "DEPROVISIONED";

    public string Kind => IdentityKinds.Okta;

    /// <summary>
    /// GET the user (404: no-account; DEPROVISIONED: already-revoked), then deactivate without e-mail. A 404 from the
    /// deactivation (a concurrent or earlier attempt got there first) is settled by reading the user again.
    /// </summary>
    public async Task<IdentityRevocation> RevokeAsync(string targetName, IdentityTargetOptions target, string accountKey, string callCorrelationId, CancellationToken cancellationToken)
    {
        var call = new IdentityCall(http, Kind, targetName, target, callCorrelationId);
        OktaUser? user = await ReadUserAsync(call, accountKey, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return NoAccount(targetName, accountKey);
        }

        if (IsDeprovisioned(user))
        {
            return AlreadyRevoked(targetName, user);
        }

        string id = user.Id ?? accountKey;
        using (HttpResponseMessage deactivated = await call.SendAsync(
            HttpMethod.Post, $"api/v1/users/{IdentityCall.Segment(id)}/lifecycle/deactivate?sendEmail=false", (HttpContent?)null, cancellationToken).ConfigureAwait(false))
        {
            if (deactivated.StatusCode != HttpStatusCode.NotFound)
            {
                await call.EnsureSuccessAsync(deactivated, cancellationToken).ConfigureAwait(false);
                return new IdentityRevocation(AccessOutcomes.Revoked, user.Id, $"{targetName} user {id} was {user.Status ?? "in an unknown status"}; deactivated.");
            }

            OktaUser? again = await ReadUserAsync(call, id, cancellationToken).ConfigureAwait(false);
            if (again is null)
            {
                return NoAccount(targetName, accountKey);
            }

            if (IsDeprovisioned(again))
            {
                return AlreadyRevoked(targetName, again);
            }

            string answer = await deactivated.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new PermanentActivityFailureException(
                $"{targetName} answered 404 to deactivating user {id}, yet reading it again shows status {again.Status}: {Redaction.RedactBody(answer)}");
        }
    }

    /// <summary>POST /api/v1/users?activate=true; 400 E0000001 "already exists" → GET the user by login → linked.</summary>
    public async Task<IdentityProvisioning> ProvisionAsync(string targetName, IdentityTargetOptions target, NewAccount account, string callCorrelationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        var call = new IdentityCall(http, Kind, targetName, target, callCorrelationId);
        var body = new { profile = new { firstName = account.FirstName, lastName = account.LastName, email = account.Email, login = account.AccountKey } };
        (OktaUser user, bool created) = await call.CreateOrReadAsync(
            HttpMethod.Post,
            "api/v1/users?activate=true",
            body,
            LoginTaken,
            ct => call.GetAsync<OktaUser>(UserPath(account.AccountKey), ct),
            cancellationToken).ConfigureAwait(false);
        return created
            ? new IdentityProvisioning(AccessOutcomes.Created, user.Id, $"{targetName} user {account.AccountKey} created (id {user.Id}, {user.Status}).")
            : new IdentityProvisioning(AccessOutcomes.Linked, user.Id, $"{targetName} user {account.AccountKey} already existed (id {user.Id}, {user.Status}); linked.");
    }

    private static string UserPath(string idOrLogin) => $"api/v1/users/{IdentityCall.Segment(idOrLogin)}";

    private static Task<OktaUser?> ReadUserAsync(IdentityCall call, string idOrLogin, CancellationToken cancellationToken) =>
        call.ReadOrNullAsync<OktaUser>(UserPath(idOrLogin), cancellationToken);

    private static bool IsDeprovisioned(OktaUser user) => string.Equals(user.Status, Deprovisioned, StringComparison.OrdinalIgnoreCase);

    private static IdentityRevocation NoAccount(string targetName, string accountKey) =>
        new(AccessOutcomes.NoAccount, null, $"{targetName} has no user {accountKey}.");

    private static IdentityRevocation AlreadyRevoked(string targetName, OktaUser user) =>
        new(AccessOutcomes.AlreadyRevoked, user.Id, $"{targetName} user {user.Id} was already {Deprovisioned}.");

    private static bool LoginTaken(HttpStatusCode status, JsonElement? body) =>
        status == HttpStatusCode.BadRequest
        && IdentityCall.StringOf(body, "errorCode") == "E0000001"
        && body!.Value.TryGetProperty("errorCauses", out JsonElement causes) && causes.ValueKind == JsonValueKind.Array
        && causes.EnumerateArray().Any(c => IdentityCall.StringOf(c, "errorSummary")?.Contains("already exists", StringComparison.OrdinalIgnoreCase) == true);

    private sealed record OktaUser(string? Id, string? Status);
}
