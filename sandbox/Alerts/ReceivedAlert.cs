namespace Integration.Sandbox.Alerts;

/// One alert the product posted to a webhook, kept as raw JSON text, with the format of the webhook it came to ("json", "slack", "teams").
internal sealed record ReceivedAlert(long Id, DateTimeOffset ReceivedAt, string BodyJson, string Format = "json");
