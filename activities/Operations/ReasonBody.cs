using System.Text.Json;
using Integration.Activities.Http;
using Microsoft.AspNetCore.Http;

namespace Integration.Activities.Operations;

/// <summary>The optional body of an operations action, <c>{"reason": "..."}</c>; the reason goes to the audit trail.</summary>
public static class ReasonBody
{
    /// <summary>A sentence or two: it is written to the audit trail and shown back to people.</summary>
    public const int MaxReasonLength = 1_000;

    private const int MaxBodyBytes = 16 * 1024;

    /// <summary>The reason (null when the body is empty or has none), or the 400 problem for a body that is not one.</summary>
    public static async Task<(string? Reason, IResult? Problem)> ReadAsync(HttpRequest request, string correlationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        byte[]? body = await RequestBodies.ReadAtMostAsync(request, MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return (null, Problems.Create(StatusCodes.Status413PayloadTooLarge, "body-too-large", "Body too large",
                $"The body may hold at most {MaxBodyBytes} bytes: {{\"reason\": \"...\"}}.", correlationId));
        }

        if (body.Length == 0 || body.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            return (null, null);
        }

        if (BodyText.FindInvalidText(body) is { } invalid)
        {
            return (null, Bad(invalid, correlationId));
        }

        try
        {
            using JsonDocument doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, Bad("The body must be a JSON object: {\"reason\": \"...\"}.", correlationId));
            }

            if (!doc.RootElement.TryGetProperty("reason", out JsonElement reason) || reason.ValueKind == JsonValueKind.Null)
            {
                return (null, null);
            }

            if (reason.ValueKind != JsonValueKind.String)
            {
                return (null, Bad("'reason' must be a string.", correlationId));
            }

            string text = reason.GetString()!.Trim();
            return text.Length > MaxReasonLength
                ? (null, Bad($"'reason' may hold at most {MaxReasonLength} characters.", correlationId))
                : (text.Length == 0 ? null : text, null);
        }
        catch (JsonException ex)
        {
            return (null, Bad($"The body is not JSON: {ex.Message}", correlationId));
        }
    }

    private static IResult Bad(string detail, string correlationId) =>
        Problems.Create(StatusCodes.Status400BadRequest, "invalid-body", "Invalid body", detail, correlationId);
}
