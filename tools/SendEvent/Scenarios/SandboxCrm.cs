using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Integration.SendEvent.Scenarios;

/// <summary>
/// The sandbox CRM as a scenario drives it: seed a deal through the sandbox admin API, change it the
/// way a CRM user would (HubSpot's own PATCH, which keeps the properties the product wrote), and read it back.
/// </summary>
public sealed class SandboxCrm(HttpClient http, string sandboxBaseUrl)
{
    /// <summary>Where the standalone host's embedded sandbox listens by default.</summary>
    public const string DefaultSandboxUrl = "http://127.0.0.1:7080";

    /// <summary>The sandbox HubSpot's development token (the standalone host's default too).</summary>
    public const string HubSpotToken = "sandbox-hubspot-token";

    private readonly string root = sandboxBaseUrl.TrimEnd('/');

    /// <summary>Stores (or replaces) a deal with its company and line items.</summary>
    public async Task SeedDealAsync(SeedDeal deal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deal);
        using HttpResponseMessage response = await http.PutAsJsonAsync($"{root}/_sandbox/hubspot/deals/{deal.Id}", deal.ToAdminBody(), cancellationToken).ConfigureAwait(false);
        await EnsureAsync(response, $"seeding deal {deal.Id}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Changes deal properties as a CRM user does: a partial update that leaves the others alone.</summary>
    public async Task PatchDealAsync(string dealId, IReadOnlyDictionary<string, string> properties, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"{root}/hubspot/crm/v3/objects/deals/{dealId}")
        {
            Content = JsonContent.Create(new { properties }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", HubSpotToken);
        using HttpResponseMessage response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await EnsureAsync(response, $"patching deal {dealId}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Replaces the deal's line items, keeping every deal property (the product's included) but those given.</summary>
    public async Task ReplaceLinesAsync(string dealId, IReadOnlyList<SeedLine> lines, IReadOnlyDictionary<string, string> properties, CancellationToken cancellationToken = default)
    {
        JsonObject deal = await DealAsync(dealId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The sandbox has no deal {dealId}.");
        var merged = ((JsonObject)deal["properties"]!).ToDictionary(p => p.Key, p => (string?)p.Value ?? string.Empty, StringComparer.Ordinal);
        foreach ((string key, string value) in properties)
        {
            merged[key] = value;
        }

        string? companyId = (string?)deal["companyId"];
        JsonObject? company = companyId is null ? null : await CompanyAsync(companyId, cancellationToken).ConfigureAwait(false);
        var seed = new SeedDeal(
            dealId,
            merged,
            company is null ? null : new SeedCompany(companyId!, ((JsonObject)company["properties"]!).ToDictionary(p => p.Key, p => (string?)p.Value ?? string.Empty, StringComparer.Ordinal)),
            lines);
        await SeedDealAsync(seed, cancellationToken).ConfigureAwait(false);
    }

    public async Task<JsonObject?> DealAsync(string dealId, CancellationToken cancellationToken = default)
    {
        using HttpResponseMessage response = await http.GetAsync($"{root}/_sandbox/hubspot/deals/{dealId}", cancellationToken).ConfigureAwait(false);
        return response.IsSuccessStatusCode
            ? (JsonObject?)JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false))
            : null;
    }

    public async Task<string?> DealPropertyAsync(string dealId, string property, CancellationToken cancellationToken = default) =>
        (string?)(await DealAsync(dealId, cancellationToken).ConfigureAwait(false))?["properties"]?[property] is { Length: > 0 } value ? value : null;

    /// <summary>Polls until the deal property has a value (e.g. the product wrote erp_invoice_id); null after the timeout.</summary>
    public async Task<string?> WaitForDealPropertyAsync(string dealId, string property, TimeSpan timeout, Func<string, bool>? accept = null, CancellationToken cancellationToken = default)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            string? value = await DealPropertyAsync(dealId, property, cancellationToken).ConfigureAwait(false);
            if (value is not null && (accept is null || accept(value)))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                return null;
            }

            await Task.Delay(250, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<JsonObject?> CompanyAsync(string companyId, CancellationToken cancellationToken)
    {
        var all = (JsonArray?)JsonNode.Parse(await http.GetStringAsync($"{root}/_sandbox/hubspot/companies", cancellationToken).ConfigureAwait(false));
        return all?.OfType<JsonObject>().FirstOrDefault(c => (string?)c["id"] == companyId);
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new HttpRequestException($"The sandbox refused {what}: {(int)response.StatusCode} {body}");
        }
    }
}
