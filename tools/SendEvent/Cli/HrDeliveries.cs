using System.Globalization;
using Integration.SendEvent.Scenarios;

namespace Integration.SendEvent.Cli;

/// <summary>What the HR verbs share: the employee and sandbox options, and a send that updates the sandbox HR once and then posts a signed BambooHR delivery to "hr".</summary>
public static class HrDeliveries
{
    public const string EmployeeOption = "employee";
    public const string SandboxOption = "sandbox";

    /// <summary>The changedFields of the termination and cancellation deliveries (the employment fields the product watches).</summary>
    public static readonly IReadOnlyList<string> EmploymentFields = ["status", "employmentHistoryStatus", "terminationDate", "terminationTime"];

    /// <summary>The usage text of <see cref="SandboxOption"/>.</summary>
    public static string SandboxUsage => $"[--{SandboxOption} <url, default {SandboxCrm.DefaultSandboxUrl}>]";

    /// <summary>The BambooHR employee id: a positive whole number, as BambooHR's ids are.</summary>
    public static string EmployeeId(CliArguments args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string text = args.Require(EmployeeOption);
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long id) && id > 0
            ? id.ToString(CultureInfo.InvariantCulture)
            : throw new CliUsageException($"--{EmployeeOption} must be a positive whole number (a BambooHR employee id), not '{text}'.");
    }

    /// <summary>The sandbox base URL the HR records are seeded through.</summary>
    public static string SandboxUrl(CliArguments args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string sandbox = args.Get(SandboxOption) ?? SandboxCrm.DefaultSandboxUrl;
        return Uri.TryCreate(sandbox, UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? sandbox
            : throw new CliUsageException($"--{SandboxOption} must be an absolute http(s) URL, not '{sandbox}'.");
    }

    /// <summary>
    /// The per-repetition send. The sandbox work (<paramref name="prepare"/>, which returns the delivery body) runs on
    /// the first send only; every repetition posts that same body, so --repeat is a redelivery (BambooHR sends no delivery id).
    /// </summary>
    public static Func<WebhookSender, CancellationToken, Task<HttpResponseMessage>> Prepare(
        CliArguments args, Func<SandboxHr, CancellationToken, Task<byte[]>> prepare)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(prepare);
        string sandbox = SandboxUrl(args);
        string? secret = args.Get(CommonOptions.Secret);
        if (secret is { Length: 0 })
        {
            throw new CliUsageException("--secret must not be empty.");
        }

        Task<byte[]>? body = null;
        return async (sender, ct) =>
        {
            body ??= prepare(new SandboxHr(sender.Http, sandbox), ct);
            byte[] bytes = await body.ConfigureAwait(false);
            return await sender.SendHrAsync(bytes, secret, cancellationToken: ct).ConfigureAwait(false);
        };
    }

    /// <summary>An optional text option: its value, or <paramref name="fallback"/> when not given; a usage error when given blank.</summary>
    public static string TextOr(CliArguments args, string name, string fallback)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? value = args.Get(name);
        return value switch
        {
            null => fallback,
            _ when string.IsNullOrWhiteSpace(value) => throw new CliUsageException($"--{name} must not be empty."),
            _ => value.Trim(),
        };
    }
}
