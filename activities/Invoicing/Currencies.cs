using System.Collections.Frozen;
using Integration.Orchestrations.Common;

namespace Integration.Activities.Invoicing;

/// <summary>The facts pricing needs about a currency: its ISO 4217 code and how many decimals its amounts have.</summary>
public static class Currencies
{
    /// <summary>ISO 4217 minor units that are not 2 (ISO 4217 list, 2024). Every other code has 2.</summary>
    private static readonly FrozenDictionary<string, int> NonDefaultMinorUnits = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["BIF"] = 0, ["CLP"] = 0, ["DJF"] = 0, ["GNF"] = 0, ["ISK"] = 0, ["JPY"] = 0, ["KMF"] = 0, ["KRW"] = 0,
        ["PYG"] = 0, ["RWF"] = 0, ["UGX"] = 0, ["UYI"] = 0, ["VND"] = 0, ["VUV"] = 0, ["XAF"] = 0, ["XOF"] = 0, ["XPF"] = 0,
        ["BHD"] = 3, ["IQD"] = 3, ["JOD"] = 3, ["KWD"] = 3, ["LYD"] = 3, ["OMR"] = 3, ["TND"] = 3,
        ["CLF"] = 4, ["UYW"] = 4,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Decimals of the currency's minor unit: 2 by default, 0 for JPY/KRW..., 3 for BHD/KWD..., 4 for CLF/UYW.</summary>
    public static int MinorUnits(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return NonDefaultMinorUnits.TryGetValue(code.ToUpperInvariant(), out int units) ? units : 2;
    }

    /// <summary>True for three ASCII letters, the shape of an ISO 4217 code.</summary>
    public static bool IsCode(string? code) => code is { Length: 3 } && code.AsSpan().IndexOfAnyExceptInRange('A', 'Z') < 0;

    /// <summary>The deal's currency in upper case, or the default when it has none; a malformed code cannot be priced.</summary>
    public static string ForDeal(string dealId, string? dealCurrency, string defaultCurrency)
    {
        string code = (string.IsNullOrWhiteSpace(dealCurrency) ? defaultCurrency : dealCurrency).Trim().ToUpperInvariant();
        return IsCode(code)
            ? code
            : throw new PermanentActivityFailureException($"deal {dealId}: currency '{dealCurrency}' is not a three-letter ISO 4217 code");
    }
}
