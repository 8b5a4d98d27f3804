using System.Text.Json.Nodes;
using Integration.Sandbox.Faults;
using Integration.Sandbox.Infrastructure;

namespace Integration.Sandbox.Identity;

/// <summary>
/// Maps the emulated Okta users API under /okta/api/v1 (auth "SSWS &lt;token&gt;"): read, deactivate, create.
/// A user is addressed by its id or its login.
/// </summary>
internal static class OktaEndpoints
{
    public const string Prefix = "/okta/api/v1";

    private const SandboxSystem System = SandboxSystem.Okta;

    public static void Map(IEndpointRouteBuilder app)
    {
        var users = app.MapGroup(Prefix + "/users").AddEndpointFilter(new IdentityAuthFilter(IdentityVendors.Okta));
        users.MapGet("/{account}", (string account, IdentityStore store) =>
            store.Find(System, string.Empty, account) is { } user
                ? JsonResponse.Of(OktaJson.User(user))
                : NotFound(account));
        users.MapPost("/{account}/lifecycle/deactivate", Deactivate);
        users.MapPost(string.Empty, CreateAsync);
    }

    /// <summary>
    /// 200 with no body. Okta refuses to deactivate a DEPROVISIONED user with the same 404 E0000007 as an unknown
    /// one, and changes nothing; callers read the user first. sendEmail is accepted and ignored.
    /// </summary>
    private static IResult Deactivate(string account, IdentityStore store) =>
        store.Deactivate(System, string.Empty, account).Outcome == DeactivationOutcome.Deactivated
            ? Results.StatusCode(StatusCodes.Status200OK)
            : NotFound(account);

    /// <summary>?activate=true (Okta's default) creates an ACTIVE user, activate=false a STAGED one; answers 200.</summary>
    private static async Task<IResult> CreateAsync(HttpRequest request, IdentityStore store)
    {
        var body = await IdentityRequests.ObjectAsync(request);
        if (body is null)
        {
            return JsonResponse.Of(OktaJson.InvalidBody(), StatusCodes.Status400BadRequest);
        }

        var profile = body["profile"] as JsonObject;
        string[] required = ["login", "email", "firstName", "lastName"];
        if (required.FirstOrDefault(f => IdentityRequests.Text(profile, f) is null) is { } missing)
        {
            return JsonResponse.Of(OktaJson.Invalid(missing, "The field cannot be left blank"), StatusCodes.Status400BadRequest);
        }

        var activate = !string.Equals(request.Query["activate"].ToString(), "false", StringComparison.OrdinalIgnoreCase);
        var draft = new IdentityAccount
        {
            System = System,
            App = string.Empty,
            Key = IdentityRequests.Text(profile, "login")!,
            Email = IdentityRequests.Text(profile, "email"),
            FirstName = IdentityRequests.Text(profile, "firstName"),
            LastName = IdentityRequests.Text(profile, "lastName"),
            Pending = !activate,
        };
        var (user, created) = store.Create(draft, OktaJson.Identify, countCreation: true);
        return created
            ? JsonResponse.Of(OktaJson.User(user))
            : JsonResponse.Of(OktaJson.LoginExists(), StatusCodes.Status400BadRequest);
    }

    private static IResult NotFound(string account) =>
        JsonResponse.Of(OktaJson.NotFound(account), StatusCodes.Status404NotFound);
}
