using System.Globalization;
using Integration.Bench.Measurement;
using Integration.Bench.Raw;
using Integration.Bench.Scenarios;

namespace Integration.Bench.Reporting;

/// <summary>Prints each phase's figures as soon as it ends, so a failed run still shows what it measured (Program sets the invariant culture).</summary>
public static class ReportWriter
{
    public static void Storage(TextWriter output, StorageProbeResult r, PhaseObservation observed)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(r);
        Line(output, $"(s) Storage baseline (diagnostic) - {r.Senders} concurrent loops for {r.Seconds:0.0} s straight to Azurite, host idle;");
        Line(output, "    each loop iteration = the ingress's 3 storage calls: table point read, queue put, table upsert");
        Line(output, $"    sequences/s      {r.SequencesPerSecond:0.0}   (errors: {r.Errors})");
        Line(output, $"    latency ms       p50 {r.Latency.P50:0.00}   p95 {r.Latency.P95:0.00}   p99 {r.Latency.P99:0.00}   max {r.Latency.Max:0.00}");
        Observed(output, observed);
        output.WriteLine();
    }

    public static void Ingress(TextWriter output, IngressResult r, PhaseObservation observed)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(r);
        Line(output, $"(a) Webhook acceptance - {r.Senders} concurrent senders for {r.Seconds:0.0} s (after an unmeasured warm-up; last answer at {r.TailSeconds:0.0} s)");
        Line(output, $"    events: signed HubSpot deal.propertyChange '{IngressBenchmark.IgnoredProperty}' deliveries, unique event ids;");
        Line(output, "    they route to no workflow, so this measures ingress only: verify, normalise, dedupe, queue, 202.");
        Line(output, $"    requests         {r.Latency.Count} started, {r.AnsweredInWindow} answered inside the window");
        Line(output, $"    requests/s       {r.RequestsPerSecond:0.0}   (answered inside the window / window)");
        Line(output, $"    latency ms       p50 {r.Latency.P50:0.00}   p95 {r.Latency.P95:0.00}   p99 {r.Latency.P99:0.00}   max {r.Latency.Max:0.00}   mean {r.Latency.Mean:0.00}   (> 1 s: {r.OverOneSecond})");
        Line(output, $"    non-202 answers  {r.NonAccepted}{(r.NonAccepted == 0 ? string.Empty : "   " + string.Join(", ", r.Answers.Select(a => $"{a.Key}: {a.Value}")))}");
        Line(output, $"    target p99 < {BenchResults.P99TargetMs:0} ms: {(r.Latency.P99 < BenchResults.P99TargetMs ? "met" : "MISSED")}");
        Observed(output, observed);
        output.WriteLine();
    }

    public static void Drain(TextWriter output, (int Backlog, TimeSpan Took, bool Drained) d)
    {
        ArgumentNullException.ThrowIfNull(output);
        Line(output, d.Drained
            ? $"    (the host dispatched the acceptance backlog of ~{d.Backlog} queued events in {d.Took.TotalSeconds:0.0} s before (b) started)"
            : $"    WARNING: the events queue still held messages after {d.Took.TotalSeconds:0} s (first seen: {d.Backlog}); (b) competes with them");
        output.WriteLine();
    }

    public static void EndToEnd(TextWriter output, EndToEndResult r, PhaseObservation observed)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(r);
        var c = r.Completion;
        Line(output, $"(b) End to end - {r.Deals} deal closed-won webhooks, {r.Concurrency} concurrent senders, clock from the first send");
        Line(output, $"    all accepted in  {r.SendSeconds:0.00} s   (not 202 after 3 tries: {r.RejectedSends})");
        Line(output, $"    orchestrations   completed {c.Completed}, failed/terminated {c.Failed}, unfinished {c.Pending}");
        Line(output, $"    elapsed          {c.Elapsed.TotalSeconds:0.00} s to the last completion (engine timestamp); seen after {c.DetectedAfter.TotalSeconds:0.00} s ({c.Method})");
        Line(output, $"    workflows/s      {r.WorkflowsPerSecond:0.00}");
        Line(output, $"    per deal, ms     202 -> orchestration created: p50 {r.DispatchDelays.P50:0}  p95 {r.DispatchDelays.P95:0}  max {r.DispatchDelays.Max:0}");
        Line(output, $"                     created -> completed:         p50 {c.RunTimes.P50:0}  p95 {c.RunTimes.P95:0}  max {c.RunTimes.Max:0}");
        if (r.Io is { } io)
        {
            var perDeal = string.Join(", ", io.VendorCalls.Where(p => p.Value > 0).Select(p => $"{p.Key} {p.Value / (double)r.Deals:0.0}"));
            Line(output, $"    product I/O      per workflow: vendor API calls {perDeal}; ApiCallLog rows {io.ApiLogRows / (double)r.Deals:0.0} (the baseline (c) has neither)");
        }

        if (r.Sandbox is { } s)
        {
            Line(output, $"    sandbox check    invoices in QuickBooks: {s.TotalInvoices} (expected {s.Expected}); deals with exactly one invoice: {s.DealsWithOneInvoice}; " +
                $"with duplicates: {s.DealsWithDuplicates}; deals patched with their erp_invoice_id: {s.DealsPatched} -> {(s.Passed ? "PASS" : "FAIL")}");
        }
        else
        {
            Line(output, "    sandbox check    not run (orchestrations unfinished)");
        }

        Line(output, $"    result           {(r.Passed ? "PASS" : "FAIL")}");
        Observed(output, observed);
        output.WriteLine();
    }

    public static void Raw(TextWriter output, RawEngineResult r, PhaseObservation observed)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(r);
        var c = r.Completion;
        Line(output, $"(c) Raw engine baseline - {r.Orchestrations} no-op orchestrations x {NoopWorkflow.ActivityCount} no-op activities, {r.Concurrency} concurrent starts,");
        Line(output, "    same Azurite, own task hub, same host.json engine settings, in the bench process (product host idle), after a warm-up wave");
        Line(output, $"    all started in   {r.StartSeconds:0.00} s");
        Line(output, $"    orchestrations   completed {c.Completed}, failed/terminated {c.Failed}, unfinished {c.Pending}");
        Line(output, $"    elapsed          {c.Elapsed.TotalSeconds:0.00} s to the last completion; seen after {c.DetectedAfter.TotalSeconds:0.00} s");
        Line(output, $"    orchestrations/s {r.OrchestrationsPerSecond:0.00}");
        Line(output, $"    per instance, ms created -> completed: p50 {c.RunTimes.P50:0}  p95 {c.RunTimes.P95:0}  max {c.RunTimes.Max:0}");
        Observed(output, observed);
        output.WriteLine();
    }

    public static void BatchAcknowledge(TextWriter output, BatchAcknowledgeResult r, PhaseObservation observed)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(r);
        Line(output, $"(k) HubSpot batch acknowledge - {r.Batches} signed deliveries of {r.BatchSize} events each, one after another (after one unmeasured batch)");
        Line(output, $"    events: deal.propertyChange '{IngressBenchmark.IgnoredProperty}' (no workflow); HubSpot retries the whole batch when it waits over ~{BatchAcknowledgeResult.HubSpotTimeoutMs / 1000:0} s");
        Line(output, $"    send -> 202 ms   p50 {r.Acknowledge.P50:0.0}   p95 {r.Acknowledge.P95:0.0}   max {r.Acknowledge.Max:0.0}   mean {r.Acknowledge.Mean:0.0}   ({r.Acknowledge.Mean / r.BatchSize:0.00} ms per event)");
        Line(output, $"    repeat           the last batch again: {r.RepeatMilliseconds:0.0} ms, all {r.BatchSize} answered duplicate: {(r.Problems.Any(p => p.Contains("duplicates (expected " + r.BatchSize, StringComparison.Ordinal)) ? "NO" : "yes")}");
        Line(output, $"    check            {r.Events - r.Unrecorded} of {r.Events} events have their ReceivedEvents row (written after queueing); {r.Problems.Count} problem(s) -> {(r.Passed ? "PASS" : "FAIL")}");
        foreach (var problem in r.Problems.Take(5))
        {
            Line(output, "    problem          " + problem);
        }

        Observed(output, observed);
        output.WriteLine();
    }

    public static void IntakeGrowth(TextWriter output, IntakeGrowthResult r, PhaseObservation observed)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(r);
        Line(output, $"(l) Intake as ReceivedEvents grows - the (a) run ({r.Before.Senders} senders, {r.Before.Seconds:0} s) before and after {r.FillRows} more deliveries were recorded");
        Line(output, $"    (rows written through the product's ReceivedEventStore in {r.FillTook.TotalSeconds:0.0} s, not over HTTP)");
        Line(output, $"    before           {r.RowsBefore} rows: {r.Before.RequestsPerSecond:0.0} req/s; p50 {r.Before.Latency.P50:0.0} ms, p99 {r.Before.Latency.P99:0.0} ms; missed lookup alone p50 {r.LookupBefore.P50:0.00} ms, p95 {r.LookupBefore.P95:0.00} ms");
        Line(output, $"    after            {r.RowsAfter} rows: {r.After.RequestsPerSecond:0.0} req/s; p50 {r.After.Latency.P50:0.0} ms, p99 {r.After.Latency.P99:0.0} ms; missed lookup alone p50 {r.LookupAfter.P50:0.00} ms, p95 {r.LookupAfter.P95:0.00} ms");
        Line(output, $"    ratio            {r.Ratio:0.00}   target >= {IntakeGrowthResult.RatioTarget:0.0} (within 10%): {(r.Ratio >= IntakeGrowthResult.RatioTarget ? "met" : "MISSED")}   (non-202: {r.Before.NonAccepted} / {r.After.NonAccepted})");
        Observed(output, observed);
        output.WriteLine();
    }

    public static void Ratio(TextWriter output, double? ratio)
    {
        ArgumentNullException.ThrowIfNull(output);
        Line(output, ratio is { } x
            ? $"(d) Ratio (b)/(c)  {x:0.00}   target >= {BenchResults.RatioTarget:0.0}: {(x >= BenchResults.RatioTarget ? "met" : "MISSED")}"
            : "(d) Ratio (b)/(c)  n/a (a phase did not complete)");
        output.WriteLine();
    }

    public static void Memory(TextWriter output, BenchResults results)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(results);
        Line(output, $"(e) Host memory    peak working set (VmHWM) {MiB(results.PeakWorkingSet)} MiB; largest VmRSS sampled every 1 s {MiB(results.MaxSampledRss)} MiB");
        output.WriteLine();
    }

    internal static void Observed(TextWriter output, PhaseObservation observed)
    {
        ArgumentNullException.ThrowIfNull(observed);
        var wait = observed.StorageWait;
        Line(output, $"    Azurite answer   to a trivial call, sampled 1/s: p50 {wait.P50:0} ms  p95 {wait.P95:0} ms  max {wait.Max:0} ms ({wait.Count} samples)");
        if (observed.Cpu.Count > 0)
        {
            Line(output, "    CPU, cores used  " + string.Join("   ", observed.Cpu.Select(u => $"{u.Name} {u.Cores:0.00}")) + $"   (of {Environment.ProcessorCount})");
        }
    }

    public static string MiB(long? bytes) =>
        bytes is { } b ? (b / 1024.0 / 1024.0).ToString("0", CultureInfo.InvariantCulture) : "n/a";

    private static void Line(TextWriter output, string text) => output.WriteLine(text);
}
