using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Integration.Activities.Storage;
using Integration.Bench.Measurement;
using Integration.Orchestrations.DealToInvoice;
using Integration.SendEvent;
using Microsoft.DurableTask.Client;

namespace Integration.Bench.Scenarios;

/// <summary>
/// (b) End to end: closes a batch of fresh deals by webhook and times from the first send until the
/// engine has completed every deal-invoice orchestration, then checks the sandbox vendors.
/// </summary>
public static class EndToEndBenchmark
{
    private const int SendAttempts = 3;

    public static async Task<EndToEndResult> RunAsync(
        WebhookSender sender,
        DurableTaskClient client,
        HttpClient http,
        Uri sandbox,
        string storage,
        StorageNames names,
        IReadOnlyList<string> dealIds,
        int concurrency,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dealIds);
        var vendorBefore = await ProductIo.VendorTotalsAsync(http, sandbox, cancellationToken).ConfigureAwait(false);
        var rejected = 0;
        var acceptedAt = new ConcurrentDictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var startedAt = DateTimeOffset.UtcNow;
        var start = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(
            dealIds,
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (dealId, ct) =>
            {
                if (await SendClosedAsync(sender, dealId, ct).ConfigureAwait(false))
                {
                    acceptedAt[DealToInvoiceOrchestrator.InstanceIdFor(dealId)] = DateTimeOffset.UtcNow;
                }
                else
                {
                    Interlocked.Increment(ref rejected);
                }
            }).ConfigureAwait(false);
        var sendSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;

        var instanceIds = dealIds.Select(DealToInvoiceOrchestrator.InstanceIdFor).ToArray();
        var completion = await CompletionWatcher.WaitAsync(
            client, DealToInvoiceOrchestrator.InstanceIdFor(string.Empty), instanceIds, startedAt, start, timeout, cancellationToken).ConfigureAwait(false);

        var finished = completion.Pending == 0;
        var sandboxCheck = finished ? await SandboxCheck.VerifyAsync(http, sandbox, dealIds, cancellationToken).ConfigureAwait(false) : null;
        var io = finished ? await ProductIo.MeasureAsync(http, sandbox, storage, names.ApiCallLogTable, vendorBefore, cancellationToken).ConfigureAwait(false) : null;
        var dispatchDelays = LatencySummary.Of(completion.Instances.Values
            .Where(m => acceptedAt.ContainsKey(m.InstanceId))
            .Select(m => (m.CreatedAt - acceptedAt[m.InstanceId]).TotalMilliseconds));
        return new EndToEndResult(dealIds.Count, concurrency, sendSeconds, rejected, completion, sandboxCheck, dispatchDelays, io);
    }

    /// <summary>Posts one closed-won delivery (a fresh event id per attempt); true once it is answered 202.</summary>
    private static async Task<bool> SendClosedAsync(WebhookSender sender, string dealId, CancellationToken cancellationToken)
    {
        var deal = long.Parse(dealId, NumberStyles.None, CultureInfo.InvariantCulture);
        for (var attempt = 1; attempt <= SendAttempts; attempt++)
        {
            try
            {
                using var response = await sender.SendCrmAsync(
                    SampleEvents.HubSpotDealClosedWon(deal, EventIds.NewEventId()), cancellationToken: cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    return true;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // No answer (or none within the client's timeout): retried below with a fresh event id;
                // if the first one was queued after all, the business-key instance id absorbs the duplicate.
            }

            await Task.Delay(200 * attempt, cancellationToken).ConfigureAwait(false);
        }

        return false;
    }
}
