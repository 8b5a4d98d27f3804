namespace Integration.Sandbox.BambooHr;

/// In-memory BambooHR employee records of one sandbox, seeded through the admin API.
internal sealed class BambooHrStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, Dictionary<string, string>> employees = new(StringComparer.Ordinal);

    public BambooHrEmployee? Find(string id)
    {
        lock (gate)
        {
            return employees.TryGetValue(id, out var fields) ? Snapshot(id, fields) : null;
        }
    }

    /// <summary>Creates the employee or merges <paramref name="changes"/> into its fields (other fields keep their values).</summary>
    public BambooHrEmployee Upsert(string id, IReadOnlyDictionary<string, string> changes)
    {
        lock (gate)
        {
            if (!employees.TryGetValue(id, out var fields))
            {
                fields = new Dictionary<string, string>(StringComparer.Ordinal);
                employees[id] = fields;
            }

            foreach (var (name, value) in changes)
            {
                fields[name] = value;
            }

            return Snapshot(id, fields);
        }
    }

    public IReadOnlyList<BambooHrEmployee> All()
    {
        lock (gate)
        {
            return [.. employees.Select(e => Snapshot(e.Key, e.Value))];
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            employees.Clear();
        }
    }

    private static BambooHrEmployee Snapshot(string id, Dictionary<string, string> fields) =>
        new(id, new Dictionary<string, string>(fields, StringComparer.Ordinal));
}
