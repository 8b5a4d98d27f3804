using System.Globalization;
using Integration.SendEvent.Scenarios;

namespace Integration.SendEvent.Cli;

/// <summary>
/// "terminated": enters a termination in the sandbox HR and sends BambooHR's employee.updated for the employment
/// fields, the event that starts offboarding. An employee the sandbox HR does not know is seeded first, with
/// accounts in every sandbox identity system, so there is something to revoke.
/// </summary>
public sealed class TerminatedVerb(TimeProvider? clock = null, TextWriter? log = null) : ISendVerb
{
    public const string AtOption = "at";
    public const string InOption = "in";

    private static readonly string[] InstantFormats =
    [
        "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    /// <inheritdoc />
    public string Name => "terminated";

    /// <inheritdoc />
    public string Summary =>
        "terminates an employee in the sandbox HR (seeding them and their identity accounts if unknown), then BambooHR employee.updated to /hr (bamboohr)";

    /// <inheritdoc />
    public string Usage => $"--employee <id> [--{AtOption} <ISO-8601 instant> | --{InOption} <seconds>] (default: now) " + HrDeliveries.SandboxUsage;

    /// <inheritdoc />
    public IReadOnlyCollection<string> Options { get; } = [HrDeliveries.EmployeeOption, AtOption, InOption, HrDeliveries.SandboxOption];

    /// <summary>The termination instant the options name: --at, or now plus --in seconds, or now.</summary>
    public static DateTimeOffset When(CliArguments args, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? at = args.Get(AtOption);
        string? delay = args.Get(InOption);
        if (at is not null && delay is not null)
        {
            throw new CliUsageException($"Give --{AtOption} or --{InOption}, not both.");
        }

        if (at is not null)
        {
            return DateTimeOffset.TryParseExact(at.Trim(), InstantFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset instant)
                ? instant
                : throw new CliUsageException($"--{AtOption} must be an ISO-8601 instant such as 2026-03-06T17:30:00Z, not '{at}'.");
        }

        if (delay is not null)
        {
            return int.TryParse(delay, NumberStyles.None, CultureInfo.InvariantCulture, out int seconds)
                ? now.AddSeconds(seconds)
                : throw new CliUsageException($"--{InOption} must be a whole number of seconds (0 or more), not '{delay}'.");
        }

        return now;
    }

    /// <summary>The HR fields of a termination at <paramref name="instant"/>: its UTC date and time of day, Terminated, Inactive.</summary>
    public static IReadOnlyDictionary<string, string> TerminationFields(DateTimeOffset instant)
    {
        DateTime utc = instant.UtcDateTime;
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["terminationDate"] = SampleEmployee.Date(DateOnly.FromDateTime(utc)),
            ["terminationTime"] = utc.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
            ["employmentHistoryStatus"] = "Terminated",
            ["status"] = "Inactive",
        };
    }

    /// <inheritdoc />
    public Func<WebhookSender, CancellationToken, Task<HttpResponseMessage>> Prepare(CliArguments args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string id = HrDeliveries.EmployeeId(args);
        TimeProvider time = clock ?? TimeProvider.System;
        When(args, time.GetUtcNow()); // the options are checked now; the instant is taken when the send runs
        return HrDeliveries.Prepare(args, async (hr, ct) =>
        {
            TextWriter output = log ?? Console.Out;
            DateTimeOffset now = time.GetUtcNow();
            DateTimeOffset instant = When(args, now);
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            if (await hr.EmployeeAsync(id, ct).ConfigureAwait(false) is null)
            {
                // Identity first: if it fails, the HR record is not there either and a re-run seeds both.
                SampleEmployee person = SampleEmployee.For(id);
                await hr.SeedIdentityAsync(person, ct).ConfigureAwait(false);
                foreach ((string name, string value) in person.ActiveHrFields(DateOnly.FromDateTime(now.UtcDateTime).AddYears(-1)))
                {
                    fields[name] = value;
                }

                await output.WriteLineAsync($"sandbox: seeded employee {id} <{person.Email}> in HR and in every identity system").ConfigureAwait(false);
            }

            foreach ((string name, string value) in TerminationFields(instant))
            {
                fields[name] = value;
            }

            await hr.PutEmployeeAsync(id, fields, ct).ConfigureAwait(false);
            await output.WriteLineAsync($"sandbox HR: employee {id} terminated effective {instant.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}").ConfigureAwait(false);
            return SampleEvents.BambooHrEvent("employee.updated", id, HrDeliveries.EmploymentFields, now);
        });
    }
}
