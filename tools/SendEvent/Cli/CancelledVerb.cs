namespace Integration.SendEvent.Cli;

/// <summary>"cancelled": takes a termination back in the sandbox HR (active, Full-Time, no termination date) and sends BambooHR's employee.updated.</summary>
public sealed class CancelledVerb(TimeProvider? clock = null, TextWriter? log = null) : ISendVerb
{
    /// <inheritdoc />
    public string Name => "cancelled";

    /// <inheritdoc />
    public string Summary => "cancels an employee's termination in the sandbox HR, then BambooHR employee.updated to /hr (bamboohr)";

    /// <inheritdoc />
    public string Usage => "--employee <id> " + HrDeliveries.SandboxUsage;

    /// <inheritdoc />
    public IReadOnlyCollection<string> Options { get; } = [HrDeliveries.EmployeeOption, HrDeliveries.SandboxOption];

    /// <summary>The HR fields of an employee whose termination was taken back.</summary>
    public static IReadOnlyDictionary<string, string> ReinstatedFields { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["terminationDate"] = string.Empty,
        ["terminationTime"] = string.Empty,
        ["status"] = "Active",
        ["employmentHistoryStatus"] = "Full-Time",
    };

    /// <inheritdoc />
    public Func<WebhookSender, CancellationToken, Task<HttpResponseMessage>> Prepare(CliArguments args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string id = HrDeliveries.EmployeeId(args);
        TimeProvider time = clock ?? TimeProvider.System;
        return HrDeliveries.Prepare(args, async (hr, ct) =>
        {
            if (await hr.EmployeeAsync(id, ct).ConfigureAwait(false) is null)
            {
                throw new HttpRequestException($"The sandbox HR has no employee {id}; send 'hired' or 'terminated' for them first.");
            }

            await hr.PutEmployeeAsync(id, ReinstatedFields, ct).ConfigureAwait(false);
            await (log ?? Console.Out).WriteLineAsync($"sandbox HR: employee {id} termination cancelled (Active, Full-Time)").ConfigureAwait(false);
            return SampleEvents.BambooHrEvent("employee.updated", id, HrDeliveries.EmploymentFields, time.GetUtcNow());
        });
    }
}
