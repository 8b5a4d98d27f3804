using Integration.Activities.Connectors.Erp;
using Integration.Activities.CustomerMatching;
using Integration.Orchestrations.DealToInvoice;
using Xunit;

namespace Integration.Tests.Unit.Activities.CustomerMatching;

/// <summary>Which normalised values of a company the rules compare, and what the ERP is asked for.</summary>
public sealed class CompanyMatchKeysTests
{
    [Fact]
    public void Takes_the_domain_field_and_the_normalised_email_and_name()
    {
        var keys = CompanyMatchKeys.From(new CrmCompany("42", "Acme Widgets Ltd", "https://www.Acme.test/", " AP+Invoices@Acme.test "));

        Assert.Equal(new CompanyMatchKeys("ap@acme.test", "acme.test", "acme widgets", "acme.test"), keys);
        Assert.Equal("acme", keys.NamePrefix);
        Assert.Equal(new ErpCustomerQuery("acme.test", "acme"), keys.Query);
    }

    [Fact]
    public void Without_a_domain_field_the_email_domain_is_used()
    {
        var keys = CompanyMatchKeys.From(new CrmCompany("42", "Acme", null, "ap@acme.test"));

        Assert.Equal("acme.test", keys.Domain);
        Assert.Equal("acme.test", keys.QueryDomain);
    }

    [Fact]
    public void A_free_mail_email_is_no_domain_to_match_but_is_still_queried_for_the_exact_address()
    {
        var keys = CompanyMatchKeys.From(new CrmCompany("42", "Bob's Bikes", null, "Bob@Gmail.com"));

        Assert.Null(keys.Domain);
        Assert.Equal("bob@gmail.com", keys.Email);
        Assert.Equal(new ErpCustomerQuery("gmail.com", "bobs"), keys.Query);
    }

    [Fact]
    public void A_free_mail_domain_field_gives_way_to_a_company_email_domain()
    {
        var keys = CompanyMatchKeys.From(new CrmCompany("42", "Acme", "www.gmail.com", "ap@acme.test"));

        Assert.Equal("acme.test", keys.Domain);
    }

    [Fact]
    public void The_domain_field_wins_over_a_different_email_domain()
    {
        var keys = CompanyMatchKeys.From(new CrmCompany("42", "Acme", "acme.test", "ap@acme-billing.test"));

        Assert.Equal("acme.test", keys.Domain);
        Assert.Equal("ap@acme-billing.test", keys.Email);
    }

    [Fact]
    public void Nothing_usable_means_nothing_to_ask_the_erp()
    {
        var keys = CompanyMatchKeys.From(new CrmCompany("42", " ... ", "not a domain", "not an email"));

        Assert.Equal(new CompanyMatchKeys(null, null, null, null), keys);
        Assert.Null(keys.Query);
    }
}
