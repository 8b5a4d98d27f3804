namespace Integration.Activities.Webhooks.Signatures;

/// <summary>Maps the scheme names used in source configuration to their implementations.</summary>
public static class WebhookSignatureSchemes
{
    /// <summary>Every scheme the product can verify; the schemes are stateless, so one instance each is shared.</summary>
    public static IReadOnlyList<IWebhookSignatureScheme> All { get; } =
    [
        new HubSpotSignatureV3(),
        new StandardWebhooksSignature(),
    ];

    /// <summary>The scheme with this name (ignoring case), or null when the name is unknown.</summary>
    public static IWebhookSignatureScheme? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var scheme in All)
        {
            if (string.Equals(scheme.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return scheme;
            }
        }

        return null;
    }
}
