using Integration.Activities.Connectors.Erp;
using Integration.Activities.DealToInvoice;
using Integration.Orchestrations.DealToInvoice;
using Microsoft.DurableTask;
using Moq;
using Xunit;

namespace Integration.Tests.Unit.Activities.DealToInvoice;

public sealed class CreateErpInvoiceActivityTests
{
    private static readonly InvoiceLine Line = new("111", "SVC", "Consulting", 3, 50.00m, 15.00m, 135.00m, "TAX");

    [Fact]
    public async Task Creates_the_draft_under_the_workflow_key_and_returns_the_erp_invoice()
    {
        var erp = new Mock<IErpConnector>(MockBehavior.Strict);
        ErpInvoiceDraft? sent = null;
        erp.Setup(e => e.CreateInvoiceAsync(It.IsAny<ErpInvoiceDraft>(), "deal-1001-invoice-r2", "corr-1", It.IsAny<CancellationToken>()))
            .Callback<ErpInvoiceDraft, string, string, CancellationToken>((d, _, _, _) => sent = d)
            .ReturnsAsync(new ErpInvoice("130", "1037", "58", 135.00m, ErpInvoice.Open, new DateOnly(2026, 11, 20), "EUR", [Line]));
        var input = new CreateErpInvoiceInput(
            "1001", 2, "58", "EUR", [Line], new DateOnly(2026, 11, 20), new DateOnly(2027, 1, 4), "deal-1001-invoice-r2", "corr-1");

        ErpInvoiceRef result = await new CreateErpInvoiceActivity(erp.Object).RunAsync(Mock.Of<TaskActivityContext>(), input);

        Assert.Equal(new ErpInvoiceRef("130", "1037", 135.00m), result);
        Assert.NotNull(sent);
        Assert.Equal("58", sent.CustomerId);
        Assert.Equal(new DateOnly(2026, 11, 20), sent.Date);
        Assert.Equal(new DateOnly(2027, 1, 4), sent.DueDate);
        Assert.Equal("EUR", sent.Currency);
        Assert.Equal("CRM deal 1001 r2", sent.Reference);
        Assert.Equal([Line], sent.Lines);
        erp.VerifyAll();
    }

    [Fact]
    public async Task The_total_is_the_erps_not_a_sum_made_here()
    {
        var erp = new Mock<IErpConnector>();
        erp.Setup(e => e.CreateInvoiceAsync(It.IsAny<ErpInvoiceDraft>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ErpInvoice("INV-guid", null, "c", 134.99m, ErpInvoice.Open, null, "USD", []));
        var input = new CreateErpInvoiceInput("7", 1, "c", "USD", [Line], default, default, "k", "corr");

        ErpInvoiceRef result = await new CreateErpInvoiceActivity(erp.Object).RunAsync(Mock.Of<TaskActivityContext>(), input);

        Assert.Equal(134.99m, result.Total);
        Assert.Null(result.DocNumber);
    }

    [Fact]
    public void Reference_names_deal_and_revision()
    {
        Assert.Equal("CRM deal 42 r3", CreateErpInvoiceActivity.Reference("42", 3));
    }
}
