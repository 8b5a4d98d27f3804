using System.Text.Json;
using System.Text.Json.Serialization;
using Integration.Sandbox.Faults;

namespace Integration.Sandbox.Admin;

/// Reads fault settings from an admin request body; unknown fields and wrong types are rejected.
internal static class FaultSettingsReader
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
    };

    public static async Task<(FaultSettings? Settings, string? Error)> ReadAsync(HttpRequest request)
    {
        try
        {
            var settings = await JsonSerializer.DeserializeAsync<FaultSettings>(
                request.Body, Options, request.HttpContext.RequestAborted);
            return settings is null ? (null, "The body must be a JSON object.") : (settings, null);
        }
        catch (JsonException ex)
        {
            return (null, ex.Message);
        }
    }
}
