using System.Text.Json.Nodes;
using Integration.Sandbox.Faults;
using Integration.Sandbox.Infrastructure;

namespace Integration.Sandbox.Identity;

/// <summary>
/// Maps the emulated Zoom users API under /zoom/v2: read, change status (deactivate/activate), create.
/// A user is addressed by its id or its e-mail.
/// </summary>
internal static class ZoomEndpoints
{
    public const string Prefix = "/zoom/v2";

    private const SandboxSystem System = SandboxSystem.Zoom;

    // "create" sends an invitation (the user stays pending); the others make an active user straight away.
    private static readonly string[] CreateActions = ["create", "autoCreate", "custCreate", "ssoCreate"];

    public static void Map(IEndpointRouteBuilder app)
    {
        var users = app.MapGroup(Prefix + "/users").AddEndpointFilter(new IdentityAuthFilter(IdentityVendors.Zoom));
        users.MapGet("/{userId}", (string userId, IdentityStore store) =>
            store.Find(System, string.Empty, userId) is { } user ? JsonResponse.Of(ZoomJson.User(user)) : NotFound(userId));
        users.MapPut("/{userId}/status", StatusAsync);
        users.MapPost(string.Empty, CreateAsync);
    }

    /// <summary>
    /// {"action":"deactivate"|"activate"} → 204. Deactivating an inactive user is also 204 and changes nothing:
    /// the connector reads the status first, so only a race reaches it, and Zoom's own answer there is not documented.
    /// </summary>
    private static async Task<IResult> StatusAsync(string userId, HttpRequest request, IdentityStore store)
    {
        var action = IdentityRequests.Text(await IdentityRequests.ObjectAsync(request), "action");
        var found = action switch
        {
            "deactivate" => store.Deactivate(System, string.Empty, userId).Outcome != DeactivationOutcome.NotFound,
            "activate" => store.Update(System, string.Empty, userId, u => u with { Active = true, Pending = false }) is not null,
            _ => (bool?)null,
        };
        return found switch
        {
            null => JsonResponse.Of(ZoomJson.Invalid("Invalid field: action. Expected \"activate\" or \"deactivate\"."), StatusCodes.Status400BadRequest),
            false => NotFound(userId),
            true => Results.NoContent(),
        };
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, IdentityStore store)
    {
        var body = await IdentityRequests.ObjectAsync(request);
        var action = IdentityRequests.Text(body, "action");
        if (action is null || !CreateActions.Contains(action, StringComparer.Ordinal))
        {
            return JsonResponse.Of(ZoomJson.Invalid("Invalid field: action."), StatusCodes.Status400BadRequest);
        }

        var info = body!["user_info"] as JsonObject;
        var email = IdentityRequests.Text(info, "email");
        if (email is null)
        {
            return JsonResponse.Of(ZoomJson.Invalid("Invalid field: user_info.email."), StatusCodes.Status400BadRequest);
        }

        var draft = new IdentityAccount
        {
            System = System,
            App = string.Empty,
            Key = email,
            Email = email,
            FirstName = IdentityRequests.Text(info, "first_name"),
            LastName = IdentityRequests.Text(info, "last_name"),
            Pending = action == "create",
        };
        var (user, created) = store.Create(draft, ZoomJson.Identify, countCreation: true);
        return created
            ? JsonResponse.Of(ZoomJson.Created(user), StatusCodes.Status201Created)
            : JsonResponse.Of(ZoomJson.Exists(email), StatusCodes.Status409Conflict);
    }

    private static IResult NotFound(string userId) =>
        JsonResponse.Of(ZoomJson.NotFound(userId), StatusCodes.Status404NotFound);
}
