using Integration.Orchestrations.Common;

namespace Integration.Activities.Connectors.Identity;

/// <summary>The registered identity connectors by kind, so an activity can act on any configured target.</summary>
public sealed class IdentityConnectors(IEnumerable<IIdentityConnector> connectors)
{
    private readonly IReadOnlyDictionary<string, IIdentityConnector> byKind =
        connectors.ToDictionary(c => c.Kind, StringComparer.OrdinalIgnoreCase);

    /// <summary>The connector for a kind (ignoring case); an unknown kind is a configuration problem retrying cannot fix.</summary>
    public IIdentityConnector For(string kind) =>
        byKind.TryGetValue(kind?.Trim() ?? string.Empty, out IIdentityConnector? connector)
            ? connector
            : throw new PermanentActivityFailureException($"No identity connector handles kind '{kind}'; known kinds: {string.Join(", ", byKind.Keys.Order(StringComparer.Ordinal))}.");
}
