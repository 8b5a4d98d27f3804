using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Integration.Orchestrations.Common;
using Integration.Orchestrations.Employees;
using Microsoft.Extensions.Options;

namespace Integration.Activities.Connectors.BambooHr;

/// <summary>
/// BambooHR's employee API: reads one employee with the fields the workflows need (and any a target names),
/// including future-dated values, and maps them to <see cref="HrEmployee"/>. Webhooks carry only ids, so
/// every employee workflow starts here.
/// </summary>
public sealed class BambooHrClient(HttpClient http, IOptionsMonitor<BambooHrOptions> options)
{
    public const string SystemName = "bamboohr";

    /// <summary>The fields every read asks for, besides the configured termination time field and the caller's extras.</summary>
    public static readonly IReadOnlyList<string> StandardFields =
    [
        "firstName", "lastName", "displayName", "workEmail", "status", "employmentHistoryStatus",
        "terminationDate", "hireDate", "department", "jobTitle",
    ];

    /// <summary>
    /// GET employees/{id}?fields=...&amp;onlyCurrent=false (so a termination entered ahead shows up now).
    /// Null when BambooHR has no such employee (404); other refusals fail as <see cref="ConnectorResponses"/> classifies them.
    /// </summary>
    /// <param name="extraFields">More BambooHR fields to read, e.g. the ones targets take account keys from; they appear in <see cref="HrEmployee.Fields"/>.</param>
    public async Task<HrEmployee?> GetEmployeeAsync(string employeeId, IReadOnlyCollection<string> extraFields, string correlationId, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(employeeId);
        ArgumentNullException.ThrowIfNull(extraFields);
        BambooHrOptions o = options.CurrentValue;
        TimeZoneInfo zone = o.ResolveTimeZone(out string? problem)
            ?? throw new InvalidOperationException($"{BambooHrOptions.Section}:TimeZone {problem}.");

        string fields = string.Join(',', FieldsToRead(o, extraFields).Select(Uri.EscapeDataString));
        var uri = new Uri(new Uri(o.BaseUrl.TrimEnd('/') + "/"), $"employees/{Uri.EscapeDataString(employeeId)}?fields={fields}&onlyCurrent=false");
        using HttpRequestMessage request = ConnectorRequests.Create(HttpMethod.Get, uri, BasicAuth(o.ApiKey), correlationId, null);
        using HttpResponseMessage response = await http.SendAsync(request, ct).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await ConnectorResponses.EnsureSuccessAsync(response, SystemName, ct).ConfigureAwait(false);
        Dictionary<string, string> values = await ReadFieldsAsync(response, employeeId, ct).ConfigureAwait(false);
        string id = values.TryGetValue("id", out string? answered) && !string.IsNullOrWhiteSpace(answered) ? answered : employeeId;
        return BambooHrEmployeeMapping.ToEmployee(id, values, o, zone);
    }

    /// <summary>The standard fields, the termination time field and the extras, each once, in that order.</summary>
    private static IEnumerable<string> FieldsToRead(BambooHrOptions o, IReadOnlyCollection<string> extraFields) =>
        StandardFields.Append(o.TerminationTimeField).Concat(extraFields)
            .Where(f => !string.IsNullOrWhiteSpace(f))
            .Select(f => f.Trim())
            .Distinct(StringComparer.Ordinal);

    // BambooHR's API-key login: the key is the user name, and the password can be anything ("x" by convention).
    private static AuthenticationHeaderValue BasicAuth(string apiKey) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(apiKey + ":x")));

    /// <summary>Every field of the answer as text: BambooHR sends strings; a null becomes "", anything else its JSON text.</summary>
    private static async Task<Dictionary<string, string>> ReadFieldsAsync(HttpResponseMessage response, string employeeId, CancellationToken ct)
    {
        string body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            throw new PermanentActivityFailureException($"{SystemName} answered employee {employeeId} with a body that is not JSON (is Accept: application/json honoured?).", ex);
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new PermanentActivityFailureException($"{SystemName} answered employee {employeeId} with JSON that is not an object.");
            }

            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (JsonProperty p in doc.RootElement.EnumerateObject())
            {
                fields[p.Name] = p.Value.ValueKind switch
                {
                    JsonValueKind.String => p.Value.GetString()!,
                    JsonValueKind.Null => string.Empty,
                    _ => p.Value.GetRawText(),
                };
            }

            return fields;
        }
    }
}
