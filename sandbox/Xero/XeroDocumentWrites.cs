using System.Globalization;
using System.Text.Json.Nodes;
using Integration.Sandbox.Infrastructure;

namespace Integration.Sandbox.Xero;

/// Creates invoices and credit notes, voids or deletes invoices, and records payments. Callers hold the store's lock.
internal static class XeroDocumentWrites
{
    /// <summary>The sandbox organisation's base currency, used when a document names none.</summary>
    public const string BaseCurrency = "USD";

    public const string Draft = "DRAFT";
    public const string Submitted = "SUBMITTED";
    public const string Authorised = "AUTHORISED";
    public const string Paid = "PAID";
    public const string Voided = "VOIDED";
    public const string Deleted = "DELETED";

    private static readonly string[] LineAmountTypes = ["Exclusive", "Inclusive", "NoTax"];

    /// <summary>Fields the sandbox sets itself; a client's values for them are ignored.</summary>
    private static readonly HashSet<string> ServerOwned = new(
        ["SubTotal", "TotalTax", "Total", "AmountDue", "AmountPaid", "AmountCredited", "RemainingCredit", "UpdatedDateUTC", "DateString", "DueDateString", "HasErrors"],
        StringComparer.Ordinal);

    /// <summary>PUT /Invoices or /CreditNotes: the contact must exist, totals are computed; one invalid element stores nothing.</summary>
    public static VendorResponse Create(XeroStore store, XeroDocumentKind kind, JsonNode? body, string? key, int unitDecimals, DateTimeOffset now)
    {
        var elements = XeroJson.Elements(body, kind.Plural);
        if (elements is null || elements.Count == 0)
        {
            return VendorResponse.BadRequest(XeroErrors.PostDataInvalid(
                $"The request body must hold {{\"{kind.Plural}\":[{{..}}]}} or one object."));
        }

        var built = new List<JsonObject>();
        var failures = new List<(JsonObject, IReadOnlyList<string>)>();
        foreach (var input in elements)
        {
            var errors = new List<string>();
            var document = Build(store, kind, input, unitDecimals, now, errors);
            if (document is null)
            {
                failures.Add((input, errors));
            }
            else
            {
                built.Add(document);
            }
        }

        if (failures.Count > 0)
        {
            return VendorResponse.BadRequest(XeroErrors.Validation(failures));
        }

        foreach (var document in built)
        {
            var id = Guid.NewGuid().ToString();
            document[kind.IdField] = id;
            if (string.IsNullOrEmpty(JsonValues.StringAt(document, kind.NumberField)))
            {
                document[kind.NumberField] = store.NextNumber(kind.Entity);
            }

            store.Records(kind.Entity)[id] = new XeroRecord(key, now, document);
        }

        return VendorResponse.Ok(XeroJson.Envelope(kind.Plural, built.Select(d => XeroJson.ForOutput(d, unitDecimals)), now));
    }

    /// <summary>
    /// POST /Invoices/{id} with {"InvoiceID","Status"}: AUTHORISED → VOIDED when nothing is paid or credited,
    /// DRAFT or SUBMITTED → DELETED; any other change is refused with a validation error.
    /// </summary>
    public static VendorResponse ChangeInvoiceStatus(XeroStore store, string id, JsonNode? body, int unitDecimals, DateTimeOffset now)
    {
        if (!store.Records(XeroEntity.Invoice).TryGetValue(id, out var record))
        {
            return VendorResponse.Of(XeroErrors.NotFound(), StatusCodes.Status404NotFound);
        }

        var elements = XeroJson.Elements(body, "Invoices");
        if (elements is not { Count: 1 })
        {
            return VendorResponse.BadRequest(XeroErrors.PostDataInvalid("The request body must hold one invoice."));
        }

        var input = elements[0];
        var error = StatusChangeError(record.Body, id, input);
        if (error is not null)
        {
            return VendorResponse.BadRequest(XeroErrors.Validation(input, error));
        }

        var invoice = record.Body;
        invoice["Status"] = JsonValues.StringAt(input, "Status")!.ToUpperInvariant();
        invoice["AmountDue"] = 0m;
        invoice["UpdatedDateUTC"] = Timestamps.Xero(now);
        return VendorResponse.Ok(XeroJson.Envelope("Invoices", [XeroJson.ForOutput(invoice, unitDecimals)], now));
    }

    /// <summary>Admin: pays (part of) an AUTHORISED invoice; fully paid becomes PAID. The whole amount due when no amount is given.</summary>
    public static (JsonObject? Invoice, string? Error) RecordPayment(XeroStore store, string id, decimal? amount, DateTimeOffset now)
    {
        if (!store.Records(XeroEntity.Invoice).TryGetValue(id, out var record))
        {
            return (null, $"No invoice with InvoiceID '{id}' is stored.");
        }

        var invoice = record.Body;
        var status = JsonValues.StringAt(invoice, "Status");
        JsonValues.TryDecimal(invoice["AmountDue"], out var due);
        JsonValues.TryDecimal(invoice["AmountPaid"], out var paid);
        var payment = amount ?? due;
        if (status != Authorised)
        {
            return (null, $"Only an AUTHORISED invoice can be paid; this one is {status}.");
        }

        if (payment <= 0 || payment > due)
        {
            return (null, string.Create(CultureInfo.InvariantCulture, $"The payment must be more than 0 and at most the amount due ({due})."));
        }

        invoice["AmountPaid"] = paid + payment;
        invoice["AmountDue"] = due - payment;
        if (due - payment == 0)
        {
            invoice["Status"] = Paid;
            XeroJson.SetDate(invoice, "FullyPaidOnDate", DateOnly.FromDateTime(now.UtcDateTime));
        }

        invoice["UpdatedDateUTC"] = Timestamps.Xero(now);
        return ((JsonObject)invoice.DeepClone(), null);
    }

    private static string? StatusChangeError(JsonObject invoice, string id, JsonObject input)
    {
        var bodyId = JsonValues.StringAt(input, "InvoiceID");
        if (bodyId is not null && !string.Equals(bodyId, id, StringComparison.OrdinalIgnoreCase))
        {
            return $"The InvoiceID in the body ({bodyId}) does not match the one in the URL ({id}).";
        }

        var extra = input.Select(p => p.Key).Where(k => k is not ("InvoiceID" or "Status")).ToList();
        var target = JsonValues.StringAt(input, "Status")?.ToUpperInvariant();
        if (extra.Count > 0 || target is not (Voided or Deleted))
        {
            return "The sandbox only changes an invoice's Status, to VOIDED or DELETED" +
                (extra.Count > 0 ? $" (also sent: {string.Join(", ", extra)})." : ".");
        }

        var current = JsonValues.StringAt(invoice, "Status");
        JsonValues.TryDecimal(invoice["AmountPaid"], out var paid);
        JsonValues.TryDecimal(invoice["AmountCredited"], out var credited);
        return target switch
        {
            Voided when current == Authorised && (paid > 0 || credited > 0) =>
                "This invoice has payments or credit notes allocated to it; remove them before voiding it.",
            Voided when current != Authorised =>
                $"Invoice not of valid status for modification: only an AUTHORISED invoice can be voided (this one is {current}).",
            Deleted when current is not (Draft or Submitted) =>
                $"Invoice not of valid status for modification: only a DRAFT or SUBMITTED invoice can be deleted (this one is {current}).",
            _ => null,
        };
    }

    private static JsonObject? Build(XeroStore store, XeroDocumentKind kind, JsonObject input, int unitDecimals, DateTimeOffset now, List<string> errors)
    {
        var type = JsonValues.StringAt(input, "Type")?.ToUpperInvariant();
        if (type is null || !kind.Types.Contains(type))
        {
            errors.Add($"Type must be one of {string.Join(", ", kind.Types)} (was '{type}').");
        }

        var contactId = JsonValues.StringAt(input["Contact"] as JsonObject, "ContactID");
        XeroRecord? contact = null;
        if (contactId is null)
        {
            errors.Add("A Contact with a ContactID must be specified.");
        }
        else if (!store.Records(XeroEntity.Contact).TryGetValue(contactId, out contact))
        {
            errors.Add($"The contact with ContactID {contactId} could not be found.");
        }

        var status = JsonValues.StringAt(input, "Status")?.ToUpperInvariant() ?? Draft;
        if (status is not (Draft or Submitted or Authorised))
        {
            errors.Add($"Status '{status}' is not valid for a new document; use DRAFT, SUBMITTED or AUTHORISED.");
        }

        var date = DateOnly.FromDateTime(now.UtcDateTime);
        if (input["Date"] is not null && !XeroJson.TryDate(input["Date"], out date))
        {
            errors.Add("Date is not a valid date (yyyy-MM-dd).");
        }

        DateOnly? dueDate = null;
        if (input["DueDate"] is not null)
        {
            if (XeroJson.TryDate(input["DueDate"], out var due))
            {
                dueDate = due;
            }
            else
            {
                errors.Add("DueDate is not a valid date (yyyy-MM-dd).");
            }
        }
        else if (kind.Entity == XeroEntity.Invoice && status is Submitted or Authorised)
        {
            errors.Add("DueDate is required for a SUBMITTED or AUTHORISED invoice.");
        }

        var amountTypes = JsonValues.StringAt(input, "LineAmountTypes") ?? "Exclusive";
        var matchedTypes = LineAmountTypes.FirstOrDefault(t => string.Equals(t, amountTypes, StringComparison.OrdinalIgnoreCase));
        if (matchedTypes is null)
        {
            errors.Add($"LineAmountTypes must be one of {string.Join(", ", LineAmountTypes)}.");
        }

        var currency = JsonValues.StringAt(input, "CurrencyCode")?.ToUpperInvariant() ?? BaseCurrency;
        if (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper))
        {
            errors.Add($"CurrencyCode '{currency}' is not an ISO 4217 code.");
        }

        var (lines, subTotal) = XeroLineItems.Build(input["LineItems"], unitDecimals, errors);
        if (errors.Count > 0)
        {
            return null;
        }

        var document = new JsonObject();
        foreach (var (name, value) in input)
        {
            if (!ServerOwned.Contains(name) && name != kind.IdField)
            {
                document[name] = value?.DeepClone();
            }
        }

        document["Type"] = type;
        document["Contact"] = new JsonObject
        {
            ["ContactID"] = JsonValues.StringAt(contact!.Body, "ContactID"),
            ["Name"] = JsonValues.StringAt(contact.Body, "Name"),
        };
        XeroJson.SetDate(document, "Date", date);
        if (dueDate is { } d)
        {
            XeroJson.SetDate(document, "DueDate", d);
        }

        document["Status"] = status;
        document["LineAmountTypes"] = matchedTypes;
        document["LineItems"] = lines;
        document["SubTotal"] = subTotal;
        document["TotalTax"] = 0m;
        document["Total"] = subTotal;
        document["CurrencyCode"] = currency;
        document[kind.BalanceField] = subTotal;
        if (kind.Entity == XeroEntity.Invoice)
        {
            document["AmountPaid"] = 0m;
            document["AmountCredited"] = 0m;
        }

        document["UpdatedDateUTC"] = Timestamps.Xero(now);
        return document;
    }
}
