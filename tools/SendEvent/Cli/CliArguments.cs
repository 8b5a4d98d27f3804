using System.Globalization;

namespace Integration.SendEvent.Cli;

/// <summary>A parsed command line: the verb, its "--name value" options and whether help was asked for.</summary>
public sealed record CliArguments(string Verb, IReadOnlyDictionary<string, string> Options, bool HelpRequested = false)
{
    /// <summary>Every value of every option in command-line order, for options a verb lets you repeat ("--sku a --qty 1 --sku b").</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Ordered { get; init; } = [.. Options];

    /// <summary>The names given more than once.</summary>
    public IEnumerable<string> Repeated => Ordered.GroupBy(o => o.Key, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key);

    /// <summary>The option's value, or null when it was not given.</summary>
    public string? Get(string name) => Options.TryGetValue(name, out var value) ? value : null;

    /// <summary>The option's value; a usage error when it was not given.</summary>
    public string Require(string name) =>
        Get(name) is { Length: > 0 } value ? value : throw new CliUsageException($"--{name} is required.");

    /// <summary>The option as a whole number, or null when it was not given; a usage error when it is not a number.</summary>
    public long? GetLong(string name) => Get(name) is { } text ? ParseLong(name, text) : null;

    /// <summary>The option as a whole number; a usage error when missing or not a number.</summary>
    public long RequireLong(string name) => ParseLong(name, Require(name));

    /// <summary>The option as a positive count, or <paramref name="fallback"/> when it was not given.</summary>
    public int GetCount(string name, int fallback, int max)
    {
        if (Get(name) is not { } text)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count >= 1 && count <= max
            ? count
            : throw new CliUsageException($"--{name} must be a whole number from 1 to {max}, not '{text}'.");
    }

    private static long ParseLong(string name, string text) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new CliUsageException($"--{name} must be a whole number, not '{text}'.");
}
