using System.Text.Json.Nodes;

namespace Integration.Sandbox.Infrastructure;

/// A complete vendor answer (status and body text), kept under an idempotency key so a resend replays it exactly.
internal sealed record VendorResponse(int StatusCode, string Body)
{
    public static VendorResponse Ok(JsonNode body) => new(StatusCodes.Status200OK, JsonText.Of(body));

    public static VendorResponse BadRequest(JsonNode body) => new(StatusCodes.Status400BadRequest, JsonText.Of(body));

    public static VendorResponse Of(JsonNode body, int statusCode) => new(statusCode, JsonText.Of(body));

    public IResult ToResult() => JsonResponse.Text(Body, StatusCode);
}
