using System.Text.Json.Nodes;
using Integration.Sandbox.Faults;
using Integration.Sandbox.Infrastructure;

namespace Integration.Sandbox.Identity;

/// <summary>
/// Maps the emulated Google Workspace Directory API under /google/admin/directory/v1: read, suspend (PATCH or PUT
/// with "suspended"), create. A user is addressed by its primary e-mail or its id.
/// </summary>
internal static class GoogleWorkspaceEndpoints
{
    public const string Prefix = "/google/admin/directory/v1";

    private const SandboxSystem System = SandboxSystem.Google;

    public static void Map(IEndpointRouteBuilder app)
    {
        var users = app.MapGroup(Prefix + "/users").AddEndpointFilter(new IdentityAuthFilter(IdentityVendors.Google));
        users.MapGet("/{userKey}", (string userKey, IdentityStore store) =>
            store.Find(System, string.Empty, userKey) is { } user ? JsonResponse.Of(GoogleJson.User(user)) : NotFound());
        users.MapPatch("/{userKey}", UpdateAsync);
        users.MapPut("/{userKey}", UpdateAsync);
        users.MapPost(string.Empty, CreateAsync);
    }

    /// <summary>"suspended": true suspends, false restores; a repeat is 200 again. Other properties are ignored.</summary>
    private static async Task<IResult> UpdateAsync(string userKey, HttpRequest request, IdentityStore store)
    {
        var body = await IdentityRequests.ObjectAsync(request);
        if (body is null)
        {
            return JsonResponse.Of(GoogleJson.Invalid("Invalid JSON payload received."), StatusCodes.Status400BadRequest);
        }

        var user = IdentityRequests.Flag(body, "suspended") switch
        {
            true => store.Deactivate(System, string.Empty, userKey).Account,
            false => store.Update(System, string.Empty, userKey, u => u with { Active = true }),
            null => store.Find(System, string.Empty, userKey),
        };
        return user is null ? NotFound() : JsonResponse.Of(GoogleJson.User(user));
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, IdentityStore store)
    {
        var body = await IdentityRequests.ObjectAsync(request);
        if (body is null)
        {
            return JsonResponse.Of(GoogleJson.Invalid("Invalid JSON payload received."), StatusCodes.Status400BadRequest);
        }

        var name = body["name"] as JsonObject;
        var invalid =
            IdentityRequests.Text(body, "primaryEmail") is null ? "Invalid Input: primaryEmail"
            : IdentityRequests.Text(name, "givenName") is null ? "Invalid Given/Family Name: GivenName"
            : IdentityRequests.Text(name, "familyName") is null ? "Invalid Given/Family Name: FamilyName"
            : IdentityRequests.Text(body, "password") is null ? "Invalid Password"
            : null;
        if (invalid is not null)
        {
            return JsonResponse.Of(GoogleJson.Invalid(invalid), StatusCodes.Status400BadRequest);
        }

        var email = IdentityRequests.Text(body, "primaryEmail")!;
        var draft = new IdentityAccount
        {
            System = System,
            App = string.Empty,
            Key = email,
            Email = email,
            FirstName = IdentityRequests.Text(name, "givenName"),
            LastName = IdentityRequests.Text(name, "familyName"),
        };
        var (user, created) = store.Create(draft, GoogleJson.Identify, countCreation: true);
        return created
            ? JsonResponse.Of(GoogleJson.User(user))
            : JsonResponse.Of(GoogleJson.Duplicate(), StatusCodes.Status409Conflict);
    }

    private static IResult NotFound() => JsonResponse.Of(GoogleJson.NotFound(), StatusCodes.Status404NotFound);
}
