namespace Integration.Sandbox.Infrastructure;

/// The one "same key, same answer" rule QuickBooks' requestid and Xero's Idempotency-Key share.
internal static class IdempotentReplay
{
    /// <summary>
    /// Under <paramref name="gate"/>: the answer already given for <paramref name="key"/> (status and body,
    /// errors included) without running the write again; else runs <paramref name="write"/> and records its answer.
    /// A null key always runs the write and records nothing.
    /// </summary>
    public static VendorResponse Run(Lock gate, Dictionary<string, VendorResponse> answered, string? key, Func<VendorResponse> write)
    {
        lock (gate)
        {
            if (key is not null && answered.TryGetValue(key, out var original))
            {
                return original;
            }

            var response = write();
            if (key is not null)
            {
                answered[key] = response;
            }

            return response;
        }
    }
}
