namespace Integration.Sandbox.Identity;

/// What a revocation found; each vendor turns it into its own answer (e.g. Okta 404s a repeat, Graph 204s it).
internal enum DeactivationOutcome
{
    NotFound,
    AlreadyInactive,
    Deactivated,
}
