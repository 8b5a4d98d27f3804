namespace Integration.Bench.Hosting;

/// <summary>Samples a process's VmRSS every second, so the report can give the largest resident set seen alongside the kernel's VmHWM.</summary>
public sealed class MemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private long maxBytes;
    private int samples;

    private MemorySampler(int pid) => loop = SampleAsync(pid, stop.Token);

    /// <summary>The largest VmRSS sampled so far, in bytes (0 before the first sample).</summary>
    public long MaxBytes => Interlocked.Read(ref maxBytes);

    public int Samples => Volatile.Read(ref samples);

    public static MemorySampler Start(int pid) => new(pid);

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        stop.Dispose();
    }

    private async Task SampleAsync(int pid, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        do
        {
            if (ProcStatus.ReadBytes(pid, ProcStatus.ResidentSet) is long rss)
            {
                Interlocked.Increment(ref samples);
                if (rss > Interlocked.Read(ref maxBytes))
                {
                    Interlocked.Exchange(ref maxBytes, rss);
                }
            }
        }
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
    }
}
