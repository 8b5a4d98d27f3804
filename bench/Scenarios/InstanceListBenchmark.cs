using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Grpc.Net.Client;
using Integration.Bench.Measurement;
using Integration.Bench.Raw;
using Integration.Bench.Reporting;
using Integration.DevHost.Hosting;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Integration.Bench.Scenarios;

/// <summary>
/// (m) GET /api/v1/instances over a task hub of finished workflows (10,000 by default): the hub is seeded through the
/// bench's raw engine with trivial orchestrators under the product's orchestrator names and instance ids (80 % deals,
/// 20 % onboardings, one in fifty failing), before the host starts; then each filter is timed over N sequential
/// requests with the reader key, after two unmeasured ones.
/// </summary>
public static class InstanceListBenchmark
{
    public const int FailEvery = 50;

    private const string DealPrefix = "deal-invoice-bench-";
    private const string OnboardingPrefix = "onboarding-bench-";

    /// <summary>What the seeding made: how many ended Completed and Failed, when it began and how long it took.</summary>
    public sealed record Seeded(int Count, int Completed, int Failed, DateTimeOffset StartedAt, double Seconds);

    /// <summary>One filter's timings: the first page's size and whether it came with a continuation token.</summary>
    public sealed record FilterTiming(string Name, string Query, LatencySummary Latency, int FirstPageItems, bool FirstPageHasToken);

    public sealed record Result(Seeded Seeded, IReadOnlyList<FilterTiming> Filters, IReadOnlyList<string> Problems);

    public static async Task<Seeded> SeedAsync(
        string storage, string taskHub, int grpcPort, DurableTaskSettings hub, int count, int concurrency, TimeSpan timeout, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine($"(m) seeding {count} finished workflows on hub {taskHub} through the raw engine...");
        await using var app = RawEngineHost.Build(storage, taskHub, grpcPort, hub, Register);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using (var ready = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                ready.CancelAfter(TimeSpan.FromSeconds(60));
                await app.Services.GetRequiredService<GrpcChannel>().ConnectAsync(ready.Token).ConfigureAwait(false);
            }

            var client = app.Services.GetRequiredService<DurableTaskClient>();
            int deals = count * 4 / 5;
            string[] dealIds = Enumerable.Range(0, deals).Select(i => DealPrefix + i.ToString("D5", CultureInfo.InvariantCulture)).ToArray();
            string[] onboardingIds = Enumerable.Range(deals, count - deals).Select(i => OnboardingPrefix + i.ToString("D5", CultureInfo.InvariantCulture)).ToArray();
            var startedAt = DateTimeOffset.UtcNow;
            long start = Stopwatch.GetTimestamp();
            await Parallel.ForEachAsync(
                dealIds.Select(id => ("DealToInvoiceOrchestrator", id)).Concat(onboardingIds.Select(id => ("OnboardingOrchestrator", id))),
                new ParallelOptions { MaxDegreeOfParallelism = concurrency * 2, CancellationToken = cancellationToken },
                async (work, ct) => await client.ScheduleNewOrchestrationInstanceAsync(
                    work.Item1, int.Parse(work.id[^5..], CultureInfo.InvariantCulture), new StartOrchestrationOptions(work.id), ct).ConfigureAwait(false)).ConfigureAwait(false);
            CompletionResult dealsDone = await CompletionWatcher.WaitAsync(client, DealPrefix, dealIds, startedAt, start, timeout, cancellationToken).ConfigureAwait(false);
            CompletionResult onboardingsDone = await CompletionWatcher.WaitAsync(client, OnboardingPrefix, onboardingIds, startedAt, start, timeout, cancellationToken).ConfigureAwait(false);
            var seeded = new Seeded(count, dealsDone.Completed + onboardingsDone.Completed, dealsDone.Failed + onboardingsDone.Failed, startedAt, Stopwatch.GetElapsedTime(start).TotalSeconds);
            output.WriteLine($"    seeded in {seeded.Seconds:0.0} s: {seeded.Completed} Completed, {seeded.Failed} Failed, {dealsDone.Pending + onboardingsDone.Pending} unfinished");
            return seeded;
        }
        finally
        {
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await app.StopAsync(stopping.Token).ConfigureAwait(false);
        }
    }

    public static async Task<Result> RunAsync(HttpClient http, string apiBase, Seeded seeded, int requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(seeded);
        string since = Uri.EscapeDataString(seeded.StartedAt.AddSeconds(-1).ToString("O", CultureInfo.InvariantCulture));
        (string Name, string Query)[] filters =
        [
            ("status=Failed (1 in 50)", "status=Failed&pageSize=50"),
            ("workflow+createdFrom", $"workflow=onboarding&createdFrom={since}&pageSize=50"),
            ("key (point reads)", "key=bench-00042&pageSize=50"),
            ("no filter", "pageSize=50"),
            ("summary", string.Empty),
        ];
        var problems = new List<string>();
        var timings = new List<FilterTiming>();
        foreach ((string name, string query) in filters)
        {
            Uri uri = new(name == "summary" ? $"{apiBase}/api/v1/instances/summary" : $"{apiBase}/api/v1/instances?{query}");
            var latencies = new List<double>();
            int firstItems = 0;
            bool firstToken = false;
            for (int i = -2; i < requests; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                request.Headers.Add("X-Api-Key", "dev-reader-key");
                long t0 = Stopwatch.GetTimestamp();
                using HttpResponseMessage response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                double ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    problems.Add($"{name}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 200)]}");
                    continue;
                }

                if (i >= 0)
                {
                    latencies.Add(ms);
                }

                if (i == -2 && name != "summary")
                {
                    JsonNode page = JsonNode.Parse(body)!;
                    firstItems = ((JsonArray)page["items"]!).Count;
                    firstToken = page["continuationToken"] is not null;
                }
                else if (i == -2)
                {
                    JsonNode summary = JsonNode.Parse(body)!;
                    firstItems = (int?)summary["instancesRead"] ?? 0;
                    firstToken = (bool?)summary["complete"] == false;
                }
            }

            timings.Add(new FilterTiming(name, query, LatencySummary.Of(latencies), firstItems, firstToken));
        }

        int expectedFailed = timings[0].FirstPageItems;
        if (expectedFailed != Math.Min(50, seeded.Failed))
        {
            problems.Add($"status=Failed returned {expectedFailed} items on its first page; {seeded.Failed} instances failed");
        }

        return new Result(seeded, timings, problems);
    }

    public static void Write(TextWriter output, Result r, PhaseObservation observed)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(r);
        output.WriteLine($"(m) GET /api/v1/instances over {r.Seeded.Count} finished workflows ({r.Seeded.Completed} Completed, {r.Seeded.Failed} Failed; seeded in {r.Seeded.Seconds:0.0} s), sequential requests, reader key");
        foreach (FilterTiming f in r.Filters)
        {
            string page = f.Name == "summary" ? $"{f.FirstPageItems} rows read{(f.FirstPageHasToken ? ", incomplete" : string.Empty)}" : $"first page {f.FirstPageItems} items{(f.FirstPageHasToken ? " + token" : string.Empty)}";
            output.WriteLine($"    {f.Name,-26} n {f.Latency.Count}   p50 {f.Latency.P50:0.0} ms   p95 {f.Latency.P95:0.0} ms   max {f.Latency.Max:0.0} ms   ({page})");
        }

        ReportWriter.Observed(output, observed);
        output.WriteLine();
    }

    /// <summary>Trivial orchestrators under the product's names, so the list's workflow filter (id prefix and name) finds them as it finds real ones.</summary>
    private static void Register(DurableTaskRegistry registry)
    {
        foreach (string name in new[] { "DealToInvoiceOrchestrator", "OnboardingOrchestrator" })
        {
            registry.AddOrchestratorFunc<int, int>(name, (_, n) =>
                n % FailEvery == 0 ? throw new InvalidOperationException($"seeded failure {n}") : Task.FromResult(n));
        }
    }
}
