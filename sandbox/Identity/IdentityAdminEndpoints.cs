using Integration.Sandbox.Admin;
using Integration.Sandbox.Infrastructure;

namespace Integration.Sandbox.Identity;

/// Maps /_sandbox/identity: seed an employee's accounts everywhere, and list accounts with their counters.
internal static class IdentityAdminEndpoints
{
    public static void Map(IEndpointRouteBuilder admin)
    {
        var identity = admin.MapGroup("/identity");
        identity.MapPost("/employees", SeedAsync);
        identity.MapGet("/accounts", List);
    }

    private static async Task<IResult> SeedAsync(HttpRequest request, IdentityStore store)
    {
        var body = await JsonBody.ReadAsync(request);
        if (!body.IsValid)
        {
            return Problems.BadRequest("Invalid JSON", body.Error!);
        }

        var employee = IdentityEmployee.Read(body.Node, out var error);
        return employee is null
            ? Problems.BadRequest("Invalid employee", error)
            : JsonResponse.Of(IdentityAdminJson.Accounts(IdentityEmployees.Seed(store, employee)));
    }

    /// <summary>?email= (the account's e-mail or key), ?system= (name or connector kind) and ?app= narrow the list; all ignore case.</summary>
    private static IResult List(string? email, string? system, string? app, IdentityStore store)
    {
        IdentityVendor? vendor = null;
        if (system is not null && (vendor = IdentityVendors.Find(system)) is null)
        {
            return Problems.BadRequest(
                "Unknown identity system",
                $"'{system}' is not an identity system; use one of: {string.Join(", ", IdentityVendors.All.Select(v => Faults.SandboxSystems.Name(v.System)))}.");
        }

        var accounts = store.Accounts(a =>
            (vendor is null || a.System == vendor.System)
            && (app is null || string.Equals(a.App, app, StringComparison.OrdinalIgnoreCase))
            && (email is null
                || string.Equals(a.Email, email, StringComparison.OrdinalIgnoreCase)
                || string.Equals(a.Key, email, StringComparison.OrdinalIgnoreCase)));
        return JsonResponse.Of(IdentityAdminJson.Accounts(accounts));
    }
}
