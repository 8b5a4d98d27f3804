using System.Globalization;
using System.Text;
using Integration.Activities.Configuration;
using Integration.Orchestrations.Common;
using Integration.Orchestrations.Offboarding;

namespace Integration.Activities.Connectors.Identity;

/// <summary>
/// A generic REST target described in configuration (Identity:Targets:{name}:Rest): templated calls, and status
/// code lists that say what each answer means. Answers in no list follow the common rules (429/5xx retried, other
/// 4xx permanent); a 2xx in no list is permanent too, because the workflow cannot tell what it did.
/// </summary>
public sealed class RestTargetConnector(HttpClient http) : IIdentityConnector
{
    public string Kind => IdentityKinds.Rest;

    /// <summary>RevokeMethod RevokeUrl (with RevokeBody when set): SuccessCodes → revoked, AlreadyDoneCodes → already-revoked, NoAccountCodes → no-account.</summary>
    public async Task<IdentityRevocation> RevokeAsync(string targetName, IdentityTargetOptions target, string accountKey, string callCorrelationId, CancellationToken cancellationToken)
    {
        RestTargetOptions rest = Describe(targetName, target);
        var values = new Dictionary<string, string?> { [RestTemplates.Account] = accountKey };
        (string outcome, int status, string? id) = await CallAsync(
            new IdentityCall(http, Kind, targetName, target, callCorrelationId),
            rest.RevokeMethod,
            rest.RevokeUrl ?? throw new PermanentActivityFailureException($"{IdentityOptions.Section}:Targets:{targetName}:Rest:RevokeUrl is not set."),
            rest.RevokeBody,
            values,
            [(rest.Success, AccessOutcomes.Revoked), (rest.AlreadyDone, AccessOutcomes.AlreadyRevoked), (rest.NoAccount, AccessOutcomes.NoAccount)],
            cancellationToken).ConfigureAwait(false);
        string what = outcome switch
        {
            AccessOutcomes.Revoked => "revoked",
            AccessOutcomes.AlreadyRevoked => "was already revoked",
            _ => "has no such account",
        };
        return new IdentityRevocation(outcome, id, $"{targetName} account {accountKey} {what} ({rest.RevokeMethod.ToUpperInvariant()} answered {status}).");
    }

    /// <summary>CreateMethod CreateUrl (with CreateBody when set): CreateSuccessCodes → created, ExistsCodes → linked; the answer's "id", if any, is the account id.</summary>
    public async Task<IdentityProvisioning> ProvisionAsync(string targetName, IdentityTargetOptions target, NewAccount account, string callCorrelationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        RestTargetOptions rest = Describe(targetName, target);
        var values = new Dictionary<string, string?>
        {
            [RestTemplates.Account] = account.AccountKey,
            [RestTemplates.EmployeeId] = account.EmployeeId,
            [RestTemplates.WorkEmail] = account.WorkEmail,
            [RestTemplates.FirstName] = account.FirstName,
            [RestTemplates.LastName] = account.LastName,
            [RestTemplates.DisplayName] = account.DisplayName,
        };
        (string outcome, int status, string? id) = await CallAsync(
            new IdentityCall(http, Kind, targetName, target, callCorrelationId),
            rest.CreateMethod,
            rest.CreateUrl ?? throw new PermanentActivityFailureException($"{IdentityOptions.Section}:Targets:{targetName}:Rest:CreateUrl is not set."),
            rest.CreateBody,
            values,
            [(rest.CreateSuccess, AccessOutcomes.Created), (rest.Exists, AccessOutcomes.Linked)],
            cancellationToken).ConfigureAwait(false);
        string what = outcome == AccessOutcomes.Created ? "created" : "already existed; linked";
        string idText = id is null ? string.Empty : $" (id {id})";
        return new IdentityProvisioning(outcome, id, $"{targetName} account {account.AccountKey}{idText} {what} ({rest.CreateMethod.ToUpperInvariant()} answered {status}).");
    }

    private static RestTargetOptions Describe(string targetName, IdentityTargetOptions target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.Rest ?? throw new PermanentActivityFailureException($"{IdentityOptions.Section}:Targets:{targetName}:Rest is not set.");
    }

    /// <summary>One templated call, its status looked up in the lists in order; the first list that has it gives the outcome.</summary>
    private static async Task<(string Outcome, int Status, string? Id)> CallAsync(
        IdentityCall call,
        string method,
        string urlTemplate,
        string? bodyTemplate,
        IReadOnlyDictionary<string, string?> values,
        IReadOnlyList<(IReadOnlyList<int> Codes, string Outcome)> meanings,
        CancellationToken cancellationToken)
    {
        HttpContent? content = string.IsNullOrWhiteSpace(bodyTemplate)
            ? null
            : new StringContent(RestTemplates.FillJson(bodyTemplate, values), Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await call.SendAsync(
            new HttpMethod(method.Trim().ToUpperInvariant()), RestTemplates.FillUrl(urlTemplate, values), content, cancellationToken).ConfigureAwait(false);
        int status = (int)response.StatusCode;
        foreach ((IReadOnlyList<int> codes, string outcome) in meanings)
        {
            if (codes.Contains(status))
            {
                return (outcome, status, IdentityCall.IdOf(await IdentityCall.JsonBodyAsync(response, cancellationToken).ConfigureAwait(false)));
            }
        }

        await call.EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        throw new PermanentActivityFailureException(string.Create(
            CultureInfo.InvariantCulture,
            $"{call.TargetName} answered {status} to {method.ToUpperInvariant()} {response.RequestMessage?.RequestUri?.AbsolutePath}, which no status code list of Identity:Targets:{call.TargetName}:Rest names."));
    }
}
