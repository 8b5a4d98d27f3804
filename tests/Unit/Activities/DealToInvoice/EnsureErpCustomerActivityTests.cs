using Integration.Activities.DealToInvoice;
using Integration.Orchestrations.DealToInvoice;
using Microsoft.DurableTask;
using Xunit;

namespace Integration.Tests.Unit.Activities.DealToInvoice;

/// <summary>The activity's contract and its idempotency keys: stable per company, new for a replacement or a rename, within QBO's 50 characters.</summary>
public sealed class EnsureErpCustomerActivityTests
{
    [Theory]
    [InlineData("42", null, false, "crm-company-42")]
    [InlineData("42", "qbo-7", false, "crm-company-42-replaces-qbo-7")]
    [InlineData("42", null, true, "crm-company-42-renamed")]
    [InlineData("42", "qbo-7", true, "crm-company-42-replaces-qbo-7-renamed")]
    public void Short_keys_are_readable(string companyId, string? replaced, bool renamed, string expected)
    {
        Assert.Equal(expected, EnsureErpCustomerActivity.CreationRequestId(companyId, replaced, renamed));
    }

    [Fact]
    public void Long_keys_are_hashed_within_the_limit_deterministically_and_distinctly()
    {
        string companyId = new('9', 30);
        string replaced = new('7', 30);

        string plain = EnsureErpCustomerActivity.CreationRequestId(companyId, replaced);
        string renamed = EnsureErpCustomerActivity.CreationRequestId(companyId, replaced, disambiguatedName: true);

        Assert.All([plain, renamed], k => Assert.InRange(k.Length, 1, EnsureErpCustomerActivity.MaxIdempotencyKeyLength));
        Assert.StartsWith("crm-company-", plain, StringComparison.Ordinal);
        Assert.Equal(plain, EnsureErpCustomerActivity.CreationRequestId(companyId, replaced));
        Assert.NotEqual(plain, renamed);
        Assert.NotEqual(plain, EnsureErpCustomerActivity.CreationRequestId(companyId, replaced + "8"));
    }

    [Fact]
    public void Max_key_length_is_the_qbo_requestid_limit()
    {
        Assert.Equal(50, EnsureErpCustomerActivity.MaxIdempotencyKeyLength);
    }

    [Fact]
    public void Is_the_task_activity_the_workflow_calls_with_its_input_and_output()
    {
        Assert.True(typeof(TaskActivity<EnsureErpCustomerInput, CustomerMatch>).IsAssignableFrom(typeof(EnsureErpCustomerActivity)));
    }
}
