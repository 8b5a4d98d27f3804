using System.Text;

namespace Integration.SendEvent.Cli;

/// <summary>The command-line program as a testable class: parse, validate, send, print, and choose the exit code.</summary>
public static class SendEventCli
{
    /// <summary>Every response was 2xx (or help was printed).</summary>
    public const int ExitOk = 0;

    /// <summary>At least one send failed or got a non-2xx answer.</summary>
    public const int ExitFailed = 1;

    /// <summary>The arguments were wrong.</summary>
    public const int ExitUsage = 2;

    /// <summary>Parses and validates the arguments into a plan; null when help was asked for; a usage error otherwise.</summary>
    public static SendPlan? Plan(IReadOnlyList<string> args)
    {
        var parsed = CliParser.Parse(args);
        if (parsed.Verb == CliParser.HelpVerb)
        {
            return null;
        }

        var verb = SendVerbs.Find(parsed.Verb) ?? throw new CliUsageException($"Unknown verb '{parsed.Verb}'.");
        if (parsed.HelpRequested)
        {
            return null;
        }

        foreach (var name in parsed.Options.Keys)
        {
            if (!CommonOptions.All.Contains(name, StringComparer.OrdinalIgnoreCase) && !verb.Options.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                throw new CliUsageException($"'{verb.Name}' does not accept --{name}.");
            }
        }

        foreach (var name in parsed.Repeated)
        {
            if (!verb.RepeatableOptions.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                throw new CliUsageException($"--{name} is given twice.");
            }
        }

        var baseUrl = parsed.Get(CommonOptions.Url) ?? WebhookSender.DefaultBaseUrl;
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new CliUsageException($"--url must be an absolute http(s) URL, not '{baseUrl}'.");
        }

        var repeat = parsed.GetCount(CommonOptions.Repeat, 1, CommonOptions.MaxRepeat);
        return new SendPlan(verb, baseUrl, repeat, verb.Prepare(parsed));
    }

    /// <summary>Runs the program: prints the status and body of each send; returns <see cref="ExitOk"/>, <see cref="ExitFailed"/> or <see cref="ExitUsage"/>.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, HttpClient http, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        if (args.Count > 0 && string.Equals(args[0], HashKeyVerb, StringComparison.OrdinalIgnoreCase))
        {
            return await HashKeyAsync(args, output, error).ConfigureAwait(false);
        }

        SendPlan? plan;
        try
        {
            plan = Plan(args);
        }
        catch (CliUsageException ex)
        {
            await error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            await error.WriteAsync(Usage()).ConfigureAwait(false);
            return ExitUsage;
        }

        if (plan is null)
        {
            await output.WriteAsync(Usage()).ConfigureAwait(false);
            return ExitOk;
        }

        var sender = new WebhookSender(http, plan.BaseUrl);
        var failures = 0;
        for (var i = 1; i <= plan.Repeat; i++)
        {
            if (!await SendOnceAsync(plan, sender, $"[{i}/{plan.Repeat}]", output, error, cancellationToken).ConfigureAwait(false))
            {
                failures++;
            }
        }

        return failures == 0 ? ExitOk : ExitFailed;
    }

    /// <summary>Prints the setting value for an operations key (Operations:Keys:N:Hash); sends nothing, so it is not an <see cref="ISendVerb"/>.</summary>
    public const string HashKeyVerb = "hash-key";

    private static async Task<int> HashKeyAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        if (args.Count != 2 || string.IsNullOrEmpty(args[1]))
        {
            await error.WriteLineAsync($"usage: dotnet run --project tools/SendEvent -- {HashKeyVerb} <key>").ConfigureAwait(false);
            return ExitUsage;
        }

        await output.WriteLineAsync(Integration.Activities.Operations.OperationsKeyHash.Of(args[1])).ConfigureAwait(false);
        return ExitOk;
    }

    /// <summary>The usage text listing every verb and the common options.</summary>
    public static string Usage()
    {
        var text = new StringBuilder()
            .AppendLine("Signs and sends sample webhook deliveries to the integration hub.")
            .AppendLine()
            .AppendLine("usage: dotnet run --project tools/SendEvent -- <verb> [options]")
            .AppendLine()
            .AppendLine("verbs:");
        foreach (var verb in SendVerbs.All)
        {
            text.AppendLine($"  {verb.Name} {verb.Usage}")
                .AppendLine($"      {verb.Summary}");
        }

        return text
            .AppendLine($"  {HashKeyVerb} <key>")
            .AppendLine("      print the Operations:Keys:N:Hash setting for an operations key (sends nothing)")
            .AppendLine()
            .AppendLine($"common options: {CommonOptions.Usage}")
            .AppendLine($"  --url     base URL (default {WebhookSender.DefaultBaseUrl})")
            .AppendLine("  --secret  signing secret (default: the development secret of the verb's source)")
            .AppendLine("  --repeat  send n times; ids are fresh per send unless pinned (--event-id, --id);")
            .AppendLine("            the HR verbs update the sandbox once and repeat the same delivery (BambooHR has no delivery id)")
            .AppendLine()
            .AppendLine("exit code: 0 when every response is 2xx, 1 otherwise, 2 for bad arguments.")
            .ToString();
    }

    private static async Task<bool> SendOnceAsync(SendPlan plan, WebhookSender sender, string label, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await plan.Send(sender, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync($"{label} {response.RequestMessage?.RequestUri} -> {(int)response.StatusCode} {response.ReasonPhrase}").ConfigureAwait(false);
            if (body.Length > 0)
            {
                await output.WriteLineAsync(body).ConfigureAwait(false);
            }

            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException ex)
        {
            await error.WriteLineAsync($"{label} send failed: {ex.Message}").ConfigureAwait(false);
            return false;
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync($"{label} timed out: {ex.Message}").ConfigureAwait(false);
            return false;
        }
    }
}
