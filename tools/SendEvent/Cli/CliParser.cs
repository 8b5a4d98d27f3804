namespace Integration.SendEvent.Cli;

/// <summary>Plain "verb --name value" parsing with no packages: syntax only; each verb checks which options it accepts.</summary>
public static class CliParser
{
    /// <summary>The verb that prints usage.</summary>
    public const string HelpVerb = "help";

    /// <summary>Parses the arguments; a usage error when they are malformed.</summary>
    public static CliArguments Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count == 0)
        {
            throw new CliUsageException("No verb given.");
        }

        if (IsHelp(args[0]) || args[0] == HelpVerb)
        {
            return new CliArguments(HelpVerb, new Dictionary<string, string>(), HelpRequested: true);
        }

        if (args[0].StartsWith('-'))
        {
            throw new CliUsageException($"Expected a verb before '{args[0]}'.");
        }

        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var ordered = new List<KeyValuePair<string, string>>();
        var help = false;
        for (var i = 1; i < args.Count; i++)
        {
            var token = args[i];
            if (IsHelp(token))
            {
                help = true;
                continue;
            }

            if (!token.StartsWith("--", StringComparison.Ordinal) || token.Length == 2)
            {
                throw new CliUsageException($"Unexpected argument '{token}'; options are written --name value.");
            }

            // A repeat is checked against the verb's repeatable options once the verb is known (SendEventCli.Plan).
            var (name, value) = SplitOption(token, args, ref i);
            options.TryAdd(name, value);
            ordered.Add(new(name, value));
        }

        return new CliArguments(args[0], options, help) { Ordered = ordered };
    }

    private static bool IsHelp(string token) => token is "--help" or "-h" or "-?";

    // Accepts "--name value" and "--name=value"; the value may itself start with '-' (e.g. a negative id).
    private static (string Name, string Value) SplitOption(string token, IReadOnlyList<string> args, ref int i)
    {
        var body = token[2..];
        var equals = body.IndexOf('=');
        if (equals > 0)
        {
            return (body[..equals], body[(equals + 1)..]);
        }

        if (i + 1 >= args.Count)
        {
            throw new CliUsageException($"--{body} needs a value.");
        }

        i++;
        return (body, args[i]);
    }
}
