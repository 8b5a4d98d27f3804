using System.Globalization;
using System.Text.Json.Nodes;
using Integration.Sandbox.Infrastructure;

namespace Integration.Sandbox.Xero;

/// In-memory state of the one emulated Xero organisation; every access happens under <see cref="Gate"/>.
internal sealed class XeroStore
{
    private readonly Dictionary<string, XeroRecord> contacts = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, XeroRecord> invoices = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, XeroRecord> creditNotes = new(StringComparer.OrdinalIgnoreCase);
    private int lastInvoiceNumber;
    private int lastCreditNoteNumber;

    public Lock Gate { get; } = new();

    /// <summary>Answers already given, by Idempotency-Key (shared by all endpoints).</summary>
    public Dictionary<string, VendorResponse> Responses { get; } = new(StringComparer.Ordinal);

    /// <summary>Records by id (GUID text, any case); insertion order is creation order.</summary>
    public Dictionary<string, XeroRecord> Records(XeroEntity entity) => entity switch
    {
        XeroEntity.Contact => contacts,
        XeroEntity.Invoice => invoices,
        XeroEntity.CreditNote => creditNotes,
        _ => throw new ArgumentOutOfRangeException(nameof(entity)),
    };

    /// <summary>Xero's default numbering: INV-0001, INV-0002... and CN-0001...</summary>
    public string NextNumber(XeroEntity entity) => entity == XeroEntity.CreditNote
        ? "CN-" + (++lastCreditNoteNumber).ToString("D4", CultureInfo.InvariantCulture)
        : "INV-" + (++lastInvoiceNumber).ToString("D4", CultureInfo.InvariantCulture);

    /// <summary>Copies of every stored record of one kind, safe to serialise.</summary>
    public IReadOnlyList<(XeroRecord Record, JsonObject Body)> Snapshot(XeroEntity entity)
    {
        lock (Gate)
        {
            return [.. Records(entity).Values.Select(r => (r, (JsonObject)r.Body.DeepClone()))];
        }
    }

    public void Clear()
    {
        lock (Gate)
        {
            contacts.Clear();
            invoices.Clear();
            creditNotes.Clear();
            Responses.Clear();
            lastInvoiceNumber = 0;
            lastCreditNoteNumber = 0;
        }
    }
}
