using System.Text.Json;
using System.Text.Json.Nodes;
using Integration.Sandbox.Infrastructure;

namespace Integration.Sandbox.Warehouses;

/// <summary>Units of one warehouse SKU to ship.</summary>
internal sealed record ShipLine(string Sku, int Quantity);

/// <summary>
/// The optional body of POST /_sandbox/{shipbob|shipstation}/orders/{id}/ship:
/// {"lines":[{"sku","quantity"}],"carrier","tracking_number"}. No lines = everything not shipped yet.
/// </summary>
internal sealed record ShipRequest(IReadOnlyList<ShipLine>? Lines, string? Carrier, string? TrackingNumber)
{
    public static readonly ShipRequest Everything = new(null, null, null);

    /// <summary>Reads the body (empty = everything); returns an error message for a malformed one.</summary>
    public static async Task<(ShipRequest? Request, string? Error)> ReadAsync(HttpRequest request)
    {
        var input = await OptionalObjectAsync(request);
        if (input.Error is not null)
        {
            return (null, input.Error);
        }

        if (input.Body is null)
        {
            return (Everything, null);
        }

        var body = input.Body;
        List<ShipLine>? lines = null;
        if (body["lines"] is JsonArray array)
        {
            lines = [];
            for (var i = 0; i < array.Count; i++)
            {
                var line = array[i] as JsonObject;
                var sku = JsonValues.StringAt(line, "sku");
                if (string.IsNullOrWhiteSpace(sku))
                {
                    return (null, $"lines[{i}].sku is required.");
                }

                if (line!["quantity"] is not JsonValue q || q.GetValueKind() != JsonValueKind.Number
                    || !q.TryGetValue(out int quantity) || quantity <= 0)
                {
                    return (null, $"lines[{i}].quantity must be a whole number above 0.");
                }

                lines.Add(new ShipLine(sku, quantity));
            }

            if (lines.Count == 0)
            {
                return (null, "'lines' is empty: leave it out to ship everything not shipped yet.");
            }
        }
        else if (body["lines"] is not null)
        {
            return (null, "'lines' must be an array of {\"sku\",\"quantity\"}.");
        }

        return (new ShipRequest(lines, Text(body, "carrier"), Text(body, "tracking_number")), null);
    }

    /// <summary>A JSON object body, or null when the request has none; an error for anything else.</summary>
    public static async Task<(JsonObject? Body, string? Error)> OptionalObjectAsync(HttpRequest request)
    {
        if (request.ContentLength is 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count == 0))
        {
            return (null, null);
        }

        var body = await JsonBody.ReadAsync(request);
        if (!body.IsValid)
        {
            return (null, $"The body is not JSON: {body.Error}");
        }

        return body.Node switch
        {
            null => (null, null),
            JsonObject obj => (obj, null),
            _ => (null, "The body must be a JSON object."),
        };
    }

    private static string? Text(JsonObject body, string name)
    {
        var value = JsonValues.StringAt(body, name);
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }
}
