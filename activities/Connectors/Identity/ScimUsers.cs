using System.Net;
using System.Text.Json.Serialization;

namespace Integration.Activities.Connectors.Identity;

/// <summary>SCIM 2.0 user handling shared by Slack and Atlassian: the core user body, the userName filter lookup and create-then-link.</summary>
internal static class ScimUsers
{
    public const string CoreUserSchema = "urn:ietf:params:scim:schemas:core:2.0:User";
    public const string AtlassianExtension = "urn:scim:schemas:extension:atlassian-external:1.0";

    /// <summary>The user whose userName is the account key (null when none), from GET {users}?filter=userName eq "key".</summary>
    public static async Task<ScimUser?> FindAsync(IdentityCall call, string usersPath, string userName, CancellationToken cancellationToken)
    {
        ScimList list = await call.GetAsync<ScimList>($"{usersPath}?filter={Filter(userName)}", cancellationToken).ConfigureAwait(false);
        List<ScimUser> found = list.Resources ?? [];
        return found.FirstOrDefault(u => string.Equals(u.UserName, userName, StringComparison.OrdinalIgnoreCase)) ?? found.FirstOrDefault();
    }

    /// <summary>POST the core user; 409 (userName taken) → the filter lookup → the existing user, not created.</summary>
    public static Task<(ScimUser User, bool Created)> CreateOrFindAsync(IdentityCall call, string usersPath, NewAccount account, CancellationToken cancellationToken)
    {
        var body = new
        {
            schemas = new[] { CoreUserSchema },
            userName = account.AccountKey,
            name = new { givenName = account.FirstName, familyName = account.LastName },
            emails = new[] { new { value = account.Email, primary = true } },
            active = true,
        };
        return call.CreateOrReadAsync(
            HttpMethod.Post,
            usersPath,
            body,
            (status, _) => status == HttpStatusCode.Conflict,
            async ct => await FindAsync(call, usersPath, account.AccountKey, ct).ConfigureAwait(false)
                ?? throw new HttpRequestException($"{call.TargetName} answered 409 to creating {account.AccountKey}, but finds no user with that userName."),
            cancellationToken);
    }

    /// <summary>userName eq "value", the value quoted as a SCIM string, the whole filter URL-escaped.</summary>
    internal static string Filter(string userName)
    {
        string quoted = userName.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
        return IdentityCall.Segment($"userName eq \"{quoted}\"");
    }

    /// <summary>A SCIM ListResponse; only Resources matters.</summary>
    internal sealed record ScimList(List<ScimUser>? Resources);

    /// <summary>A SCIM user as both vendors answer it; Atlassian adds its account id in an extension.</summary>
    internal sealed record ScimUser(
        string? Id,
        string? UserName,
        bool? Active,
        [property: JsonPropertyName(AtlassianExtension)] AtlassianExternal? Atlassian);

    internal sealed record AtlassianExternal(string? AtlassianAccountId);
}
