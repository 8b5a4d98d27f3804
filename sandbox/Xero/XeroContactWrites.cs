using System.Text.Json.Nodes;
using Integration.Sandbox.Infrastructure;

namespace Integration.Sandbox.Xero;

/// Contact writes: PUT creates, POST creates or updates; a Name must be unique among active contacts. Callers hold the store's lock.
internal static class XeroContactWrites
{
    public const string Active = "ACTIVE";
    public const string Archived = "ARCHIVED";

    private static readonly HashSet<string> ServerOwned = new(["ContactID", "UpdatedDateUTC", "HasValidationErrors"], StringComparer.Ordinal);

    /// <summary>PUT /Contacts: every element is new; one invalid element stores nothing.</summary>
    public static VendorResponse Create(XeroStore store, JsonNode? body, string? key, DateTimeOffset now) =>
        Write(store, body, key, now, allowUpdate: false);

    /// <summary>POST /Contacts: an element naming a stored ContactID (or the Name of an active contact) updates it; others are created.</summary>
    public static VendorResponse CreateOrUpdate(XeroStore store, JsonNode? body, string? key, DateTimeOffset now) =>
        Write(store, body, key, now, allowUpdate: true);

    private static VendorResponse Write(XeroStore store, JsonNode? body, string? key, DateTimeOffset now, bool allowUpdate)
    {
        var elements = XeroJson.Elements(body, "Contacts");
        if (elements is null || elements.Count == 0)
        {
            return VendorResponse.BadRequest(XeroErrors.PostDataInvalid("The request body must hold {\"Contacts\":[{..}]} or one contact object."));
        }

        var contacts = store.Records(XeroEntity.Contact);
        var planned = new List<(JsonObject Input, XeroRecord? Existing)>();
        var failures = new List<(JsonObject, IReadOnlyList<string>)>();
        var claimedNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var input in elements)
        {
            XeroRecord? existing = null;
            var id = JsonValues.StringAt(input, "ContactID");
            var name = JsonValues.StringAt(input, "Name")?.Trim();
            var errors = new List<string>();
            if (id is not null)
            {
                if (!allowUpdate)
                {
                    errors.Add("ContactID cannot be set on a new contact; use POST to update a contact.");
                }
                else if (!contacts.TryGetValue(id, out existing))
                {
                    errors.Add($"The contact with ContactID {id} could not be found.");
                }
            }
            else if (allowUpdate && name is not null)
            {
                existing = ActiveByName(contacts, name);
            }

            if (existing is null && string.IsNullOrEmpty(name))
            {
                errors.Add("The contact name must be specified.");
            }

            var status = JsonValues.StringAt(input, "ContactStatus")?.ToUpperInvariant();
            if (status is not null and not (Active or Archived))
            {
                errors.Add($"ContactStatus '{status}' is not valid; use ACTIVE or ARCHIVED.");
            }

            var finalName = name ?? JsonValues.StringAt(existing?.Body, "Name");
            var finalStatus = status ?? JsonValues.StringAt(existing?.Body, "ContactStatus") ?? Active;
            if (finalName is not null && finalStatus == Active)
            {
                var holder = ActiveByName(contacts, finalName);
                if ((holder is not null && !ReferenceEquals(holder, existing)) || !claimedNames.Add(finalName))
                {
                    errors.Add(DuplicateName(finalName));
                }
            }

            if (errors.Count > 0)
            {
                failures.Add((input, errors));
            }

            planned.Add((input, existing));
        }

        if (failures.Count > 0)
        {
            return VendorResponse.BadRequest(XeroErrors.Validation(failures));
        }

        var written = planned.Select(p => p.Existing is null ? Add(store, p.Input, key, now) : Update(p.Existing.Body, p.Input, now)).ToList();
        return VendorResponse.Ok(XeroJson.Envelope("Contacts", written, now));
    }

    /// <summary>Xero's message for a taken name; the product's Xero client recognises it.</summary>
    public static string DuplicateName(string name) =>
        $"The contact name {name} is already assigned to another contact. The contact name must be unique across all active contacts.";

    /// <summary>Stores a contact for a test without an API call; null and a reason when the name is taken or missing.</summary>
    public static (JsonObject? Contact, string? Error) Seed(XeroStore store, JsonObject input, DateTimeOffset now)
    {
        var name = JsonValues.StringAt(input, "Name")?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            return (null, "'Name' is required.");
        }

        var id = JsonValues.StringAt(input, "ContactID");
        var contacts = store.Records(XeroEntity.Contact);
        if (id is not null && (!Guid.TryParse(id, out _) || contacts.ContainsKey(id)))
        {
            return (null, $"'ContactID' {id} is not a GUID or is already stored.");
        }

        var status = JsonValues.StringAt(input, "ContactStatus")?.ToUpperInvariant() ?? Active;
        if (status is not (Active or Archived))
        {
            return (null, "'ContactStatus' must be ACTIVE or ARCHIVED.");
        }

        if (status == Active && ActiveByName(contacts, name) is not null)
        {
            return (null, DuplicateName(name));
        }

        var copy = (JsonObject)input.DeepClone();
        copy.Remove("ContactID");
        var contact = Add(store, copy, null, now, id is null ? null : Guid.Parse(id).ToString());
        return (contact, null);
    }

    private static XeroRecord? ActiveByName(Dictionary<string, XeroRecord> contacts, string name) =>
        contacts.Values.FirstOrDefault(c =>
            JsonValues.StringAt(c.Body, "ContactStatus") == Active
            && string.Equals(JsonValues.StringAt(c.Body, "Name"), name, StringComparison.OrdinalIgnoreCase));

    private static JsonObject Add(XeroStore store, JsonObject input, string? key, DateTimeOffset now, string? id = null)
    {
        var contact = new JsonObject { ["ContactID"] = id ?? Guid.NewGuid().ToString() };
        foreach (var (name, value) in input)
        {
            if (!ServerOwned.Contains(name))
            {
                contact[name] = value?.DeepClone();
            }
        }

        contact["Name"] = JsonValues.StringAt(input, "Name")!.Trim();
        contact["ContactStatus"] = JsonValues.StringAt(input, "ContactStatus")?.ToUpperInvariant() ?? Active;
        contact["UpdatedDateUTC"] = Timestamps.Xero(now);
        contact.TryAdd("IsCustomer", false);
        contact.TryAdd("IsSupplier", false);
        store.Records(XeroEntity.Contact)[contact["ContactID"]!.GetValue<string>()] = new XeroRecord(key, now, contact);
        return contact;
    }

    private static JsonObject Update(JsonObject contact, JsonObject input, DateTimeOffset now)
    {
        foreach (var (name, value) in input)
        {
            if (!ServerOwned.Contains(name))
            {
                contact[name] = value?.DeepClone();
            }
        }

        if (JsonValues.StringAt(input, "Name") is { } newName)
        {
            contact["Name"] = newName.Trim();
        }

        if (JsonValues.StringAt(input, "ContactStatus") is { } status)
        {
            contact["ContactStatus"] = status.ToUpperInvariant();
        }

        contact["UpdatedDateUTC"] = Timestamps.Xero(now);
        return contact;
    }
}
