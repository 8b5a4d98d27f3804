using System.Globalization;
using System.Text.Json.Nodes;
using Integration.Sandbox.Faults;
using Integration.Sandbox.Infrastructure;

namespace Integration.Sandbox.Identity;

/// <summary>
/// The SCIM /Users handlers Slack and Atlassian share: list (with the userName filter and paging), read by id and
/// create. Each system passes its own resource shape and id format.
/// </summary>
internal sealed class ScimUsers(SandboxSystem system, Func<IdentityAccount, long, IdentityAccount> identify, Func<IdentityAccount, JsonObject> user)
{
    /// <summary>GET /Users[?filter=userName eq "x"][&amp;startIndex=n][&amp;count=n], in creation order.</summary>
    public IResult List(HttpRequest request, IdentityStore store)
    {
        IReadOnlyList<IdentityAccount> matches;
        var filter = request.Query["filter"].ToString();
        if (filter.Length == 0)
        {
            matches = store.Accounts(a => a.System == system);
        }
        else if (ScimFilter.TryParseUserName(filter, out var userName))
        {
            matches = store.Find(system, string.Empty, userName, IdentityLookup.Key) is { } found ? [found] : [];
        }
        else
        {
            return JsonResponse.Of(
                ScimJson.BadRequest("invalidFilter", $"Unsupported filter '{filter}': the sandbox supports userName eq \"value\"."),
                StatusCodes.Status400BadRequest);
        }

        var startIndex = Math.Max(1, Number(request, "startIndex") ?? 1);
        var count = Math.Max(0, Number(request, "count") ?? matches.Count);
        var page = matches.Skip(startIndex - 1).Take(count).Select(user).ToList();
        return JsonResponse.Of(ScimJson.List(page, matches.Count, startIndex));
    }

    public IResult Get(string id, IdentityStore store) =>
        store.Find(system, string.Empty, id, IdentityLookup.Id) is { } found ? JsonResponse.Of(user(found)) : NotFound(id);

    /// <summary>POST /Users: 201 with the resource, or 409 "userName already exists" (nothing changes).</summary>
    public async Task<IResult> CreateAsync(HttpRequest request, IdentityStore store)
    {
        var body = await IdentityRequests.ObjectAsync(request);
        if (body is null)
        {
            return JsonResponse.Of(ScimJson.BadRequest("invalidSyntax", "The body must be a SCIM User object."), StatusCodes.Status400BadRequest);
        }

        var input = ScimUserRequest.Read(body, out var error);
        if (input is null)
        {
            return JsonResponse.Of(ScimJson.BadRequest("invalidValue", error), StatusCodes.Status400BadRequest);
        }

        var draft = new IdentityAccount
        {
            System = system,
            App = string.Empty,
            Key = input.UserName,
            Email = input.Email,
            FirstName = input.GivenName,
            LastName = input.FamilyName,
            DisplayName = input.DisplayName,
            Active = input.Active,
        };
        var (account, created) = store.Create(draft, identify, countCreation: true);
        return created
            ? JsonResponse.Of(user(account), StatusCodes.Status201Created)
            : JsonResponse.Of(ScimJson.Error(StatusCodes.Status409Conflict, "userName already exists"), StatusCodes.Status409Conflict);
    }

    public static IResult NotFound(string id) =>
        JsonResponse.Of(ScimJson.Error(StatusCodes.Status404NotFound, $"User {id} not found"), StatusCodes.Status404NotFound);

    private static int? Number(HttpRequest request, string name) =>
        int.TryParse(request.Query[name].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
}
