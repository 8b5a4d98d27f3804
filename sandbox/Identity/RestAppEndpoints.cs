using System.Text.Json.Nodes;
using Integration.Sandbox.Faults;
using Integration.Sandbox.Infrastructure;

namespace Integration.Sandbox.Identity;

/// <summary>
/// Maps any number of generic REST apps under /rest/{app} (auth X-Api-Key): deactivate, create, read. Users are
/// kept per (app, e-mail) and addressed by e-mail or id; an app exists as soon as it is named.
/// </summary>
internal static class RestAppEndpoints
{
    public const string Prefix = "/rest/{app}";

    private const SandboxSystem System = SandboxSystem.Rest;

    public static void Map(IEndpointRouteBuilder app)
    {
        var users = app.MapGroup(Prefix + "/users").AddEndpointFilter(new IdentityAuthFilter(IdentityVendors.Rest));
        users.MapGet("/{account}", (string app, string account, IdentityStore store) =>
            store.Find(System, app, account) is { } user ? JsonResponse.Of(RestAppJson.User(user)) : NotFound());
        users.MapPost("/{account}/deactivate", (string app, string account, IdentityStore store) =>
            store.Deactivate(System, app, account).Outcome switch
            {
                DeactivationOutcome.Deactivated => JsonResponse.Of(new JsonObject { ["status"] = "deactivated" }),
                DeactivationOutcome.AlreadyInactive => JsonResponse.Of(RestAppJson.Body("already_deactivated"), StatusCodes.Status409Conflict),
                _ => NotFound(),
            });
        users.MapPost(string.Empty, CreateAsync);
    }

    /// <summary>{"email","name"} → 201 {"id","email","active":true}; an e-mail the app has → 409 {"error":"exists"}.</summary>
    private static async Task<IResult> CreateAsync(string app, HttpRequest request, IdentityStore store)
    {
        var body = await IdentityRequests.ObjectAsync(request);
        var email = IdentityRequests.Text(body, "email");
        if (email is null)
        {
            return JsonResponse.Of(RestAppJson.Body(body is null ? "invalid_json" : "email_required"), StatusCodes.Status400BadRequest);
        }

        var draft = new IdentityAccount { System = System, App = app, Key = email, Email = email, DisplayName = IdentityRequests.Text(body, "name") };
        var (user, created) = store.Create(draft, RestAppJson.Identify, countCreation: true);
        return created
            ? JsonResponse.Of(RestAppJson.User(user), StatusCodes.Status201Created)
            : JsonResponse.Of(RestAppJson.Body("exists"), StatusCodes.Status409Conflict);
    }

    private static IResult NotFound() => JsonResponse.Of(RestAppJson.Body("not_found"), StatusCodes.Status404NotFound);
}
