using System.Text.Json.Nodes;
using Integration.Sandbox.Infrastructure;

namespace Integration.Sandbox.QuickBooks;

/// A complete QuickBooks answer (status and body text), kept per requestid so a resend replays it exactly.
internal sealed record QboResponse(int StatusCode, string Body)
{
    public static QboResponse Ok(JsonNode body) => new(StatusCodes.Status200OK, JsonText.Of(body));

    public static QboResponse BadRequest(JsonNode body) => new(StatusCodes.Status400BadRequest, JsonText.Of(body));

    public IResult ToResult() => JsonResponse.Text(Body, StatusCode);
}
