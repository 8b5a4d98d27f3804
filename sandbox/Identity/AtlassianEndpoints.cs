using Integration.Sandbox.Faults;

namespace Integration.Sandbox.Identity;

/// <summary>
/// Maps the emulated Atlassian Cloud admin APIs under /atlassian: SCIM users of a directory (find, read, create)
/// and the user management lifecycle routes, which take the atlassianAccountId. Any directory id is accepted and
/// all of them share one set of users: the sandbox emulates one organisation.
/// </summary>
internal static class AtlassianEndpoints
{
    public const string Prefix = "/atlassian";

    private const SandboxSystem System = SandboxSystem.Atlassian;

    private static readonly ScimUsers Users = new(System, AtlassianJson.Identify, AtlassianJson.User);

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix).AddEndpointFilter(new IdentityAuthFilter(IdentityVendors.Atlassian));
        var scim = api.MapGroup("/scim/directory/{directoryId}/Users");
        scim.MapGet(string.Empty, Users.List);
        scim.MapGet("/{id}", Users.Get);
        scim.MapPost(string.Empty, Users.CreateAsync);

        // The body ({"message": ..}) is optional and not kept.
        api.MapPost("/users/{accountId}/manage/lifecycle/disable", (string accountId, IdentityStore store) =>
            store.Deactivate(System, string.Empty, accountId, IdentityLookup.AccountId).Outcome == DeactivationOutcome.NotFound
                ? NotFound(accountId)
                : Results.NoContent());
        api.MapPost("/users/{accountId}/manage/lifecycle/enable", (string accountId, IdentityStore store) =>
            store.Update(System, string.Empty, accountId, u => u with { Active = true }, IdentityLookup.AccountId) is null
                ? NotFound(accountId)
                : Results.NoContent());
    }

    private static IResult NotFound(string accountId) =>
        Infrastructure.JsonResponse.Of(AtlassianJson.AccountNotFound(accountId), StatusCodes.Status404NotFound);
}
