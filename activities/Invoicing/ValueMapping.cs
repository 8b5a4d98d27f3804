using System.Collections.Frozen;

namespace Integration.Activities.Invoicing;

/// <summary>
/// CRM value → ERP value for one field (tax code, customer category), matched ignoring case because
/// CRMs are loose about it ("Partner", "PARTNER"), with an optional default.
/// </summary>
public sealed class ValueMapping
{
    public static readonly ValueMapping Empty = new(new Dictionary<string, string>(), null);

    public ValueMapping(IReadOnlyDictionary<string, string> values, string? @default)
    {
        ArgumentNullException.ThrowIfNull(values);
        Values = values.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        Default = @default;
    }

    /// <summary>The mapped CRM values (keys ignore case).</summary>
    public IReadOnlyDictionary<string, string> Values { get; }

    /// <summary>What the field maps to when the CRM has no value; null when the dictionary names none.</summary>
    public string? Default { get; }

    public bool TryMap(string crmValue, out string erpValue)
    {
        ArgumentNullException.ThrowIfNull(crmValue);
        return Values.TryGetValue(crmValue.Trim(), out erpValue!);
    }
}
