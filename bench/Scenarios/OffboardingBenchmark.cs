using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Integration.Orchestrations.Offboarding;
using Integration.SendEvent;
using Integration.SendEvent.Cli;
using Integration.SendEvent.Scenarios;
using Microsoft.DurableTask.Client;

namespace Integration.Bench.Scenarios;

/// <summary>
/// (f) one termination against the fifteen sandbox identity targets, each answering in 300 ms: time from
/// the effective time to completion; (g) many terminations at once: every account revoked exactly once.
/// Both read the sandbox's own counters, so a lost or duplicated revocation shows.
/// </summary>
public static class OffboardingBenchmark
{
    private static readonly string[] IdentitySystems = ["graph", "okta", "google", "slack", "github", "atlassian", "zoom", "rest"];

    /// <summary>Runs (f) <paramref name="singleRuns"/> times and (g) with <paramref name="burst"/> terminations; returns failures.</summary>
    public static async Task<List<string>> RunAsync(
        HttpClient http, WebhookSender sender, Uri sandbox, DurableTaskClient client, TextWriter output,
        int singleRuns, int burst, int concurrency, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        var hr = new SandboxHr(http, sandbox.ToString().TrimEnd('/'));

        output.WriteLine("(f) one termination x 15 systems, every identity system answering in 300 ms");
        await SetLatencyAsync(http, sandbox, 300, cancellationToken).ConfigureAwait(false);
        var fromEffective = new List<double>();
        for (int run = 0; run < singleRuns; run++)
        {
            SampleEmployee person = SampleEmployee.For((900_001 + run).ToString(CultureInfo.InvariantCulture));
            await SeedAsync(hr, person, cancellationToken).ConfigureAwait(false);
            DateTimeOffset effective = DateTimeOffset.UtcNow.AddSeconds(4);
            await TerminateAsync(hr, sender, person, effective, cancellationToken).ConfigureAwait(false);
            OrchestrationMetadata done = await WaitAsync(client, person.Id, timeout, cancellationToken).ConfigureAwait(false);
            DateTimeOffset observed = DateTimeOffset.UtcNow;
            OffboardingResult? result = done.ReadOutputAs<OffboardingResult>();
            if (result?.CompletedAt is not { } completed || result.EffectiveAt is not { } at)
            {
                failures.Add($"(f) run {run + 1}: offboarding of {person.Id} ended {done.RuntimeStatus} with {done.SerializedOutput}");
                continue;
            }

            double seconds = (completed - at).TotalSeconds;
            double lastRevocation = result.Systems.Where(s => s.RevokedAt is not null).Max(s => s.RevokedAt!.Value - at).TotalSeconds;
            fromEffective.Add(seconds);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    run {run + 1}: {result.Outcome}, {result.Systems.Count} systems; effective -> last revocation {lastRevocation:0.00} s, -> completed {seconds:0.00} s (observed by the bench {(observed - at).TotalSeconds:0.00} s)"));
            failures.AddRange(await CheckAccountsAsync(http, sandbox, [person], "(f)", cancellationToken).ConfigureAwait(false));
        }

        if (fromEffective.Count > 0)
        {
            fromEffective.Sort();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    effective time -> completed: median {fromEffective[fromEffective.Count / 2]:0.00} s, max {fromEffective[^1]:0.00} s over {fromEffective.Count} runs (serial would be at least 15 x 300 ms)"));
        }

        await SetLatencyAsync(http, sandbox, 0, cancellationToken).ConfigureAwait(false);
        output.WriteLine();

        output.WriteLine($"(g) {burst} terminations at once, 15 systems each ({burst * 15} revocations)");
        SampleEmployee[] people = Enumerable.Range(0, burst).Select(i => SampleEmployee.For((910_001 + i).ToString(CultureInfo.InvariantCulture))).ToArray();
        await ForEachAsync(people, concurrency, p => SeedAsync(hr, p, cancellationToken)).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        DateTimeOffset now = DateTimeOffset.UtcNow;
        await ForEachAsync(people, concurrency, p => TerminateAsync(hr, sender, p, now, cancellationToken)).ConfigureAwait(false);
        double sent = clock.Elapsed.TotalSeconds;
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        await ForEachAsync(people, concurrency, async p =>
        {
            OrchestrationMetadata done = await WaitAsync(client, p.Id, timeout, cancellationToken).ConfigureAwait(false);
            string outcome = done.ReadOutputAs<OffboardingResult>()?.Outcome ?? done.RuntimeStatus.ToString();
            lock (outcomes)
            {
                outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            }
        }).ConfigureAwait(false);
        double total = clock.Elapsed.TotalSeconds;
        List<string> accountProblems = await CheckAccountsAsync(http, sandbox, people, "(g)", cancellationToken).ConfigureAwait(false);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    sent in {sent:0.0} s; all {burst} completed {total:0.0} s after the first send: {burst / total:0.00} terminations/s, {burst * 15 / total:0.0} revocations/s"));
        output.WriteLine($"    outcomes: {string.Join(", ", outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key} {o.Value}"))}");
        output.WriteLine($"    sandbox accounts: {burst * 15 - accountProblems.Count(p => p.Contains("still active", StringComparison.Ordinal))} of {burst * 15} revoked; " +
            $"lost (still active) {accountProblems.Count(p => p.Contains("still active", StringComparison.Ordinal))}, duplicated (deactivated more than once) {accountProblems.Count(p => p.Contains("deactivated", StringComparison.Ordinal))}, missing {accountProblems.Count(p => p.Contains("accounts, not", StringComparison.Ordinal))}");
        failures.AddRange(accountProblems.Take(20));
        output.WriteLine();
        return failures;
    }

    private static async Task SeedAsync(SandboxHr hr, SampleEmployee person, CancellationToken ct)
    {
        await hr.SeedIdentityAsync(person, ct).ConfigureAwait(false);
        await hr.PutEmployeeAsync(person.Id, person.ActiveHrFields(new DateOnly(2024, 1, 8)), ct).ConfigureAwait(false);
    }

    private static async Task TerminateAsync(SandboxHr hr, WebhookSender sender, SampleEmployee person, DateTimeOffset effective, CancellationToken ct)
    {
        await hr.PutEmployeeAsync(person.Id, TerminatedVerb.TerminationFields(effective), ct).ConfigureAwait(false);
        using HttpResponseMessage response = await sender.SendHrAsync(
            SampleEvents.BambooHrEvent("employee.updated", person.Id, HrDeliveries.EmploymentFields, DateTimeOffset.UtcNow), cancellationToken: ct).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Polls until the instance completed its last run (not a ContinueAsNew hand-over) or the timeout passes.</summary>
    private static async Task<OrchestrationMetadata> WaitAsync(DurableTaskClient client, string employeeId, TimeSpan timeout, CancellationToken ct)
    {
        string instanceId = OffboardingOrchestrator.InstanceIdFor(employeeId);
        DateTime deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            OrchestrationMetadata? instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, ct).ConfigureAwait(false);
            if (instance is { RuntimeStatus: OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated })
            {
                return instance;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{instanceId} did not complete within {timeout.TotalMinutes:0} min (status {instance?.RuntimeStatus.ToString() ?? "absent"}).");
            }

            await Task.Delay(100, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Every person's fifteen accounts: inactive, and deactivated exactly once.</summary>
    private static async Task<List<string>> CheckAccountsAsync(HttpClient http, Uri sandbox, IReadOnlyList<SampleEmployee> people, string phase, CancellationToken ct)
    {
        var problems = new List<string>();
        foreach (SampleEmployee person in people)
        {
            JsonArray accounts = (await http.GetFromJsonAsync<JsonArray>(new Uri(sandbox, $"/_sandbox/identity/accounts?email={Uri.EscapeDataString(person.Email)}"), ct).ConfigureAwait(false))!;
            if (accounts.Count != 15)
            {
                problems.Add($"{phase} {person.Email} has {accounts.Count} accounts, not 15");
            }

            foreach (JsonNode? account in accounts)
            {
                string where = $"{account!["system"]}{(account["app"] is { } app ? "/" + app : string.Empty)}";
                if ((bool)account["active"]!)
                {
                    problems.Add($"{phase} {person.Email} still active in {where}");
                }
                else if ((int)account["deactivations"]! != 1)
                {
                    problems.Add($"{phase} {person.Email} deactivated {account["deactivations"]} times in {where}");
                }
            }
        }

        return problems;
    }

    private static async Task SetLatencyAsync(HttpClient http, Uri sandbox, int milliseconds, CancellationToken ct)
    {
        foreach (string system in IdentitySystems)
        {
            using HttpResponseMessage response = await http.PutAsJsonAsync(new Uri(sandbox, $"/_sandbox/faults/{system}"), new { LatencyMs = milliseconds }, ct).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
        }
    }

    private static Task ForEachAsync<T>(IEnumerable<T> items, int concurrency, Func<T, Task> body) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (item, _) => await body(item).ConfigureAwait(false));
}
