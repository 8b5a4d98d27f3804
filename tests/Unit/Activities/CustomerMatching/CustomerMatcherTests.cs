using Integration.Activities.Connectors.Erp;
using Integration.Activities.CustomerMatching;
using Integration.Orchestrations.DealToInvoice;
using Xunit;

namespace Integration.Tests.Unit.Activities.CustomerMatching;

/// <summary>The rules in order (email, email domain, name); the first that finds anyone decides; inactive customers never count.</summary>
public sealed class CustomerMatcherTests
{
    [Fact]
    public void An_exact_email_match_ignores_case_whitespace_and_plus_tags_on_both_sides_and_beats_the_domain_rule()
    {
        var company = Keys("Acme Widgets", domain: "acme.test", email: " AP+Invoices@Acme.TEST ");
        ErpCustomer ap = new("1", "Acme Accounts Payable", "ap+erp@ACME.test ", true);
        ErpCustomer sales = new("2", "Acme Widgets", "sales@acme.test", true);

        CustomerMatchResult result = CustomerMatcher.Match(company, [sales, ap]);

        Assert.Equal(ErpCustomerRef.ByEmail, result.Rule);
        Assert.True(result.IsMatch);
        Assert.Same(ap, Assert.Single(result.Customers));
    }

    [Fact]
    public void The_email_domain_rule_matches_another_address_at_the_company_domain()
    {
        var company = Keys("Acme Widgets", domain: "https://www.acme.test/", email: null);
        ErpCustomer billing = new("1", "Widgets Accounts", "Billing@Acme.test", true);
        ErpCustomer other = new("2", "Other", "ap@other.test", true);

        CustomerMatchResult result = CustomerMatcher.Match(company, [other, billing]);

        Assert.Equal(ErpCustomerRef.ByEmailDomain, result.Rule);
        Assert.Same(billing, Assert.Single(result.Customers));
    }

    [Fact]
    public void A_subdomain_is_not_the_company_domain()
    {
        var company = Keys("Zeta", domain: "acme.test", email: null);

        CustomerMatchResult result = CustomerMatcher.Match(company, [new ErpCustomer("1", "Acme", "ap@mail.acme.test", true)]);

        Assert.Equal(CustomerMatchResult.None, result);
    }

    [Fact]
    public void A_free_mail_domain_is_skipped_so_the_name_rule_decides()
    {
        var company = Keys("Bob's Bikes", domain: null, email: "bob@gmail.com");
        ErpCustomer stranger = new("1", "Alice Cakes", "alice@gmail.com", true);
        ErpCustomer bikes = new("2", "Bobs Bikes Ltd", null, true);

        CustomerMatchResult result = CustomerMatcher.Match(company, [stranger, bikes]);

        Assert.Equal(ErpCustomerRef.ByName, result.Rule);
        Assert.Same(bikes, Assert.Single(result.Customers));
    }

    [Fact]
    public void A_free_mail_domain_alone_matches_nobody()
    {
        var company = Keys("Bob's Bikes", domain: "gmail.com", email: "bob@gmail.com");

        CustomerMatchResult result = CustomerMatcher.Match(company, [new ErpCustomer("1", "Alice Cakes", "alice@gmail.com", true)]);

        Assert.Null(result.Rule);
        Assert.Empty(result.Customers);
        Assert.False(result.IsMatch);
        Assert.False(result.IsAmbiguous);
    }

    [Fact]
    public void The_name_rule_ignores_legal_suffixes_case_and_punctuation()
    {
        var company = Keys("Acme Widgets Limited", domain: null, email: null);
        ErpCustomer acme = new("7", "ACME WIDGETS, LTD.", "ap@acme.test", true);
        ErpCustomer holdings = new("8", "Acme Widgets Holdings Ltd", null, true);

        CustomerMatchResult result = CustomerMatcher.Match(company, [holdings, acme]);

        Assert.Equal(ErpCustomerRef.ByName, result.Rule);
        Assert.Same(acme, Assert.Single(result.Customers));
    }

    [Fact]
    public void Two_customers_with_the_email_are_ambiguous_even_when_the_name_would_pick_one()
    {
        var company = Keys("Acme", domain: null, email: "ap@acme.test");
        ErpCustomer a = new("1", "Acme", "AP@acme.test", true);
        ErpCustomer b = new("2", "Acme Europe", "ap+eu@acme.test", true);

        CustomerMatchResult result = CustomerMatcher.Match(company, [a, b]);

        Assert.Equal(ErpCustomerRef.ByEmail, result.Rule);
        Assert.True(result.IsAmbiguous);
        Assert.Equal(["1", "2"], result.Customers.Select(c => c.Id));
    }

    [Fact]
    public void Two_customers_at_the_domain_are_ambiguous_and_a_later_rule_does_not_break_the_tie()
    {
        var company = Keys("Acme", domain: "acme.test", email: null);
        ErpCustomer a = new("1", "Acme", "sales@acme.test", true);
        ErpCustomer b = new("2", "Acme Europe", "eu@acme.test", true);
        ErpCustomer byName = new("3", "Acme Ltd", null, true);

        CustomerMatchResult result = CustomerMatcher.Match(company, [a, byName, b]);

        Assert.Equal(ErpCustomerRef.ByEmailDomain, result.Rule);
        Assert.Equal(["1", "2"], result.Customers.Select(c => c.Id));
    }

    [Fact]
    public void Two_customers_with_the_name_are_ambiguous()
    {
        var company = Keys("Acme Ltd", domain: null, email: null);

        CustomerMatchResult result = CustomerMatcher.Match(company, [new ErpCustomer("1", "Acme", null, true), new ErpCustomer("2", "ACME Limited", null, true)]);

        Assert.Equal(ErpCustomerRef.ByName, result.Rule);
        Assert.True(result.IsAmbiguous);
        Assert.Equal(2, result.Customers.Count);
    }

    [Fact]
    public void Inactive_customers_are_never_candidates()
    {
        var company = Keys("Acme", domain: "acme.test", email: "ap@acme.test");
        ErpCustomer inactiveSameEmail = new("1", "Acme Old", "ap@acme.test", false);
        ErpCustomer inactiveSameDomain = new("2", "Acme Older", "x@acme.test", false);
        ErpCustomer activeByName = new("3", "Acme Ltd", null, true);

        CustomerMatchResult result = CustomerMatcher.Match(company, [inactiveSameEmail, inactiveSameDomain, activeByName]);

        Assert.Equal(ErpCustomerRef.ByName, result.Rule);
        Assert.Same(activeByName, Assert.Single(result.Customers));
        Assert.Equal(CustomerMatchResult.None, CustomerMatcher.Match(company, [inactiveSameEmail, inactiveSameDomain]));
    }

    [Fact]
    public void A_customer_returned_by_both_searches_counts_once()
    {
        var company = Keys("Acme", domain: "acme.test", email: null);
        ErpCustomer acme = new("1", "Acme", "ap@acme.test", true);

        CustomerMatchResult result = CustomerMatcher.Match(company, [acme, acme with { }]);

        Assert.True(result.IsMatch);
    }

    [Fact]
    public void Same_name_keeps_active_customers_whose_normalised_name_is_equal()
    {
        ErpCustomer[] customers =
        [
            new("1", "Acme Widgets Ltd", null, true),
            new("2", "ACME WIDGETS", null, false),
            new("3", "Acme Widgets Holdings", null, true),
            new("4", "acme widgets, inc.", null, true),
        ];

        Assert.Equal(["1", "4"], CustomerMatcher.SameName("Acme Widgets Ltd", customers).Select(c => c.Id));
        Assert.Empty(CustomerMatcher.SameName("...", customers));
    }

    private static CompanyMatchKeys Keys(string name, string? domain, string? email) =>
        CompanyMatchKeys.From(new CrmCompany("42", name, domain, email));
}
