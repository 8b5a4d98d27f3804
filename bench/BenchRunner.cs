using Integration.Activities.Calendar;
using Integration.Activities.Queueing;
using Integration.Activities.Storage;
using System.Globalization;
using Integration.Bench.Hosting;
using Integration.Bench.Measurement;
using Integration.Bench.Raw;
using Integration.Bench.Reporting;
using Integration.Bench.Scenarios;
using Integration.DevHost.Hosting;
using Integration.SendEvent;
using Microsoft.Extensions.Configuration;

namespace Integration.Bench;

/// <summary>
/// One benchmark run, phase by phase: start the host as a child process, (a) acceptance, drain,
/// (b) end to end, (c) raw engine while the host idles, (d) ratio, offboarding (f, g), intake growth (l)
/// and batch acknowledge (k), (e) memory, then the summary.
/// The child is killed whatever happens; the exit code is 0 only when every check passed.
/// </summary>
public static class BenchRunner
{
    private static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(BenchOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        var date = DateTimeOffset.UtcNow;
        var stamp = date.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        var names = StorageNames.For("bench" + stamp);
        var machine = MachineInfo.Current();
        var results = new BenchResults();
        var timeout = TimeSpan.FromMinutes(options.TimeoutMinutes);
        results.Load = (MachineInfo.LoadAverage(), null);

        output.WriteLine($"Integration benchmark - {date:yyyy-MM-dd HH:mm:ss} UTC");
        output.WriteLine($"machine  {machine}; load average (1 min) {results.Load.AtStart}");
        output.WriteLine($"host     {options.HostDll} (log: {options.HostLog})");
        output.WriteLine($"storage  Azurite ({options.AzuriteMode}) on 127.0.0.1:{options.AzuritePort}-{options.AzuritePort + 2}");
        output.WriteLine($"ports    api {options.ApiPort}, grpc {options.GrpcPort}, sandbox {options.SandboxPort}, raw engine grpc {options.RawGrpcPort}; task hubs bench{stamp}, benchraw{stamp}");
        output.WriteLine();

        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromSeconds(30) };
        var apiBase = $"http://127.0.0.1:{options.ApiPort}";
        var sandbox = new Uri($"http://127.0.0.1:{options.SandboxPort}");
        HostProcess? host = null;
        MemorySampler? sampler = null;
        try
        {
            InstanceListBenchmark.Seeded? seeded = null;
            if (options.Phases == "list")
            {
                // Seeded before the host starts: a second engine on the hub would compete for its control queues.
                var engine = HostJsonSettings.Load(Path.Combine(Path.GetDirectoryName(options.HostDll)!, "host.json")).DurableTask;
                seeded = await InstanceListBenchmark.SeedAsync(options.Storage, names.TaskHub, options.RawGrpcPort, engine, options.ListInstances, options.Concurrency, timeout, output, cancellationToken).ConfigureAwait(false);
            }

            host = HostProcess.Start(options.HostDll, HostEnvironment(options, names.TaskHub), options.HostLog);
            if (options.HostPidFile is { } pidFile)
            {
                await File.WriteAllTextAsync(pidFile, host.Id.ToString(CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
            }

            if (!await host.WaitHealthyAsync(http, new Uri(apiBase + "/api/health"), HealthTimeout, cancellationToken).ConfigureAwait(false))
            {
                results.Failures.Add($"the host did not answer GET /api/health with 200 within {HealthTimeout.TotalSeconds:0} s (exited: {host.HasExited}); see {options.HostLog}");
                return Finish(output, results, options, machine, date);
            }

            sampler = MemorySampler.Start(host.Id);
            var cpu = new CpuMeter(Processes(options, host.Id));
            output.WriteLine($"host pid {host.Id} healthy");
            output.WriteLine();
            var sender = new WebhookSender(http, apiBase);
            if (seeded is not null)
            {
                (var list, var listObserved) = await PhaseObservation.ObserveAsync(cpu, options.Storage, () => InstanceListBenchmark.RunAsync(
                    http, apiBase, seeded, options.ListRequests, cancellationToken)).ConfigureAwait(false);
                InstanceListBenchmark.Write(output, list, listObserved);
                results.Failures.AddRange(list.Problems.Take(5).Select(p => "(m) " + p));
                return Finish(output, results, options, machine, date, host, sampler);
            }

            if (options.Phases == "orders")
            {
                // The raw engine first, in the same run, as the yardstick the order figures are read against.
                var rawHub = HostJsonSettings.Load(Path.Combine(Path.GetDirectoryName(options.HostDll)!, "host.json")).DurableTask;
                (results.Raw, var rawObserved) = await PhaseObservation.ObserveAsync(cpu, options.Storage, () => RawEngineBenchmark.RunAsync(
                    options.Storage, "benchraw" + stamp, options.RawGrpcPort, rawHub, options.Deals, options.Concurrency, timeout, cancellationToken)).ConfigureAwait(false);
                results.Observed["c"] = rawObserved;
                ReportWriter.Raw(output, results.Raw, rawObserved);
                await RunOrdersAsync(options, output, results, cpu, http, sender, sandbox, timeout, cancellationToken).ConfigureAwait(false);
                return Finish(output, results, options, machine, date, host, sampler);
            }

            if (options.Phases == "offboarding")
            {
                await RunOffboardingAsync(options, output, results, http, sender, sandbox, timeout, cancellationToken).ConfigureAwait(false);
                return Finish(output, results, options, machine, date, host, sampler);
            }

            (results.Storage, var observed) = await PhaseObservation.ObserveAsync(cpu, options.Storage, () => StorageProbe.RunAsync(
                options.Storage, "benchprobe" + stamp, options.Senders, TimeSpan.FromSeconds(Math.Min(options.Seconds, 5)), cancellationToken)).ConfigureAwait(false);
            results.Observed["s"] = observed;
            ReportWriter.Storage(output, results.Storage, observed);

            (results.Ingress, observed) = await PhaseObservation.ObserveAsync(cpu, options.Storage, () => IngressBenchmark.RunAsync(
                sender, options.Senders, TimeSpan.FromSeconds(options.WarmupSeconds), TimeSpan.FromSeconds(options.Seconds), cancellationToken)).ConfigureAwait(false);
            results.Observed["a"] = observed;
            ReportWriter.Ingress(output, results.Ingress, observed);

            results.Drain = await QueueDrain.WaitAsync(options.Storage, names.EventsQueue, timeout, cancellationToken).ConfigureAwait(false);
            ReportWriter.Drain(output, results.Drain.Value);
            if (options.Phases == "intake")
            {
                await RunIntakeAsync(options, names, output, results, cpu, sender, timeout, cancellationToken).ConfigureAwait(false);
                return Finish(output, results, options, machine, date, host, sampler);
            }

            await using (var remote = RemoteEngineClient.Connect(options.GrpcPort))
            {
                var deals = Enumerable.Range(0, options.Deals).Select(i => (options.FirstDeal + i).ToString(CultureInfo.InvariantCulture)).ToArray();
                (results.EndToEnd, observed) = await PhaseObservation.ObserveAsync(cpu, options.Storage, () => EndToEndBenchmark.RunAsync(
                    sender, remote.Client, http, sandbox, options.Storage, names, deals, options.Concurrency, timeout, cancellationToken)).ConfigureAwait(false);
            }

            results.Observed["b"] = observed;
            ReportWriter.EndToEnd(output, results.EndToEnd, observed);
            if (results.EndToEnd.Completion.Pending > 0)
            {
                results.Failures.Add($"(b) timed out after {options.TimeoutMinutes} min with {results.EndToEnd.Completion.Pending} orchestrations unfinished; (c) skipped");
                return Finish(output, results, options, machine, date, host, sampler);
            }

            var hub = HostJsonSettings.Load(Path.Combine(Path.GetDirectoryName(options.HostDll)!, "host.json")).DurableTask;
            (results.Raw, observed) = await PhaseObservation.ObserveAsync(cpu, options.Storage, () => RawEngineBenchmark.RunAsync(
                options.Storage, "benchraw" + stamp, options.RawGrpcPort, hub, options.Deals, options.Concurrency, timeout, cancellationToken)).ConfigureAwait(false);
            results.Observed["c"] = observed;
            ReportWriter.Raw(output, results.Raw, observed);
            if (results.Raw.Completion.Pending > 0)
            {
                results.Failures.Add($"(c) timed out after {options.TimeoutMinutes} min with {results.Raw.Completion.Pending} orchestrations unfinished");
            }

            await RunOrdersAsync(options, output, results, cpu, http, sender, sandbox, timeout, cancellationToken).ConfigureAwait(false);
            await RunOffboardingAsync(options, output, results, http, sender, sandbox, timeout, cancellationToken).ConfigureAwait(false);
            await RunIntakeAsync(options, names, output, results, cpu, sender, timeout, cancellationToken).ConfigureAwait(false);

            return Finish(output, results, options, machine, date, host, sampler);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            results.Failures.Add($"{ex.GetType().Name}: {ex.Message}");
            output.WriteLine(ex);
            return Finish(output, results, options, machine, date, host, sampler);
        }
        finally
        {
            if (sampler is not null)
            {
                await sampler.DisposeAsync().ConfigureAwait(false);
            }

            host?.Dispose();
        }
    }

    /// <summary>(h), (i) and (j): orders from the three sandbox stores to the two sandbox warehouses, and stock back to the stores.</summary>
    private static async Task RunOrdersAsync(
        BenchOptions options, TextWriter output, BenchResults results, CpuMeter cpu, HttpClient http, WebhookSender sender, Uri sandbox, TimeSpan timeout, CancellationToken cancellationToken)
    {
        (List<string> failures, var observed) = await PhaseObservation.ObserveAsync(cpu, options.Storage, () => OrdersBenchmark.RunAsync(
            http, sender, sandbox, output, options.OrderSingles, options.BurstRate, options.BurstSeconds, options.StockChanges, timeout, cancellationToken)).ConfigureAwait(false);
        results.Observed["h"] = observed;
        output.WriteLine("    during (h)-(j):");
        ReportWriter.Observed(output, observed);
        output.WriteLine();
        results.Failures.AddRange(failures);
    }

    /// <summary>(f) and (g): offboarding against the fifteen sandbox identity targets; figures are printed as they come.</summary>
    private static async Task RunOffboardingAsync(
        BenchOptions options, TextWriter output, BenchResults results, HttpClient http, WebhookSender sender, Uri sandbox, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await using var remote = RemoteEngineClient.Connect(options.GrpcPort);
        results.Failures.AddRange(await OffboardingBenchmark.RunAsync(
            http, sender, sandbox, remote.Client, output, options.OffboardingRuns, options.Offboardings, options.Concurrency, timeout, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// (l) intake before and after the dedupe table grows (with --phases intake, after (s) and (a) only, so its first
    /// run finds about as many rows as (a) left); then (k) HubSpot batches of 100 acknowledged.
    /// </summary>
    private static async Task RunIntakeAsync(
        BenchOptions options, StorageNames names, TextWriter output, BenchResults results, CpuMeter cpu, WebhookSender sender, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var received = new ReceivedEventStore(new StorageClients(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [StorageClients.SettingName] = options.Storage,
                [TaskHubName.StandaloneSetting] = names.TaskHub,
            })
            .Build()));

        output.WriteLine($"(l) running: (a) before and after {options.FillRows} rows are recorded...");
        (results.IntakeGrowth, var observed) = await PhaseObservation.ObserveAsync(cpu, options.Storage, () => IntakeGrowthBenchmark.RunAsync(
            sender, options.Storage, names, received, options.FillRows, options.Senders, TimeSpan.FromSeconds(options.WarmupSeconds), TimeSpan.FromSeconds(options.Seconds),
            timeout, output.WriteLine, cancellationToken)).ConfigureAwait(false);
        results.Observed["l"] = observed;
        ReportWriter.IntakeGrowth(output, results.IntakeGrowth, observed);

        await QueueDrain.WaitAsync(options.Storage, names.EventsQueue, timeout, cancellationToken).ConfigureAwait(false);
        (results.BatchAcknowledge, observed) = await PhaseObservation.ObserveAsync(cpu, options.Storage, () => BatchAcknowledgeBenchmark.RunAsync(
            sender, received, options.Batches, cancellationToken)).ConfigureAwait(false);
        results.Observed["k"] = observed;
        ReportWriter.BatchAcknowledge(output, results.BatchAcknowledge, observed);
        results.Failures.AddRange(results.BatchAcknowledge.Problems.Take(5).Select(p => "(k) " + p));
    }

    /// <summary>The processes whose CPU time each phase reports: the host, Azurite when its pid is known, and the bench (which hosts (c)).</summary>
    private static Dictionary<string, int> Processes(BenchOptions options, int hostPid)
    {
        var processes = new Dictionary<string, int>(StringComparer.Ordinal) { ["host"] = hostPid };
        if (options.AzuritePidFile is { } file && File.Exists(file) &&
            int.TryParse(File.ReadAllText(file).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var azurite))
        {
            processes["azurite"] = azurite;
        }

        processes["bench"] = Environment.ProcessId;
        return processes;
    }

    /// <summary>The child host's settings: its own ports, the bench's Azurite, a fresh task hub, quiet logs.</summary>
    private static Dictionary<string, string> HostEnvironment(BenchOptions options, string taskHub) => new(
        BusinessCalendarOptions.AlwaysOpen.Select(s => KeyValuePair.Create(s.Key.Replace(":", "__", StringComparison.Ordinal), s.Value))
            .Concat(new Dictionary<string, string>
    {
        ["Standalone__ApiPort"] = options.ApiPort.ToString(CultureInfo.InvariantCulture),
        ["Standalone__GrpcPort"] = options.GrpcPort.ToString(CultureInfo.InvariantCulture),
        ["Sandbox__Port"] = options.SandboxPort.ToString(CultureInfo.InvariantCulture),
        ["Sandbox__Embedded"] = "true",
        ["Orders__Stock__PollInterval"] = "00:00:02",
        ["AzureWebJobsStorage"] = options.Storage,
        ["Engine__TaskHubName"] = taskHub,
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__Console__FormatterName"] = "simple",
        ["Logging__Console__FormatterOptions__SingleLine"] = "true",
        ["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ",
        ["Logging__Console__FormatterOptions__UseUtcTimestamp"] = "true",
        ["DOTNET_ENVIRONMENT"] = "Production",
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
    }), StringComparer.Ordinal);

    /// <summary>Reads the host's memory (before it is stopped), prints the ratio, memory, failures and the summary table.</summary>
    private static int Finish(
        TextWriter output, BenchResults results, BenchOptions options, MachineInfo machine, DateTimeOffset date, HostProcess? host = null, MemorySampler? sampler = null)
    {
        if (host is not null && !host.HasExited)
        {
            results.PeakWorkingSet = ProcStatus.ReadBytes(host.Id, ProcStatus.PeakResidentSet);
        }

        if (sampler is { Samples: > 0 })
        {
            results.MaxSampledRss = sampler.MaxBytes;
        }

        results.Load = (results.Load.AtStart, MachineInfo.LoadAverage());
        ReportWriter.Ratio(output, results.Ratio);
        ReportWriter.Memory(output, results);
        foreach (var failure in results.Failures)
        {
            output.WriteLine($"FAILURE: {failure}");
        }

        output.WriteLine(results.Passed ? "All checks passed." : "Some checks FAILED (see above).");
        output.WriteLine();
        SummaryTable.Write(output, results, options, machine, date);
        return results.Passed ? 0 : 1;
    }
}
