using System.Globalization;
using Integration.Sandbox.Infrastructure;

namespace Integration.Sandbox.QuickBooks;

/// All QuickBooks state of one company (realm); every access happens under <see cref="Gate"/>.
internal sealed class QboRealm(string realmId)
{
    private int nextNameListId = 1;
    private int nextTransactionId = 1;

    public Lock Gate { get; } = new();

    public string RealmId => realmId;

    /// <summary>Responses already given, by requestid (unique per realm, shared by all entity types).</summary>
    public Dictionary<string, VendorResponse> Responses { get; } = new(StringComparer.Ordinal);

    private Dictionary<string, QboEntity> Customers { get; } = new(StringComparer.Ordinal);

    private Dictionary<string, QboEntity> Invoices { get; } = new(StringComparer.Ordinal);

    private Dictionary<string, QboEntity> CreditMemos { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, QboEntity> Entities(QboEntityType type) => type switch
    {
        QboEntityType.Customer => Customers,
        QboEntityType.Invoice => Invoices,
        QboEntityType.CreditMemo => CreditMemos,
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>Customers have their own id sequence; invoices and credit memos share the transaction sequence.</summary>
    public string NextId(QboEntityType type) => type == QboEntityType.Customer
        ? (nextNameListId++).ToString(CultureInfo.InvariantCulture)
        : (nextTransactionId++).ToString(CultureInfo.InvariantCulture);
}
