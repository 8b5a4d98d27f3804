using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Integration.Sandbox.QuickBooks;

/// In-memory QuickBooks Online state of one sandbox, kept per realm.
internal sealed class QuickBooksStore
{
    private readonly ConcurrentDictionary<string, QboRealm> realms = new(StringComparer.Ordinal);

    public QboRealm Realm(string realmId) => realms.GetOrAdd(realmId, id => new QboRealm(id));

    /// <summary>Copies of every stored entity of one type (optionally one realm), safe to serialise.</summary>
    public IReadOnlyList<(QboEntity Entity, JsonObject Body)> Snapshot(QboEntityType type, string? realmId)
    {
        var result = new List<(QboEntity, JsonObject)>();
        foreach (var realm in realms.Values.OrderBy(r => r.RealmId, StringComparer.Ordinal))
        {
            if (realmId is not null && realm.RealmId != realmId)
            {
                continue;
            }

            lock (realm.Gate)
            {
                foreach (var entity in realm.Entities(type).Values)
                {
                    result.Add((entity, (JsonObject)entity.Body.DeepClone()));
                }
            }
        }

        return result;
    }

    public void Clear() => realms.Clear();
}
