using Integration.Sandbox.Faults;

namespace Integration.Sandbox.Identity;

/// <summary>
/// Maps the emulated Slack SCIM v2 API under /slack/scim/v2: find by userName filter, read, create, and DELETE,
/// which (as in Slack) deactivates the user rather than removing it.
/// </summary>
internal static class SlackScimEndpoints
{
    public const string Prefix = "/slack/scim/v2";

    private static readonly ScimUsers Users = new(SandboxSystem.Slack, SlackJson.Identify, ScimJson.User);

    public static void Map(IEndpointRouteBuilder app)
    {
        var users = app.MapGroup(Prefix + "/Users").AddEndpointFilter(new IdentityAuthFilter(IdentityVendors.Slack));
        users.MapGet(string.Empty, Users.List);
        users.MapGet("/{id}", Users.Get);
        users.MapPost(string.Empty, Users.CreateAsync);
        users.MapDelete("/{id}", Delete);
    }

    /// <summary>204 also for a user already deactivated (Slack's delete is effectively idempotent); 404 for an unknown id.</summary>
    private static IResult Delete(string id, IdentityStore store) =>
        store.Deactivate(SandboxSystem.Slack, string.Empty, id, IdentityLookup.Id).Outcome == DeactivationOutcome.NotFound
            ? ScimUsers.NotFound(id)
            : Results.NoContent();
}
