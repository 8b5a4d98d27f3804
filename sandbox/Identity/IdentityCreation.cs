namespace Integration.Sandbox.Identity;

/// <summary>The account after <see cref="IdentityStore.Create"/>; <paramref name="Created"/> is false when it already existed.</summary>
internal sealed record IdentityCreation(IdentityAccount Account, bool Created);
