using Integration.Activities.Configuration;
using Integration.Activities.Connectors.Erp;
using Integration.Activities.DealToInvoice;
using Integration.Orchestrations.Common;
using Integration.Orchestrations.DealToInvoice;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;
using Moq;
using Xunit;

namespace Integration.Tests.Unit.Activities.DealToInvoice;

public sealed class ReverseErpInvoiceActivityTests
{
    private const string Key = "deal-1001-reverse-r1";
    private const string Correlation = "corr-9";
    private static readonly DateOnly CreditDate = new(2026, 12, 1);
    private static readonly InvoiceLine Line = new("1", "SVC", "Consulting", 3, 50.00m, 15.00m, 135.00m, "TAX");

    private readonly Mock<IErpConnector> erp = new(MockBehavior.Strict);

    public ReverseErpInvoiceActivityTests()
    {
        erp.SetupGet(e => e.SystemName).Returns("quickbooks");
    }

    [Fact]
    public async Task Void_mode_voids_the_invoice_under_the_key()
    {
        Reads(Invoice(ErpInvoice.Open));
        erp.Setup(e => e.VoidInvoiceAsync("130", Key, Correlation, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Invoice(ErpInvoice.Void) with { Total = 0m });

        ErpReversal result = await RunAsync(ReverseErpInvoiceInput.Void);

        Assert.Equal(new ErpReversal("void", "130", null, 135.00m), result);
        erp.Verify(e => e.VoidInvoiceAsync("130", Key, Correlation, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Theory]
    [InlineData(ErpInvoice.Void, "void")]
    [InlineData(ErpInvoice.Deleted, "void")]
    [InlineData(ErpInvoice.Void, "credit")]
    public async Task An_invoice_already_void_or_deleted_counts_as_done_without_a_write(string status, string mode)
    {
        Reads(Invoice(status) with { Total = 0m });

        ErpReversal result = await RunAsync(mode);

        Assert.Equal(new ErpReversal("void", "130", null, 0m), result);
        erp.Verify(e => e.VoidInvoiceAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        erp.Verify(e => e.CreateCreditNoteAsync(It.IsAny<ErpInvoiceDraft>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Theory]
    [InlineData("void")]
    [InlineData("credit")]
    [InlineData(null)]
    public async Task An_invoice_the_erp_does_not_have_is_permanent_and_writes_nothing(string? mode)
    {
        erp.Setup(e => e.GetInvoiceAsync("130", Correlation, It.IsAny<CancellationToken>())).ReturnsAsync((ErpInvoice?)null);

        PermanentActivityFailureException error = await Assert.ThrowsAsync<PermanentActivityFailureException>(() => RunAsync(mode));

        Assert.Contains("quickbooks has no invoice 130", error.Message, StringComparison.Ordinal);
        Assert.Contains("deal 1001 r1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Credit_mode_raises_a_credit_note_mirroring_the_invoice_under_the_key()
    {
        Reads(Invoice(ErpInvoice.Open));
        ErpInvoiceDraft? sent = null;
        erp.Setup(e => e.CreateCreditNoteAsync(It.IsAny<ErpInvoiceDraft>(), Key, Correlation, It.IsAny<CancellationToken>()))
            .Callback<ErpInvoiceDraft, string, string, CancellationToken>((d, _, _, _) => sent = d)
            .ReturnsAsync(new ErpCreditNote("131", "CN-7", 135.00m));

        ErpReversal result = await RunAsync(ReverseErpInvoiceInput.Credit);

        Assert.Equal(new ErpReversal("credit", "130", "131", 135.00m), result);
        Assert.NotNull(sent);
        Assert.Equal("58", sent.CustomerId);
        Assert.Equal("EUR", sent.Currency);
        Assert.Equal(CreditDate, sent.Date);
        Assert.Equal([Line], sent.Lines);
        Assert.Equal("Credit for invoice 1037: CRM deal 1001 r1", sent.Reference);
    }

    [Fact]
    public async Task A_paid_invoice_can_be_credited()
    {
        Reads(Invoice(ErpInvoice.Paid));
        erp.Setup(e => e.CreateCreditNoteAsync(It.IsAny<ErpInvoiceDraft>(), Key, Correlation, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ErpCreditNote("131", null, 135.00m));

        ErpReversal result = await RunAsync(ReverseErpInvoiceInput.Credit);

        Assert.Equal("131", result.CreditNoteId);
    }

    [Fact]
    public async Task A_paid_invoice_cannot_be_voided_and_nothing_is_written()
    {
        Reads(Invoice(ErpInvoice.Paid));

        PermanentActivityFailureException error = await Assert.ThrowsAsync<PermanentActivityFailureException>(() => RunAsync(ReverseErpInvoiceInput.Void));

        Assert.Contains("credit it instead", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("credit", "credit")]
    [InlineData("void", "void")]
    [InlineData(" Credit ", "credit")]
    public async Task No_mode_means_the_configured_reopen_reversal(string configured, string expected)
    {
        Reads(Invoice(ErpInvoice.Open));
        erp.Setup(e => e.VoidInvoiceAsync("130", Key, Correlation, It.IsAny<CancellationToken>())).ReturnsAsync(Invoice(ErpInvoice.Void));
        erp.Setup(e => e.CreateCreditNoteAsync(It.IsAny<ErpInvoiceDraft>(), Key, Correlation, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ErpCreditNote("131", null, 135.00m));

        ErpReversal result = await RunAsync(null, configured);

        Assert.Equal(expected, result.Mode);
        erp.Verify(e => e.VoidInvoiceAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Exactly(expected == "void" ? 1 : 0));
        erp.Verify(e => e.CreateCreditNoteAsync(It.IsAny<ErpInvoiceDraft>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Exactly(expected == "credit" ? 1 : 0));
    }

    [Fact]
    public async Task An_explicit_mode_wins_over_the_configured_one()
    {
        Reads(Invoice(ErpInvoice.Open));
        erp.Setup(e => e.CreateCreditNoteAsync(It.IsAny<ErpInvoiceDraft>(), Key, Correlation, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ErpCreditNote("131", null, 135.00m));

        ErpReversal result = await RunAsync(ReverseErpInvoiceInput.Credit, configured: "void");

        Assert.Equal("credit", result.Mode);
    }

    [Fact]
    public async Task An_unknown_mode_is_permanent_before_any_call()
    {
        PermanentActivityFailureException error = await Assert.ThrowsAsync<PermanentActivityFailureException>(() => RunAsync("refund"));

        Assert.Contains("'refund'", error.Message, StringComparison.Ordinal);
        erp.Verify(e => e.GetInvoiceAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    private static ErpInvoice Invoice(string status) =>
        new("130", "1037", "58", 135.00m, status, new DateOnly(2026, 11, 20), "EUR", [Line]);

    private void Reads(ErpInvoice invoice) =>
        erp.Setup(e => e.GetInvoiceAsync("130", Correlation, It.IsAny<CancellationToken>())).ReturnsAsync(invoice);

    private Task<ErpReversal> RunAsync(string? mode, string configured = "void")
    {
        var activity = new ReverseErpInvoiceActivity(erp.Object, Options.Create(new ErpOptions { ReopenReversal = configured }));
        return activity.RunAsync(Mock.Of<TaskActivityContext>(), new ReverseErpInvoiceInput("1001", 1, "130", mode, CreditDate, Key, Correlation));
    }
}
