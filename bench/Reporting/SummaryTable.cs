using Integration.Bench.Scenarios;

namespace Integration.Bench.Reporting;

/// <summary>The final block: a Markdown table of the figures with the machine and date, ready to paste into docs/benchmarks.md or the README.</summary>
public static class SummaryTable
{
    public static void Write(TextWriter output, BenchResults results, BenchOptions options, MachineInfo machine, DateTimeOffset date)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(machine);
        output.WriteLine("---- paste below ----");
        var azurite = options.AzuriteMode == "memory" ? "in memory" : "on disk (fresh directory)";
        output.WriteLine($"Run of {date:yyyy-MM-dd HH:mm} UTC on {machine}; Azurite {azurite} on the same machine.");
        output.WriteLine();
        output.WriteLine("| Figure | Result | Target |");
        output.WriteLine("|---|---|---|");

        if (results.Storage is { } st)
        {
            output.WriteLine($"| (s) Azurite alone: the ingress's 3 storage calls, {st.Senders} loops (diagnostic) | {st.SequencesPerSecond:0} sequences/s; p50 {st.Latency.P50:0.0} ms, p99 {st.Latency.P99:0.0} ms | |");
        }

        if (results.Ingress is { } a)
        {
            output.WriteLine($"| (a) Webhook acceptance, {a.Senders} senders, {a.Seconds:0} s (ingress only) | {a.RequestsPerSecond:0} req/s; p50 {a.Latency.P50:0.0} ms, p95 {a.Latency.P95:0.0} ms, p99 {a.Latency.P99:0.0} ms, max {a.Latency.Max:0.0} ms | p99 < {BenchResults.P99TargetMs:0} ms: {Verdict(a.Latency.P99 < BenchResults.P99TargetMs)} |");
            output.WriteLine($"| (a) Answers other than 202 | {a.NonAccepted} of {a.Latency.Count} | 0: {Verdict(a.NonAccepted == 0)} |");
        }
        else
        {
            output.WriteLine("| (a) Webhook acceptance | not run | |");
        }

        if (results.EndToEnd is { } b)
        {
            output.WriteLine($"| (b) End to end, {b.Deals} closed deals, webhook to invoice + CRM patch | {b.WorkflowsPerSecond:0.00} workflows/s ({b.Completion.Elapsed.TotalSeconds:0.0} s) | |");
            var s = b.Sandbox;
            output.WriteLine($"| (b) Checks | {b.Completion.Completed} completed, {b.Completion.Failed} failed, {b.Completion.Pending} unfinished; " +
                $"{s?.TotalInvoices.ToString() ?? "?"} invoices, {s?.DealsWithDuplicates.ToString() ?? "?"} duplicated, {s?.DealsPatched.ToString() ?? "?"} deals patched | all {b.Deals}: {Verdict(b.Passed)} |");
        }
        else
        {
            output.WriteLine("| (b) End to end | not run | |");
        }

        output.WriteLine(results.Raw is { } c
            ? $"| (c) Raw engine, {c.Orchestrations} no-op orchestrations x 4 no-op activities | {c.OrchestrationsPerSecond:0.00} orchestrations/s ({c.Completion.Elapsed.TotalSeconds:0.0} s) | |"
            : "| (c) Raw engine | not run | |");
        output.WriteLine(results.Ratio is { } d
            ? $"| (d) Ratio (b)/(c) | {d:0.00} | >= {BenchResults.RatioTarget:0.0}: {Verdict(d >= BenchResults.RatioTarget)} |"
            : "| (d) Ratio (b)/(c) | n/a | |");
        if (results.Observed.GetValueOrDefault("b") is { } ob && results.Observed.GetValueOrDefault("c") is { } oc)
        {
            output.WriteLine($"| Azurite during (b) / (c) (diagnostic) | {ob.CoresOf("azurite"):0.00} / {oc.CoresOf("azurite"):0.00} cores busy; " +
                $"trivial call p50 {ob.StorageWait.P50:0} / {oc.StorageWait.P50:0} ms, max {ob.StorageWait.Max:0} / {oc.StorageWait.Max:0} ms | |");
        }

        if (results.BatchAcknowledge is { } k)
        {
            output.WriteLine($"| (k) HubSpot batch of {k.BatchSize} events acknowledged, {k.Batches} batches one at a time | p50 {k.Acknowledge.P50:0} ms, p95 {k.Acknowledge.P95:0} ms, max {k.Acknowledge.Max:0} ms; checks {(k.Passed ? "passed" : "**failed**")} | well under 1 s: {Verdict(k.Acknowledge.P95 < 1000)} |");
        }

        if (results.IntakeGrowth is { } l)
        {
            output.WriteLine($"| (l) Intake after {l.FillRows} more accepted events / intake before ({l.RowsBefore} -> {l.RowsAfter} ReceivedEvents rows) | {l.Ratio:0.00} ({l.Before.RequestsPerSecond:0} -> {l.After.RequestsPerSecond:0} req/s; missed lookup p50 {l.LookupBefore.P50:0.00} -> {l.LookupAfter.P50:0.00} ms) | >= {IntakeGrowthResult.RatioTarget:0.0}: {Verdict(l.Ratio >= IntakeGrowthResult.RatioTarget)} |");
        }

        output.WriteLine($"| (e) Host peak working set (VmHWM) | {ReportWriter.MiB(results.PeakWorkingSet)} MiB (largest 1 s VmRSS sample {ReportWriter.MiB(results.MaxSampledRss)} MiB) | |");
        output.WriteLine();
        output.WriteLine($"Load average (1 min) at start {results.Load.AtStart}, at end {results.Load.AtEnd ?? "n/a"}.");
        output.WriteLine($"Command: `bash bench/run.sh --senders {options.Senders} --seconds {options.Seconds} --deals {options.Deals} --concurrency {options.Concurrency}{(options.Phases == "all" ? string.Empty : " --phases " + options.Phases)}`");
        output.WriteLine("---- paste above ----");
    }

    private static string Verdict(bool met) => met ? "met" : "**missed**";
}
