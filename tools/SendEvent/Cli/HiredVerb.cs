using Integration.SendEvent.Scenarios;

namespace Integration.SendEvent.Cli;

/// <summary>"hired": puts a new active employee into the sandbox HR and sends BambooHR's employee.created, the event that starts onboarding.</summary>
public sealed class HiredVerb(TimeProvider? clock = null, TextWriter? log = null) : ISendVerb
{
    /// <inheritdoc />
    public string Name => "hired";

    /// <inheritdoc />
    public string Summary => "seeds an active employee (hired today) in the sandbox HR, then BambooHR employee.created to /hr (bamboohr)";

    /// <inheritdoc />
    public string Usage =>
        "--employee <id> [--email <e>] [--first <f>] [--last <l>] [--department <d>] [--github-username <u>] " + HrDeliveries.SandboxUsage;

    /// <inheritdoc />
    public IReadOnlyCollection<string> Options { get; } =
        [HrDeliveries.EmployeeOption, "email", "first", "last", "department", "github-username", HrDeliveries.SandboxOption];

    /// <inheritdoc />
    public Func<WebhookSender, CancellationToken, Task<HttpResponseMessage>> Prepare(CliArguments args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string id = HrDeliveries.EmployeeId(args);
        SampleEmployee defaults = SampleEmployee.For(id);
        var person = new SampleEmployee(
            id,
            HrDeliveries.TextOr(args, "email", defaults.Email),
            HrDeliveries.TextOr(args, "first", defaults.FirstName),
            HrDeliveries.TextOr(args, "last", defaults.LastName),
            HrDeliveries.TextOr(args, "department", defaults.Department),
            HrDeliveries.TextOr(args, "github-username", defaults.GitHubUsername));
        if (!person.Email.Contains('@', StringComparison.Ordinal))
        {
            throw new CliUsageException($"--email must be an e-mail address, not '{person.Email}'.");
        }

        TimeProvider time = clock ?? TimeProvider.System;
        return HrDeliveries.Prepare(args, async (hr, ct) =>
        {
            DateTimeOffset now = time.GetUtcNow();
            await hr.PutEmployeeAsync(id, person.ActiveHrFields(DateOnly.FromDateTime(now.UtcDateTime)), ct).ConfigureAwait(false);
            await (log ?? Console.Out).WriteLineAsync($"sandbox HR: employee {id} {person.FirstName} {person.LastName} <{person.Email}> hired today, {person.Department}").ConfigureAwait(false);
            return SampleEvents.BambooHrEvent("employee.created", id, timestamp: now);
        });
    }
}
