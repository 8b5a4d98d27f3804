namespace Integration.Sandbox.Alerts;

/// One alert the product posted to the webhook, kept as raw JSON text.
internal sealed record ReceivedAlert(long Id, DateTimeOffset ReceivedAt, string BodyJson);
