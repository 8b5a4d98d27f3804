namespace Integration.Tests.System.Infrastructure;

/// <summary>Polls a condition until it holds or a deadline passes; the failure names what was awaited.</summary>
public static class Eventually
{
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(done);
        DateTime deadline = DateTime.UtcNow + timeout;
        T last = await probe();
        while (!done(last))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}; last value: {last}");
            }

            await Task.Delay(200);
            last = await probe();
        }

        return last;
    }
}
