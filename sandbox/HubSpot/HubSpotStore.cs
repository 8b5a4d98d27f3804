namespace Integration.Sandbox.HubSpot;

/// In-memory HubSpot CRM state (deals, companies, line items) of one sandbox, generating numeric deals on demand.
internal sealed class HubSpotStore(SandboxOptions options, TimeProvider time)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, StoredDeal> deals = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HubSpotRecord> companies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HubSpotRecord> lineItems = new(StringComparer.Ordinal);

    /// <summary>A stored deal; a never-stored numeric id is generated first when generation is on.</summary>
    public StoredDeal? FindDeal(string id)
    {
        lock (gate)
        {
            return FindOrGenerateDeal(id);
        }
    }

    /// <summary>A stored deal without generating anything (admin view).</summary>
    public StoredDeal? PeekDeal(string id)
    {
        lock (gate)
        {
            return deals.GetValueOrDefault(id);
        }
    }

    public HubSpotRecord? FindCompany(string id)
    {
        lock (gate)
        {
            if (companies.TryGetValue(id, out var company))
            {
                return company;
            }

            if (options.GenerateDeals && DealGenerator.IsGeneratedCompanyId(id, out var index))
            {
                company = DealGenerator.GenerateCompany(index);
                companies[id] = company;
                return company;
            }

            return null;
        }
    }

    public HubSpotRecord? FindLineItem(string id)
    {
        lock (gate)
        {
            if (lineItems.TryGetValue(id, out var line))
            {
                return line;
            }

            if (DealGenerator.TryDealIdOfLineItem(id, out var dealId) && !deals.ContainsKey(dealId))
            {
                FindOrGenerateDeal(dealId);
            }

            return lineItems.GetValueOrDefault(id);
        }
    }

    /// <summary>Merges properties into a deal and bumps its modification time; null when the deal is unknown.</summary>
    public StoredDeal? PatchDeal(string id, IReadOnlyDictionary<string, string> changes)
    {
        lock (gate)
        {
            var deal = FindOrGenerateDeal(id);
            if (deal is null)
            {
                return null;
            }

            var updatedAt = Later(deal.UpdatedAt);
            var properties = new Dictionary<string, string>(deal.Properties, StringComparer.Ordinal);
            foreach (var (key, value) in changes)
            {
                properties[key] = value;
            }

            var patched = deal with
            {
                Properties = DealGenerator.WithSystemProperties(id, deal.CreatedAt, updatedAt, properties),
                UpdatedAt = updatedAt,
            };
            deals[id] = patched;
            return patched;
        }
    }

    /// <summary>Creates or replaces a deal and stores the company and line items it carries.</summary>
    public StoredDeal UpsertDeal(DealUpsert upsert)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            var createdAt = deals.TryGetValue(upsert.Id, out var existing) ? existing.CreatedAt : now;
            if (upsert.Company is { } company)
            {
                companies[company.Id] = ToRecord(company, companies.GetValueOrDefault(company.Id), now);
            }

            foreach (var line in upsert.LineItems)
            {
                lineItems[line.Id] = ToRecord(line, lineItems.GetValueOrDefault(line.Id), now);
            }

            var properties = new Dictionary<string, string>(upsert.Properties, StringComparer.Ordinal);
            var deal = new StoredDeal(
                upsert.Id,
                DealGenerator.WithSystemProperties(upsert.Id, createdAt, now, properties),
                upsert.LineItems.Select(l => l.Id).ToList(),
                upsert.Company?.Id,
                createdAt,
                now);
            deals[upsert.Id] = deal;
            return deal;
        }
    }

    public IReadOnlyList<StoredDeal> Deals()
    {
        lock (gate)
        {
            return [.. deals.Values];
        }
    }

    public IReadOnlyList<HubSpotRecord> Companies()
    {
        lock (gate)
        {
            return [.. companies.Values];
        }
    }

    public IReadOnlyList<HubSpotRecord> LineItems()
    {
        lock (gate)
        {
            return [.. lineItems.Values];
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            deals.Clear();
            companies.Clear();
            lineItems.Clear();
        }
    }

    private StoredDeal? FindOrGenerateDeal(string id)
    {
        if (deals.TryGetValue(id, out var deal))
        {
            return deal;
        }

        if (!options.GenerateDeals || !DealGenerator.CanGenerate(id, out var number))
        {
            return null;
        }

        var generated = DealGenerator.Generate(number);
        companies.TryAdd(generated.Company.Id, generated.Company);
        foreach (var line in generated.LineItems)
        {
            lineItems[line.Id] = line;
        }

        deals[id] = generated.Deal;
        return generated.Deal;
    }

    // Generated deals carry fixed timestamps; make sure an update always moves updatedAt forward.
    private DateTimeOffset Later(DateTimeOffset previous)
    {
        var now = time.GetUtcNow();
        return now > previous ? now : previous.AddMilliseconds(1);
    }

    private static HubSpotRecord ToRecord(DealUpsertRecord input, HubSpotRecord? existing, DateTimeOffset now)
    {
        var createdAt = existing?.CreatedAt ?? now;
        var properties = new Dictionary<string, string>(input.Properties, StringComparer.Ordinal);
        return new HubSpotRecord(
            input.Id, DealGenerator.WithSystemProperties(input.Id, createdAt, now, properties), createdAt, now);
    }
}
