namespace Integration.SendEvent.Cli;

/// <summary>The options every verb accepts, handled once by the CLI.</summary>
public static class CommonOptions
{
    /// <summary>The product's base URL (default <see cref="WebhookSender.DefaultBaseUrl"/>).</summary>
    public const string Url = "url";

    /// <summary>The signing secret; each verb's source has its own development default in <see cref="DevSecrets"/>.</summary>
    public const string Secret = "secret";

    /// <summary>How many times to send (1 to <see cref="MaxRepeat"/>).</summary>
    public const string Repeat = "repeat";

    /// <summary>The largest allowed --repeat.</summary>
    public const int MaxRepeat = 10_000;

    /// <summary>The names above, for option validation.</summary>
    public static IReadOnlyCollection<string> All { get; } = [Url, Secret, Repeat];

    /// <summary>The usage text of the common options.</summary>
    public const string Usage = "[--url <base-url>] [--secret <secret>] [--repeat <n>]";
}
