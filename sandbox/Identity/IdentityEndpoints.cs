namespace Integration.Sandbox.Identity;

/// Maps the eight emulated identity systems (docs/identity-targets.md), so the server adds them with one call.
internal static class IdentityEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        GraphEndpoints.Map(app);
        OktaEndpoints.Map(app);
        GoogleWorkspaceEndpoints.Map(app);
        SlackScimEndpoints.Map(app);
        GitHubEndpoints.Map(app);
        AtlassianEndpoints.Map(app);
        ZoomEndpoints.Map(app);
        RestAppEndpoints.Map(app);
    }
}
