namespace Integration.SendEvent.Scenarios;

/// <summary>A deal to store in the sandbox CRM: HubSpot's all-strings properties, its company and its line items.</summary>
public sealed record SeedDeal(string Id, IReadOnlyDictionary<string, string> Properties, SeedCompany? Company, IReadOnlyList<SeedLine> Lines)
{
    /// <summary>The sandbox admin API's body: {"properties", "company": {"id","properties"}, "lineItems": [{"id","properties"}]}.</summary>
    public object ToAdminBody() => new
    {
        properties = Properties,
        company = Company is null ? null : new { id = Company.Id, properties = Company.Properties },
        lineItems = Lines.Select(l => new { id = l.Id, properties = l.Properties }).ToArray(),
    };
}

/// <summary>A sandbox CRM company.</summary>
public sealed record SeedCompany(string Id, IReadOnlyDictionary<string, string> Properties);

/// <summary>A sandbox CRM line item.</summary>
public sealed record SeedLine(string Id, IReadOnlyDictionary<string, string> Properties);
