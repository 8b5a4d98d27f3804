using System.Text.Json.Nodes;

namespace Integration.Sandbox.QuickBooks;

/// One stored QuickBooks entity: its wire JSON plus the realm and the requestid that created it.
/// <remarks>Body is mutable and must only be touched while holding the realm's lock.</remarks>
internal sealed record QboEntity(string RealmId, string? RequestId, DateTimeOffset CreatedAt, JsonObject Body)
{
    public string Id => Body["Id"]!.GetValue<string>();
}
