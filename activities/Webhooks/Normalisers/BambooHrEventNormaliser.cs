using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Integration.Activities.Webhooks.Signatures;
using Integration.Orchestrations.Routing;

namespace Integration.Activities.Webhooks.Normalisers;

/// <summary>
/// BambooHR's event-based webhooks: one JSON object {"type","timestamp","data":{"companyId","employeeId","changedFields"}}
/// per request, ids only (the workflow reads the record). BambooHR sends no delivery id, so the envelope id
/// is derived from what a redelivery repeats: employee, type, timestamp and changed fields.
/// </summary>
public sealed class BambooHrEventNormaliser : IWebhookNormaliser
{
    public const string Created = "employee.created";
    public const string Updated = "employee.updated";
    public const string Deleted = "employee.deleted";

    /// <summary>The BambooHR field aliases whose change means employment itself changed (a termination entered, moved or cancelled).</summary>
    public static readonly IReadOnlySet<string> EmploymentFields = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "status", "employmentHistoryStatus", "employmentStatus", "terminationDate", "terminationTime",
    };

    public IReadOnlyList<EventEnvelope> Normalise(string source, WebhookRequest request, string correlationId, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(request);
        using JsonDocument doc = JsonFields.Parse(request.Body);
        JsonElement root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new WebhookPayloadException("A BambooHR delivery is a JSON object with 'type', 'timestamp' and 'data'.");
        }

        if (!root.TryGetProperty("type", out _) && root.TryGetProperty("employees", out _))
        {
            throw new WebhookPayloadException(
                "This is BambooHR's field-based (legacy) webhook format; configure the webhook to send the event-based format.");
        }

        const string where = "The BambooHR event";
        string type = JsonFields.RequiredScalar(root, "type", where);
        string timestamp = JsonFields.RequiredScalar(root, "timestamp", where);
        if (!BambooHrTimestamp.TryParse(timestamp, out DateTimeOffset occurredAt))
        {
            throw new WebhookPayloadException($"'timestamp' is neither an ISO-8601 date and time nor epoch seconds: '{timestamp}'.");
        }

        if (!root.TryGetProperty("data", out JsonElement data) || data.ValueKind != JsonValueKind.Object)
        {
            throw new WebhookPayloadException("'data' must be a JSON object.");
        }

        string employeeId = JsonFields.RequiredSubject(data, "employeeId", "'data'");
        List<string> changedFields = ChangedFields(data);
        string eventType = EventTypeOf(type, changedFields);

        return [new EventEnvelope(
            $"{source}-{employeeId}-{DeliveryKey(employeeId, type, occurredAt, changedFields)}",
            source,
            eventType,
            occurredAt,
            receivedAt,
            correlationId,
            employeeId,
            root.Clone())];
    }

    /// <summary>employee.created → hired; an update touching <see cref="EmploymentFields"/> → employment changed; other updates and deletions → updated.</summary>
    /// <exception cref="WebhookPayloadException">The type is not one BambooHR's event-based webhooks send.</exception>
    public static string EventTypeOf(string type, IReadOnlyCollection<string> changedFields)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(changedFields);
        return type switch
        {
            Created => EventTypes.HrEmployeeHired,
            Updated when changedFields.Any(EmploymentFields.Contains) => EventTypes.HrEmployeeEmploymentChanged,
            Updated or Deleted => EventTypes.HrEmployeeUpdated,
            _ => throw new WebhookPayloadException($"'type' '{type}' is not one of: {Created}, {Updated}, {Deleted}."),
        };
    }

    /// <summary>
    /// 32 hex digits of SHA-256 over the employee id, type, timestamp (as a UTC instant, so "+0000" and "Z"
    /// agree) and the changed fields in ordinal order: the same for every redelivery of one event.
    /// </summary>
    public static string DeliveryKey(string employeeId, string type, DateTimeOffset occurredAt, IEnumerable<string> changedFields)
    {
        ArgumentNullException.ThrowIfNull(employeeId);
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(changedFields);
        string fields = string.Join(',', changedFields.Order(StringComparer.Ordinal));
        string text = string.Join('\n', employeeId, type, occurredAt.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture), fields);
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    // BambooHR always sends the list for updates; creations and deletions may omit it.
    private static List<string> ChangedFields(JsonElement data)
    {
        if (!data.TryGetProperty("changedFields", out JsonElement list) || list.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            throw new WebhookPayloadException("'data.changedFields' must be a JSON array of field names.");
        }

        var fields = new List<string>(list.GetArrayLength());
        foreach (JsonElement field in list.EnumerateArray())
        {
            if (field.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(field.GetString()))
            {
                throw new WebhookPayloadException("'data.changedFields' must hold only non-empty field names.");
            }

            fields.Add(field.GetString()!);
        }

        return fields;
    }
}
