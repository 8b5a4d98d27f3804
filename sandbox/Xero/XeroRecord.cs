using System.Text.Json.Nodes;

namespace Integration.Sandbox.Xero;

/// One stored Xero record: its wire JSON and the Idempotency-Key of the request that created it.
/// <remarks>Body is mutable and must only be touched while holding the store's lock.</remarks>
internal sealed record XeroRecord(string? IdempotencyKey, DateTimeOffset CreatedAt, JsonObject Body);
