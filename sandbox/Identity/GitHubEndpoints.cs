using Integration.Sandbox.Faults;
using Integration.Sandbox.Infrastructure;

namespace Integration.Sandbox.Identity;

/// <summary>
/// Maps the emulated GitHub organisation membership routes under /github/orgs/{org}/memberships/{username}.
/// Any organisation name is accepted; membership is kept per (organisation, username), both ignoring case.
/// </summary>
internal static class GitHubEndpoints
{
    public const string Prefix = "/github";

    private const SandboxSystem System = SandboxSystem.GitHub;

    public static void Map(IEndpointRouteBuilder app)
    {
        var memberships = app.MapGroup(Prefix + "/orgs/{org}/memberships")
            .AddEndpointFilter(new IdentityAuthFilter(IdentityVendors.GitHub));
        memberships.MapGet("/{username}", (string org, string username, IdentityStore store) =>
            store.Find(System, org, username, IdentityLookup.Key) is { Active: true } member
                ? JsonResponse.Of(GitHubJson.Membership(member))
                : NotFound());
        memberships.MapPut("/{username}", PutAsync);
        memberships.MapDelete("/{username}", (string org, string username, IdentityStore store) =>
            store.Deactivate(System, org, username, IdentityLookup.Key).Outcome == DeactivationOutcome.Deactivated
                ? Results.NoContent()
                : NotFound());
    }

    /// <summary>
    /// Invites a non-member (state "pending", a creation) or answers a member's or invitee's membership as it is
    /// (nothing created). Someone removed earlier is invited again, which counts as another creation.
    /// </summary>
    private static async Task<IResult> PutAsync(string org, string username, HttpRequest request, IdentityStore store)
    {
        var role = "member";
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            var body = await IdentityRequests.ObjectAsync(request);
            if (body is null)
            {
                return JsonResponse.Of(GitHubJson.InvalidBody(), StatusCodes.Status400BadRequest);
            }

            role = body["role"] is null ? role : IdentityRequests.Text(body, "role") ?? string.Empty;
        }

        if (role is not ("member" or "admin"))
        {
            return JsonResponse.Of(GitHubJson.InvalidRole(), StatusCodes.Status422UnprocessableEntity);
        }

        var draft = new IdentityAccount { System = System, App = org, Key = username, Role = role, Pending = true };
        var (membership, _) = store.Create(
            draft,
            GitHubJson.Identify,
            countCreation: true,
            reviveInactive: removed => removed with { Active = true, Pending = true, Role = role });
        return JsonResponse.Of(GitHubJson.Membership(membership));
    }

    private static IResult NotFound() => JsonResponse.Of(GitHubJson.NotFound(), StatusCodes.Status404NotFound);
}
