using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Integration.SendEvent.Scenarios;

/// <summary>The sandbox HR (BambooHR) and identity systems as the HR verbs drive them, through the sandbox admin routes.</summary>
public sealed class SandboxHr(HttpClient http, string sandboxBaseUrl)
{
    private readonly string root = sandboxBaseUrl.TrimEnd('/');

    /// <summary>The stored HR record ({"id", field: value...}), or null when the sandbox has none.</summary>
    public async Task<JsonObject?> EmployeeAsync(string id, CancellationToken cancellationToken = default)
    {
        using HttpResponseMessage response = await http.GetAsync($"{root}/_sandbox/bamboohr/employees/{Uri.EscapeDataString(id)}", cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureAsync(response, $"reading HR employee {id}", cancellationToken).ConfigureAwait(false);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)) as JsonObject;
    }

    /// <summary>Creates the HR record or merges the fields into it (an empty string clears a field).</summary>
    public async Task PutEmployeeAsync(string id, IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken = default)
    {
        using HttpResponseMessage response = await http.PutAsJsonAsync($"{root}/_sandbox/bamboohr/employees/{Uri.EscapeDataString(id)}", fields, cancellationToken).ConfigureAwait(false);
        await EnsureAsync(response, $"writing HR employee {id}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gives the person an active account in every emulated identity system (POST /_sandbox/identity/employees).</summary>
    public async Task SeedIdentityAsync(SampleEmployee person, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(person);
        using HttpResponseMessage response = await http.PostAsJsonAsync($"{root}/_sandbox/identity/employees", person.IdentityBody(), cancellationToken).ConfigureAwait(false);
        await EnsureAsync(response, $"seeding identity accounts for {person.Email}", cancellationToken).ConfigureAwait(false);
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new HttpRequestException($"The sandbox refused {what}: {(int)response.StatusCode} {body}", null, response.StatusCode);
        }
    }
}
