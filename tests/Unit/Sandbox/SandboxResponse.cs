using System.Net;
using System.Text.Json;

namespace Integration.Tests.Unit.Sandbox;

/// A sandbox HTTP answer read to the end, with its body available as JSON.
public sealed record SandboxResponse(HttpStatusCode Status, string Text, HttpResponseMessage Message)
{
    public JsonElement Json => JsonDocument.Parse(Text).RootElement.Clone();

    public string? MediaType => Message.Content.Headers.ContentType?.MediaType;
}
