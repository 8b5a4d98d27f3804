using Integration.Activities.Configuration;
using Integration.Activities.Connectors.QuickBooks;
using Integration.Activities.Connectors.Xero;
using Integration.Orchestrations.DealToInvoice;
using Integration.Tests.Unit.Sandbox;
using Microsoft.Extensions.Options;
using Moq;

namespace Integration.Tests.Unit.Activities.Connectors;

/// <summary>The product's ERP clients pointed at an in-process sandbox, talking real HTTP (no resilience handler, so a refusal surfaces at once).</summary>
internal static class SandboxConnectors
{
    public static QuickBooksClient QuickBooks(SandboxHost sandbox, string defaultItemId = "1") =>
        new(new HttpClient(), Monitor(new QuickBooksOptions
        {
            BaseUrl = new Uri(sandbox.BaseUri, "quickbooks").ToString(),
            RealmId = SandboxHost.Realm,
            AccessToken = SandboxHost.QuickBooksToken,
            DefaultItemId = defaultItemId,
        }));

    public static XeroClient Xero(SandboxHost sandbox, string tenant = SandboxHost.XeroTenant, string salesAccountCode = "200") =>
        new(new HttpClient(), Monitor(new XeroOptions
        {
            BaseUrl = new Uri(sandbox.BaseUri, "xero").ToString(),
            TenantId = tenant,
            AccessToken = SandboxHost.XeroToken,
            SalesAccountCode = salesAccountCode,
        }));

    public static InvoiceLine Line(
        string id, decimal quantity, decimal unitPrice, decimal discount = 0, string itemCode = "SVC", string? taxCode = "TAX", string description = "Consulting") =>
        new(id, itemCode, description, quantity, unitPrice, discount,
            Math.Round(quantity * unitPrice - discount, 2, MidpointRounding.AwayFromZero), taxCode);

    private static IOptionsMonitor<T> Monitor<T>(T value)
        where T : class => Mock.Of<IOptionsMonitor<T>>(m => m.CurrentValue == value);
}
