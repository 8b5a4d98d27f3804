using System.Globalization;

namespace Integration.Sandbox.HubSpot;

/// <summary>
/// In-memory HubSpot contacts and notes of one sandbox: the order workflows find a contact by e-mail and add a note to
/// its timeline. A few contacts are seeded (again on reset) so an order's default e-mail, alex@example.com, is found.
/// </summary>
internal sealed class HubSpotContactStore
{
    public const int FirstContactId = 751;
    public const int FirstNoteId = 90001;

    private static readonly DateTimeOffset SeededAt = new(2026, 1, 5, 10, 0, 0, TimeSpan.Zero);

    private static readonly (string Email, string First, string Last)[] Seeds =
    [
        ("alex@example.com", "Alex", "Doe"),
        ("sam@example.com", "Sam", "Lee"),
        ("jordan@example.com", "Jordan", "Kim"),
    ];

    private readonly Lock gate = new();
    private readonly TimeProvider time;
    private readonly Dictionary<string, HubSpotRecord> contacts = new(StringComparer.Ordinal);
    private readonly List<HubSpotNote> notes = [];
    private long nextContactId;
    private long nextNoteId;

    public HubSpotContactStore(TimeProvider time)
    {
        this.time = time;
        Clear();
    }

    public IReadOnlyList<HubSpotRecord> Contacts()
    {
        lock (gate)
        {
            return [.. contacts.Values.OrderBy(c => long.Parse(c.Id, CultureInfo.InvariantCulture))];
        }
    }

    public IReadOnlyList<HubSpotNote> Notes()
    {
        lock (gate)
        {
            return [.. notes];
        }
    }

    public HubSpotRecord? FindContact(string id)
    {
        lock (gate)
        {
            return contacts.GetValueOrDefault(id);
        }
    }

    /// <summary>Contacts matching any group, where a group matches when every (property, value) pair is equal, ignoring case.</summary>
    public IReadOnlyList<HubSpotRecord> Search(IReadOnlyList<IReadOnlyList<(string Property, string Value)>> filterGroups)
    {
        lock (gate)
        {
            return [.. contacts.Values
                .Where(c => filterGroups.Count == 0 || filterGroups.Any(g => g.All(f =>
                    c.Properties.TryGetValue(f.Property, out var value) && string.Equals(value, f.Value, StringComparison.OrdinalIgnoreCase))))
                .OrderBy(c => long.Parse(c.Id, CultureInfo.InvariantCulture))];
        }
    }

    /// <summary>Creates a contact, or merges the properties into the one with the same e-mail; true when it was created.</summary>
    public (HubSpotRecord Contact, bool Created) UpsertContact(string email, IReadOnlyDictionary<string, string> properties)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            var existing = contacts.Values.FirstOrDefault(c =>
                string.Equals(c.Properties.GetValueOrDefault("email"), email, StringComparison.OrdinalIgnoreCase));
            var id = existing?.Id ?? (nextContactId++).ToString(CultureInfo.InvariantCulture);
            var merged = new Dictionary<string, string>(existing?.Properties ?? new Dictionary<string, string>(), StringComparer.Ordinal);
            foreach (var (key, value) in properties)
            {
                merged[key] = value;
            }

            var contact = Contact(id, merged, existing?.CreatedAt ?? now, now);
            contacts[id] = contact;
            return (contact, existing is null);
        }
    }

    /// <summary>Stores a note; null when an associated contact does not exist (nothing is stored then).</summary>
    public HubSpotNote? CreateNote(IReadOnlyDictionary<string, string> properties, IReadOnlyList<string> contactIds, out string? missingContact)
    {
        lock (gate)
        {
            missingContact = contactIds.FirstOrDefault(id => !contacts.ContainsKey(id));
            if (missingContact is not null)
            {
                return null;
            }

            var now = time.GetUtcNow();
            var id = (nextNoteId++).ToString(CultureInfo.InvariantCulture);
            var stored = new Dictionary<string, string>(properties, StringComparer.Ordinal)
            {
                ["hs_object_id"] = id,
                ["hs_createdate"] = Infrastructure.Timestamps.HubSpot(now),
                ["hs_lastmodifieddate"] = Infrastructure.Timestamps.HubSpot(now),
            };
            var note = new HubSpotNote(id, stored, [.. contactIds.Distinct(StringComparer.Ordinal)], now);
            notes.Add(note);
            return note;
        }
    }

    /// <summary>Forgets every note and contact, then seeds the default contacts again with the same ids.</summary>
    public void Clear()
    {
        lock (gate)
        {
            contacts.Clear();
            notes.Clear();
            nextContactId = FirstContactId;
            nextNoteId = FirstNoteId;
            foreach (var (email, first, last) in Seeds)
            {
                var id = (nextContactId++).ToString(CultureInfo.InvariantCulture);
                contacts[id] = Contact(id, new Dictionary<string, string> { ["email"] = email, ["firstname"] = first, ["lastname"] = last }, SeededAt, SeededAt);
            }
        }
    }

    // HubSpot's contact system properties: hs_object_id, createdate and lastmodifieddate.
    private static HubSpotRecord Contact(string id, Dictionary<string, string> properties, DateTimeOffset createdAt, DateTimeOffset updatedAt)
    {
        var all = new Dictionary<string, string>(properties, StringComparer.Ordinal)
        {
            ["hs_object_id"] = id,
            ["createdate"] = Infrastructure.Timestamps.HubSpot(createdAt),
            ["lastmodifieddate"] = Infrastructure.Timestamps.HubSpot(updatedAt),
        };
        return new HubSpotRecord(id, all, createdAt, updatedAt);
    }
}
