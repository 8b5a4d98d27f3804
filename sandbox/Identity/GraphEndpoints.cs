using System.Text.Json.Nodes;
using Integration.Sandbox.Faults;
using Integration.Sandbox.Infrastructure;

namespace Integration.Sandbox.Identity;

/// <summary>
/// Maps the emulated Microsoft Graph (Entra ID) user routes under /graph/v1.0: disable by PATCH, revoke sessions,
/// create, read. A user is addressed by its object id or its userPrincipalName.
/// </summary>
internal static class GraphEndpoints
{
    public const string Prefix = "/graph/v1.0";

    private const SandboxSystem System = SandboxSystem.Graph;

    public static void Map(IEndpointRouteBuilder app)
    {
        var users = app.MapGroup(Prefix + "/users").AddEndpointFilter(new IdentityAuthFilter(IdentityVendors.Graph));
        users.MapGet("/{account}", (string account, IdentityStore store) =>
            store.Find(System, string.Empty, account) is { } user
                ? JsonResponse.Of(GraphJson.User(user))
                : NotFound(account));
        users.MapPatch("/{account}", PatchAsync);
        users.MapPost("/{account}/revokeSignInSessions", (string account, IdentityStore store) =>
            store.Update(System, string.Empty, account, u => u with { SessionRevocations = u.SessionRevocations + 1 }) is null
                ? NotFound(account)
                : JsonResponse.Of(new JsonObject { ["value"] = true }));
        users.MapPost(string.Empty, CreateAsync);
    }

    /// <summary>Only accountEnabled changes state (false disables, true enables); other properties are accepted and ignored.</summary>
    private static async Task<IResult> PatchAsync(string account, HttpRequest request, IdentityStore store)
    {
        var body = await IdentityRequests.ObjectAsync(request);
        if (body is null)
        {
            return JsonResponse.Of(GraphJson.InvalidBody("Write requests require a JSON object body."), StatusCodes.Status400BadRequest);
        }

        var found = IdentityRequests.Flag(body, "accountEnabled") switch
        {
            false => store.Deactivate(System, string.Empty, account).Outcome != DeactivationOutcome.NotFound,
            true => store.Update(System, string.Empty, account, u => u with { Active = true }) is not null,
            null => store.Find(System, string.Empty, account) is not null,
        };

        // Graph's PATCH is idempotent: disabling a disabled user is 204 again.
        return found ? Results.NoContent() : NotFound(account);
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, IdentityStore store)
    {
        var body = await IdentityRequests.ObjectAsync(request);
        if (body is null)
        {
            return JsonResponse.Of(GraphJson.InvalidBody("Write requests require a JSON object body."), StatusCodes.Status400BadRequest);
        }

        var enabled = IdentityRequests.Flag(body, "accountEnabled");
        var displayName = IdentityRequests.Text(body, "displayName");
        var upn = IdentityRequests.Text(body, "userPrincipalName");
        var missing =
            enabled is null ? "accountEnabled"
            : displayName is null ? "displayName"
            : IdentityRequests.Text(body, "mailNickname") is null ? "mailNickname"
            : upn is null ? "userPrincipalName"
            : IdentityRequests.Text(body["passwordProfile"] as JsonObject, "password") is null ? "passwordProfile"
            : null;
        if (missing is not null)
        {
            return JsonResponse.Of(GraphJson.Required(missing), StatusCodes.Status400BadRequest);
        }

        var draft = new IdentityAccount
        {
            System = System,
            App = string.Empty,
            Key = upn!,
            Email = upn,
            DisplayName = displayName,
            FirstName = IdentityRequests.Text(body, "givenName"),
            LastName = IdentityRequests.Text(body, "surname"),
            Active = enabled!.Value,
        };
        var (user, created) = store.Create(draft, GraphJson.Identify, countCreation: true);
        return created
            ? JsonResponse.Of(GraphJson.User(user), StatusCodes.Status201Created)
            : JsonResponse.Of(GraphJson.UpnExists(), StatusCodes.Status400BadRequest);
    }

    private static IResult NotFound(string account) =>
        JsonResponse.Of(GraphJson.NotFound(account), StatusCodes.Status404NotFound);
}
