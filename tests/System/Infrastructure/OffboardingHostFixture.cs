using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Integration.SendEvent;
using Integration.SendEvent.Cli;
using Integration.SendEvent.Scenarios;

namespace Integration.Tests.System.Infrastructure;

/// <summary>
/// A standalone host whose offboarding deadline is 8 s instead of 4 h, so a test can watch it pass; the
/// HR and identity steps a person (or tools/SendEvent) would take are helpers here, on the same code.
/// </summary>
public sealed class OffboardingHostFixture : StandaloneHostFixture
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(8);

    private readonly ConcurrentDictionary<string, DateTimeOffset> lastEventAt = new();
    private HttpClient? sandboxHttp;

    private HttpClient SandboxHttp => sandboxHttp ??= new HttpClient { BaseAddress = new Uri(Host.SandboxBaseUrl), Timeout = TimeSpan.FromSeconds(30) };

    public SandboxHr Hr => new(SandboxHttp, Host.SandboxBaseUrl);

    protected override IDictionary<string, string> HostSettings => new Dictionary<string, string>(base.HostSettings)
    {
        ["Offboarding__Deadline"] = Deadline.ToString("c", CultureInfo.InvariantCulture),
    };

    /// <summary>Employee ids unique to one test; the workflows' instance ids derive from them.</summary>
    public static string NewEmployeeId() => Random.Shared.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture);

    /// <summary>An active employee in HR with an active account in all fifteen sandbox identity targets.</summary>
    public async Task<SampleEmployee> SeedLeaverAsync()
    {
        SampleEmployee person = SampleEmployee.For(NewEmployeeId());
        await Hr.SeedIdentityAsync(person);
        await Hr.PutEmployeeAsync(person.Id, person.ActiveHrFields(new DateOnly(2024, 1, 8)));
        return person;
    }

    /// <summary>Enters a termination effective at <paramref name="effectiveAt"/> and sends BambooHR's webhook for it.</summary>
    public async Task TerminateAsync(SampleEmployee person, DateTimeOffset effectiveAt)
    {
        await Hr.PutEmployeeAsync(person.Id, TerminatedVerb.TerminationFields(effectiveAt));
        await SendEmploymentChangeAsync(person);
    }

    /// <summary>Withdraws the termination in HR and sends BambooHR's webhook for it.</summary>
    public async Task CancelAsync(SampleEmployee person)
    {
        await Hr.PutEmployeeAsync(person.Id, CancelledVerb.ReinstatedFields);
        await SendEmploymentChangeAsync(person);
    }

    /// <summary>Puts a new hire into HR (unless only the webhook is wanted) and sends employee.created.</summary>
    public async Task HireAsync(SampleEmployee person, bool updateHr = true)
    {
        if (updateHr)
        {
            await Hr.PutEmployeeAsync(person.Id, person.ActiveHrFields(DateOnly.FromDateTime(DateTime.UtcNow)));
        }

        using HttpResponseMessage response = await Sender.SendHrAsync(SampleEvents.BambooHrEvent("employee.created", person.Id, timestamp: await EventTimeAsync(person.Id)));
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The offboarding workflow's output once it completed (ContinueAsNew runs in between are skipped).</summary>
    public Task<JsonObject> WaitForOutputAsync(string employeeId, TimeSpan timeout) => WaitForCompletedOutputAsync($"offboarding-{employeeId}", timeout);

    public Task<JsonObject> WaitForOnboardingAsync(string employeeId, TimeSpan timeout) => WaitForCompletedOutputAsync($"onboarding-{employeeId}", timeout);

    /// <summary>The onboarding's output when it is completed, else null.</summary>
    public async Task<JsonObject?> OnboardingOutputAsync(string employeeId) => CompletedOutput(await InstanceAsync($"onboarding-{employeeId}"));

    /// <summary>The sandbox identity accounts whose e-mail (or key) is <paramref name="email"/>.</summary>
    public async Task<JsonArray> AccountsAsync(string email)
    {
        using HttpResponseMessage response = await SandboxHttp.GetAsync($"/_sandbox/identity/accounts?email={Uri.EscapeDataString(email)}");
        return JsonNode.Parse(await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync())!.AsArray();
    }

    public Task<JsonArray> AlertsAsync() => Sandbox.AlertsAsync();

    public async Task<JsonObject> EvidenceAsync(string offboardingId) =>
        JsonNode.Parse(await GetWithKeyAsync($"/api/v1/evidence/offboardings/{Uri.EscapeDataString(offboardingId)}"))!.AsObject();

    public Task<string> EvidenceCsvAsync(string offboardingId) =>
        GetWithKeyAsync($"/api/v1/evidence/offboardings/{Uri.EscapeDataString(offboardingId)}?format=csv");

    public async Task<JsonArray> EvidenceListAsync(string employeeId) =>
        JsonNode.Parse(await GetWithKeyAsync($"/api/v1/evidence/offboardings?employeeId={Uri.EscapeDataString(employeeId)}"))!.AsArray();

    private async Task SendEmploymentChangeAsync(SampleEmployee person)
    {
        using HttpResponseMessage response = await Sender.SendHrAsync(
            SampleEvents.BambooHrEvent("employee.updated", person.Id, HrDeliveries.EmploymentFields, await EventTimeAsync(person.Id)));
        response.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// Now, in a later second than this person's previous event. BambooHR stamps events to the second and
    /// sends no delivery id, so two alike changes of one person within a second are one event to the product
    /// (a redelivery, queued once). People do not enter a termination and withdraw it within a second.
    /// </summary>
    private async Task<DateTimeOffset> EventTimeAsync(string employeeId)
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;

        // A loop, not one delay: timers run on another clock than the wall clock and may wake a little early.
        while (lastEventAt.TryGetValue(employeeId, out DateTimeOffset previous) && now.ToUnixTimeSeconds() <= previous.ToUnixTimeSeconds())
        {
            await Task.Delay(DateTimeOffset.FromUnixTimeSeconds(previous.ToUnixTimeSeconds() + 1) - now + TimeSpan.FromMilliseconds(5));
            now = DateTimeOffset.UtcNow;
        }

        lastEventAt[employeeId] = now;
        return now;
    }

    private async Task<JsonObject> WaitForCompletedOutputAsync(string instanceId, TimeSpan timeout) =>
        (await Host.ExplainTimeoutAsync(() => Eventually.Until(async () => CompletedOutput(await InstanceAsync(instanceId)), o => o is not null, timeout, $"{instanceId} to complete")))!;

    private static JsonObject? CompletedOutput(JsonObject? instance) =>
        (string?)instance?["runtimeStatus"] == "Completed" && instance?["output"] is JsonObject output && (string?)output["Outcome"] != "restarted" ? output : null;

    private async Task<string> GetWithKeyAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Api-Key", OperationsKey);
        using HttpResponseMessage response = await Api.SendAsync(request);
        return await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync();
    }
}

/// <summary>The offboarding end-to-end tests share one host with a short deadline and run one at a time (faults are global).</summary>
[CollectionDefinition(Name)]
public sealed class OffboardingHostCollection : ICollectionFixture<OffboardingHostFixture>
{
    public const string Name = "standalone host (short offboarding deadline)";
}
