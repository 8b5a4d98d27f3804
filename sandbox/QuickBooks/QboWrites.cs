using System.Globalization;
using System.Text.Json.Nodes;
using Integration.Sandbox.Infrastructure;

namespace Integration.Sandbox.QuickBooks;

/// The QuickBooks create and void operations; callers hold the realm's lock.
internal static class QboWrites
{
    public const int DocNumberMaxLength = 21;

    private static readonly HashSet<string> ServerOwned =
        new(["Id", "SyncToken", "MetaData", "domain", "sparse", "TotalAmt", "Balance", "RemainingCredit"], StringComparer.Ordinal);

    public static VendorResponse CreateCustomer(QboRealm realm, JsonNode? body, string? requestId, DateTimeOffset now)
    {
        if (body is not JsonObject input)
        {
            return VendorResponse.BadRequest(QboErrors.InvalidProperty("Customer", now));
        }

        var displayName = JsonValues.StringAt(input, "DisplayName")?.Trim();
        if (string.IsNullOrEmpty(displayName))
        {
            return VendorResponse.BadRequest(QboErrors.RequiredMissing("DisplayName", now));
        }

        var customers = realm.Entities(QboEntityType.Customer);
        var duplicate = customers.Values.FirstOrDefault(c => string.Equals(
            JsonValues.StringAt(c.Body, "DisplayName"), displayName, StringComparison.OrdinalIgnoreCase));
        if (duplicate is not null)
        {
            return VendorResponse.BadRequest(QboErrors.Validation(
                "6240", "Duplicate Name Exists Error", $"The name supplied already exists. : Id={duplicate.Id}", now));
        }

        var id = realm.NextId(QboEntityType.Customer);
        var customer = NewEntity(id, input, skip: []);
        customer["DisplayName"] = displayName;
        customer.TryAdd("Active", true);
        customer["Balance"] = 0m;
        Finish(customer, now);
        return Store(realm, QboEntityType.Customer, requestId, customer, now);
    }

    /// <summary>Creates an invoice or credit memo: CustomerRef must exist, at least one Line, totals computed here.</summary>
    public static VendorResponse CreateTransaction(
        QboRealm realm, QboEntityType type, JsonNode? body, string? requestId, DateTimeOffset now)
    {
        if (body is not JsonObject input)
        {
            return VendorResponse.BadRequest(QboErrors.InvalidProperty(type.ToString(), now));
        }

        var customerId = JsonValues.StringAt(input["CustomerRef"] as JsonObject, "value");
        if (string.IsNullOrEmpty(customerId))
        {
            return VendorResponse.BadRequest(QboErrors.RequiredMissing("CustomerRef", now));
        }

        if (!realm.Entities(QboEntityType.Customer).TryGetValue(customerId, out var customer))
        {
            return VendorResponse.BadRequest(QboErrors.ObjectNotFound(
                $"Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees. (CustomerRef={customerId})",
                now));
        }

        if (input["Line"] is not JsonArray inputLines || inputLines.Count == 0)
        {
            return VendorResponse.BadRequest(QboErrors.RequiredMissing("Line", now));
        }

        var docNumber = JsonValues.StringAt(input, "DocNumber");
        if (docNumber is { Length: > DocNumberMaxLength })
        {
            return VendorResponse.BadRequest(QboErrors.Validation(
                "6000",
                "A business validation error has occurred while processing your request",
                $"Business Validation Error: DocNumber exceeds the maximum length of {DocNumberMaxLength} characters.",
                now));
        }

        var lines = new JsonArray();
        var total = 0m;
        foreach (var node in inputLines)
        {
            if (node is not JsonObject line)
            {
                return VendorResponse.BadRequest(QboErrors.InvalidProperty("Line", now));
            }

            var detailType = JsonValues.StringAt(line, "DetailType");
            if (detailType == "SubTotalLineDetail")
            {
                continue; // QuickBooks computes its own subtotal line.
            }

            if (line["Amount"] is null)
            {
                return VendorResponse.BadRequest(QboErrors.RequiredMissing("Line.Amount", now));
            }

            if (!JsonValues.TryDecimal(line["Amount"], out var amount))
            {
                return VendorResponse.BadRequest(QboErrors.InvalidProperty("Line.Amount", now));
            }

            if (detailType == "SalesItemLineDetail" && !AmountMatchesQtyTimesPrice(line, amount))
            {
                return VendorResponse.BadRequest(QboErrors.AmountCalculation(line["Amount"]?.ToJsonString() ?? "?", now));
            }

            total += detailType == "DiscountLineDetail" ? -amount : amount;
            var copy = (JsonObject)line.DeepClone();
            var number = lines.Count + 1;
            copy["Id"] = number.ToString(CultureInfo.InvariantCulture);
            copy.TryAdd("LineNum", number);
            lines.Add(copy);
        }

        lines.Add(new JsonObject
        {
            ["Amount"] = total,
            ["DetailType"] = "SubTotalLineDetail",
            ["SubTotalLineDetail"] = new JsonObject(),
        });

        var id = realm.NextId(type);
        var entity = NewEntity(id, input, skip: ["Line", "CustomerRef"]);
        var txnDate = JsonValues.StringAt(input, "TxnDate") ?? now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        entity["DocNumber"] = docNumber ?? id;
        entity["TxnDate"] = txnDate;
        if (type == QboEntityType.Invoice)
        {
            entity["DueDate"] = JsonValues.StringAt(input, "DueDate") ?? txnDate;
        }

        entity["CustomerRef"] = new JsonObject
        {
            ["value"] = customerId,
            ["name"] = JsonValues.StringAt(customer.Body, "DisplayName"),
        };
        entity["Line"] = lines;
        entity["TotalAmt"] = total;
        entity[type == QboEntityType.CreditMemo ? "RemainingCredit" : "Balance"] = total;
        Finish(entity, now);
        return Store(realm, type, requestId, entity, now);
    }

    /// <summary>
    /// Voids an invoice as QuickBooks does: amounts and quantities to zero, PrivateNote prefixed "Voided",
    /// SyncToken bumped. There is no status field: zero total plus the "Voided" prefix is how a client tells.
    /// </summary>
    public static VendorResponse VoidInvoice(QboRealm realm, JsonNode? body, DateTimeOffset now)
    {
        if (body is not JsonObject input)
        {
            return VendorResponse.BadRequest(QboErrors.InvalidProperty("Invoice", now));
        }

        var id = JsonValues.StringAt(input, "Id");
        if (string.IsNullOrEmpty(id))
        {
            return VendorResponse.BadRequest(QboErrors.RequiredMissing("Id", now));
        }

        var syncToken = JsonValues.StringAt(input, "SyncToken");
        if (string.IsNullOrEmpty(syncToken))
        {
            return VendorResponse.BadRequest(QboErrors.RequiredMissing("SyncToken", now));
        }

        if (!realm.Entities(QboEntityType.Invoice).TryGetValue(id, out var stored))
        {
            return VendorResponse.BadRequest(QboErrors.ObjectNotFound($"Invoice with Id={id} does not exist.", now));
        }

        var invoice = stored.Body;
        var current = JsonValues.StringAt(invoice, "SyncToken") ?? "0";
        if (current != syncToken)
        {
            return VendorResponse.BadRequest(QboErrors.Validation(
                "5010",
                "Stale Object Error",
                "Stale Object Error : You and another user were working on this at the same time. The other user finished before you did, so your work was not saved.",
                now));
        }

        if (invoice["Line"] is JsonArray lines)
        {
            foreach (var line in lines.OfType<JsonObject>())
            {
                line["Amount"] = 0m;
                if (line["SalesItemLineDetail"] is JsonObject detail && detail.ContainsKey("Qty"))
                {
                    detail["Qty"] = 0m;
                }
            }
        }

        invoice["TotalAmt"] = 0m;
        invoice["Balance"] = 0m;
        var note = JsonValues.StringAt(invoice, "PrivateNote");
        invoice["PrivateNote"] = string.IsNullOrEmpty(note) ? "Voided" : $"Voided - {note}";
        invoice["SyncToken"] = (int.Parse(current, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture);
        if (invoice["MetaData"] is JsonObject meta)
        {
            meta["LastUpdatedTime"] = Timestamps.QuickBooksMeta(now);
        }

        return VendorResponse.Ok(Wrap(QboEntityType.Invoice, invoice, now));
    }

    /// <summary>
    /// QuickBooks rejects a sales line whose Amount is not Qty × UnitPrice (code 6070). The product is rounded
    /// to cents half away from zero before comparing, so a unit price with more decimals than cents is accepted
    /// when it multiplies back to the amount. A line without Qty or UnitPrice is not checked.
    /// </summary>
    private static bool AmountMatchesQtyTimesPrice(JsonObject line, decimal amount)
    {
        if (line["SalesItemLineDetail"] is not JsonObject detail
            || !JsonValues.TryDecimal(detail["Qty"], out var qty)
            || !JsonValues.TryDecimal(detail["UnitPrice"], out var unitPrice))
        {
            return true;
        }

        return Math.Round(qty * unitPrice, 2, MidpointRounding.AwayFromZero) == amount;
    }

    /// <summary>The response wrapper: {"Invoice": {...}, "time": "..."}.</summary>
    public static JsonObject Wrap(QboEntityType type, JsonObject entity, DateTimeOffset now) => new()
    {
        [type.ToString()] = entity.DeepClone(),
        ["time"] = Timestamps.QuickBooks(now),
    };

    private static JsonObject NewEntity(string id, JsonObject input, IReadOnlyCollection<string> skip)
    {
        var entity = new JsonObject { ["Id"] = id, ["SyncToken"] = "0" };
        foreach (var (key, value) in input)
        {
            if (!ServerOwned.Contains(key) && !skip.Contains(key))
            {
                entity[key] = value?.DeepClone();
            }
        }

        return entity;
    }

    private static void Finish(JsonObject entity, DateTimeOffset now)
    {
        entity["domain"] = "QBO";
        entity["sparse"] = false;
        entity["MetaData"] = new JsonObject
        {
            ["CreateTime"] = Timestamps.QuickBooksMeta(now),
            ["LastUpdatedTime"] = Timestamps.QuickBooksMeta(now),
        };
    }

    private static VendorResponse Store(
        QboRealm realm, QboEntityType type, string? requestId, JsonObject entity, DateTimeOffset now)
    {
        realm.Entities(type)[entity["Id"]!.GetValue<string>()] = new QboEntity(realm.RealmId, requestId, now, entity);
        return VendorResponse.Ok(Wrap(type, entity, now));
    }
}
