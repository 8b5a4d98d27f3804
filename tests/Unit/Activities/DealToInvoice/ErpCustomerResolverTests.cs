using Integration.Activities.Connectors.Erp;
using Integration.Activities.DealToInvoice;
using Integration.Orchestrations.Common;
using Integration.Orchestrations.DealToInvoice;
using Moq;
using Xunit;

namespace Integration.Tests.Unit.Activities.DealToInvoice;

/// <summary>
/// Every branch of EnsureErpCustomer's decision: operator answers, the cross-reference (live and
/// stale), each matching rule (one candidate, several), creation and the ERP's duplicate-name answer.
/// The ERP and the link table are strict mocks, so any call a branch should not make fails the test.
/// </summary>
public sealed class ErpCustomerResolverTests
{
    private const string CorrelationId = "corr-1";
    private const string CompanyId = "42";

    private static readonly CrmCompany Company = new(CompanyId, "Acme Widgets Ltd", "https://www.acme.test/", " AP+Invoices@Acme.test ");
    private static readonly ErpCustomerQuery CompanyQuery = new("acme.test", "acme");

    private readonly Mock<IErpConnector> erp = new(MockBehavior.Strict);
    private readonly Mock<ICustomerLinks> links = new(MockBehavior.Strict);
    private readonly List<(string CompanyId, string CustomerId, string Rule)> linked = [];
    private readonly List<ErpCustomer> linkedCustomers = [];
    private readonly List<(ErpCustomerDraft Draft, string Key)> creates = [];

    public ErpCustomerResolverTests()
    {
        links.Setup(l => l.LinkAsync(It.IsAny<string>(), It.IsAny<ErpCustomer>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback<string, ErpCustomer, string, CancellationToken>((company, customer, rule, _) =>
            {
                linked.Add((company, customer.Id, rule));
                linkedCustomers.Add(customer);
            })
            .Returns(Task.CompletedTask);
    }

    // ---- cross-reference ----

    [Fact]
    public async Task A_link_to_an_active_customer_renamed_in_the_erp_but_with_the_companys_email_matches_by_cross_reference_without_searching_or_relinking()
    {
        Link("qbo-7");
        Customer(new ErpCustomer("qbo-7", "Acme Widgets (renamed)", "AP@acme.test", true));

        CustomerMatch match = await ResolveAsync(Input());

        Assert.Equal(new ErpCustomerRef("qbo-7", "Acme Widgets (renamed)", ErpCustomerRef.ByCrossReference), AssertMatched(match));
        Assert.Empty(linked);
        erp.Verify(e => e.FindCustomersAsync(It.IsAny<ErpCustomerQuery>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task A_link_whose_customer_id_now_names_someone_else_is_a_mismatch_showing_both_sides_and_nothing_is_linked_or_created()
    {
        // A restored ERP company: id qbo-7 now belongs to another customer, active.
        Link("qbo-7", "Acme Widgets Ltd", "ap@acme.test");
        Customer(new ErpCustomer("qbo-7", "Globex Corporation", "billing@globex.test", true));

        CustomerMatch match = await ResolveAsync(Input());

        Assert.Equal(CustomerMatch.LinkMismatch, match.Outcome);
        Assert.Null(match.Customer);
        Assert.Equal([new ErpCustomerCandidate("qbo-7", "Globex Corporation", "billing@globex.test", ErpCustomerRef.ByCrossReference)], match.Candidates);
        Assert.Contains("'Acme Widgets Ltd' <AP+Invoices@Acme.test>", match.Detail, StringComparison.Ordinal);
        Assert.Contains("now 'Globex Corporation' <billing@globex.test>", match.Detail, StringComparison.Ordinal);
        Assert.Contains("when linked (by rule 'email') it was 'Acme Widgets Ltd' <ap@acme.test>", match.Detail, StringComparison.Ordinal);
        Assert.Empty(linked);
        Assert.Empty(creates);
        erp.Verify(e => e.FindCustomersAsync(It.IsAny<ErpCustomerQuery>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task A_link_to_a_customer_still_as_it_was_when_linked_matches_even_when_it_bears_another_name_than_the_company()
    {
        // Linked by e-mail domain (or named by an operator): another name and address than the company's, unchanged since.
        Link("qbo-3", "AW Group", "billing@acme.test", ErpCustomerRef.ByEmailDomain);
        Customer(new ErpCustomer("qbo-3", "AW Group", "billing@acme.test", true));

        CustomerMatch match = await ResolveAsync(Input());

        Assert.Equal(new ErpCustomerRef("qbo-3", "AW Group", ErpCustomerRef.ByCrossReference), AssertMatched(match));
    }

    [Fact]
    public async Task A_link_to_a_customer_with_the_companys_name_matches_whatever_it_was_when_linked()
    {
        Link("qbo-7", "Old Name", "old@old.test");
        Customer(new ErpCustomer("qbo-7", "ACME Widgets Limited", null, true));

        CustomerMatch match = await ResolveAsync(Input());

        Assert.Equal(ErpCustomerRef.ByCrossReference, AssertMatched(match).MatchRule);
    }

    [Fact]
    public async Task A_link_records_the_customers_name_and_email_as_they_were_when_linked()
    {
        NoLink();
        Search(CompanyQuery, new ErpCustomer("qbo-1", "Widgets Payables", " ap@ACME.test", true));

        await ResolveAsync(Input());

        Assert.Equal(new ErpCustomer("qbo-1", "Widgets Payables", " ap@ACME.test", true), Assert.Single(linkedCustomers));
    }

    [Fact]
    public async Task A_link_to_an_inactive_customer_is_stale_and_its_replacement_is_created_under_a_new_key()
    {
        Link("qbo-old");
        Customer(new ErpCustomer("qbo-old", "Acme Widgets Ltd", "ap@acme.test", false));
        Search(CompanyQuery, new ErpCustomer("qbo-old", "Acme Widgets Ltd", "ap@acme.test", false));
        Creates(new ErpCustomer("qbo-new", "Acme Widgets Ltd", "ap+invoices@acme.test", true));

        CustomerMatch match = await ResolveAsync(Input());

        Assert.Equal(new ErpCustomerRef("qbo-new", "Acme Widgets Ltd", ErpCustomerRef.Created), AssertMatched(match));
        Assert.Equal("crm-company-42-replaces-qbo-old", Assert.Single(creates).Key);
        Assert.Equal((CompanyId, "qbo-new", ErpCustomerRef.Created), Assert.Single(linked));
    }

    [Fact]
    public async Task A_link_to_a_customer_the_erp_no_longer_has_is_stale_and_matching_relinks()
    {
        Link("qbo-gone");
        Customer("qbo-gone", null);
        Search(CompanyQuery, new ErpCustomer("qbo-9", "ACME Widgets Limited", null, true));

        CustomerMatch match = await ResolveAsync(Input());

        Assert.Equal(new ErpCustomerRef("qbo-9", "ACME Widgets Limited", ErpCustomerRef.ByName), AssertMatched(match));
        Assert.Equal((CompanyId, "qbo-9", ErpCustomerRef.ByName), Assert.Single(linked));
        Assert.Empty(creates);
    }

    // ---- matching rules: one candidate ----

    [Fact]
    public async Task An_email_match_ignores_plus_tags_case_and_whitespace_and_is_linked_by_rule_email()
    {
        NoLink();
        Search(
            CompanyQuery,
            new ErpCustomer("qbo-1", "Widgets Payables", " ap@ACME.test", true),
            new ErpCustomer("qbo-2", "Acme Widgets Ltd", "sales@acme.test", true));

        CustomerMatch match = await ResolveAsync(Input());

        Assert.Equal(new ErpCustomerRef("qbo-1", "Widgets Payables", ErpCustomerRef.ByEmail), AssertMatched(match));
        Assert.Equal((CompanyId, "qbo-1", ErpCustomerRef.ByEmail), Assert.Single(linked));
    }

    [Fact]
    public async Task A_domain_match_is_linked_by_rule_email_domain()
    {
        NoLink();
        Search(
            CompanyQuery,
            new ErpCustomer("qbo-3", "AW Group", "billing@acme.test", true),
            new ErpCustomer("qbo-4", "Acme Widgets Ltd", "ap@other.test", false));

        CustomerMatch match = await ResolveAsync(Input());

        Assert.Equal(new ErpCustomerRef("qbo-3", "AW Group", ErpCustomerRef.ByEmailDomain), AssertMatched(match));
        Assert.Equal((CompanyId, "qbo-3", ErpCustomerRef.ByEmailDomain), Assert.Single(linked));
    }

    [Fact]
    public async Task A_name_match_ignores_the_legal_suffix_and_is_linked_by_rule_name()
    {
        NoLink();
        var company = new CrmCompany(CompanyId, "Acme Widgets Limited", null, null);
        Search(new ErpCustomerQuery(null, "acme"), new ErpCustomer("qbo-5", "ACME Widgets, Inc.", null, true), new ErpCustomer("qbo-6", "Acme Holdings", null, true));

        CustomerMatch match = await ResolveAsync(Input(company));

        Assert.Equal(new ErpCustomerRef("qbo-5", "ACME Widgets, Inc.", ErpCustomerRef.ByName), AssertMatched(match));
        Assert.Equal((CompanyId, "qbo-5", ErpCustomerRef.ByName), Assert.Single(linked));
    }

    [Fact]
    public async Task A_free_mail_domain_is_not_matched_so_a_stranger_at_gmail_is_not_linked()
    {
        NoLink();
        var company = new CrmCompany(CompanyId, "Bob's Bikes", null, "Bob@Gmail.com");
        Search(new ErpCustomerQuery("gmail.com", "bobs"), new ErpCustomer("qbo-8", "Alice Cakes", "alice@gmail.com", true));
        Creates(new ErpCustomer("qbo-new", "Bob's Bikes", "Bob@Gmail.com", true));

        CustomerMatch match = await ResolveAsync(Input(company));

        Assert.Equal(new ErpCustomerRef("qbo-new", "Bob's Bikes", ErpCustomerRef.Created), AssertMatched(match));
        Assert.Equal((CompanyId, "qbo-new", ErpCustomerRef.Created), Assert.Single(linked));
    }

    // ---- matching rules: several candidates ----

    public static TheoryData<string, ErpCustomer[]> AmbiguousAtEachRule => new()
    {
        {
            ErpCustomerRef.ByEmail,
            [new("qbo-1", "Acme Widgets Ltd", "ap@acme.test", true), new("qbo-2", "Acme EU", "AP+eu@acme.test", true), new("qbo-3", "Other", "x@acme.test", true)]
        },
        {
            ErpCustomerRef.ByEmailDomain,
            [new("qbo-1", "Acme Widgets Ltd", "sales@acme.test", true), new("qbo-2", "Acme EU", "eu@acme.test", true), new("qbo-3", "Acme Widgets", null, true)]
        },
        {
            ErpCustomerRef.ByName,
            [new("qbo-1", "Acme Widgets Ltd", null, true), new("qbo-2", "ACME WIDGETS LIMITED", "ap@other.test", true), new("qbo-3", "Acme Holdings", null, true)]
        },
    };

    [Theory]
    [MemberData(nameof(AmbiguousAtEachRule))]
    public async Task Several_candidates_under_the_first_rule_that_finds_any_go_to_a_person_and_nothing_is_linked_or_created(string rule, ErpCustomer[] customers)
    {
        NoLink();
        Search(CompanyQuery, customers);

        CustomerMatch match = await ResolveAsync(Input());

        Assert.Equal(CustomerMatch.Ambiguous, match.Outcome);
        Assert.Null(match.Customer);
        Assert.Equal(
            customers.Take(2).Select(c => new ErpCustomerCandidate(c.Id, c.Name, c.Email, rule)),
            match.Candidates);
        Assert.Contains($"'{rule}'", match.Detail, StringComparison.Ordinal);
        Assert.Empty(linked);
        Assert.Empty(creates);
    }

    // ---- no candidate: create ----

    [Fact]
    public async Task No_candidate_creates_the_customer_keyed_by_the_company_and_links_it_as_created()
    {
        NoLink();
        Search(CompanyQuery, new ErpCustomer("qbo-1", "Zeta", "z@zeta.test", true));
        Creates(new ErpCustomer("qbo-new", "Acme Widgets Ltd", "AP+Invoices@Acme.test", true));

        CustomerMatch match = await ResolveAsync(Input() with { CustomerCategory = "Partner" });

        Assert.Equal(new ErpCustomerRef("qbo-new", "Acme Widgets Ltd", ErpCustomerRef.Created), AssertMatched(match));
        var (draft, key) = Assert.Single(creates);
        Assert.Equal(new ErpCustomerDraft("Acme Widgets Ltd", "AP+Invoices@Acme.test", "Partner", "CRM company 42"), draft);
        Assert.Equal("crm-company-42", key);
        Assert.Equal((CompanyId, "qbo-new", ErpCustomerRef.Created), Assert.Single(linked));
    }

    [Fact]
    public async Task An_email_that_is_not_an_address_is_left_off_the_new_customer()
    {
        NoLink();
        var company = new CrmCompany(CompanyId, "Acme Widgets Ltd", "acme.test", "accounts at acme");
        Search(CompanyQuery);
        Creates(new ErpCustomer("qbo-new", "Acme Widgets Ltd", null, true));

        await ResolveAsync(Input(company));

        Assert.Null(Assert.Single(creates).Draft.Email);
    }

    [Fact]
    public async Task A_taken_name_links_the_one_active_customer_holding_it_by_display_name()
    {
        NoLink();
        Search(CompanyQuery);
        Creates((ErpCustomer?)null);
        Search(new ErpCustomerQuery(null, "Acme Widgets Ltd"), new ErpCustomer("qbo-10", "Acme Widgets Ltd", null, true), new ErpCustomer("qbo-11", "Acme Widgets Ltd (old)", null, true));

        CustomerMatch match = await ResolveAsync(Input());

        Assert.Equal(new ErpCustomerRef("qbo-10", "Acme Widgets Ltd", ErpCustomerRef.ByDisplayName), AssertMatched(match));
        Assert.Equal((CompanyId, "qbo-10", ErpCustomerRef.ByDisplayName), Assert.Single(linked));
        Assert.Single(creates);
    }

    [Fact]
    public async Task A_name_taken_by_an_inactive_customer_creates_a_disambiguated_one_under_its_own_key()
    {
        NoLink();
        Search(CompanyQuery);
        Search(new ErpCustomerQuery(null, "Acme Widgets Ltd"), new ErpCustomer("qbo-10", "Acme Widgets Ltd", null, false));
        Creates(null, new ErpCustomer("qbo-new", "Acme Widgets Ltd (CRM 42)", null, true));

        CustomerMatch match = await ResolveAsync(Input());

        Assert.Equal(new ErpCustomerRef("qbo-new", "Acme Widgets Ltd (CRM 42)", ErpCustomerRef.Created), AssertMatched(match));
        Assert.Contains("'Acme Widgets Ltd (CRM 42)'", match.Detail, StringComparison.Ordinal);
        Assert.Equal(
            [("Acme Widgets Ltd", "crm-company-42"), ("Acme Widgets Ltd (CRM 42)", "crm-company-42-renamed")],
            creates.Select(c => (c.Draft.Name, c.Key)));
        Assert.Equal((CompanyId, "qbo-new", ErpCustomerRef.Created), Assert.Single(linked));
    }

    [Fact]
    public async Task A_name_taken_by_several_active_customers_goes_to_a_person_by_display_name()
    {
        NoLink();
        Search(CompanyQuery);
        Creates((ErpCustomer?)null);
        Search(new ErpCustomerQuery(null, "Acme Widgets Ltd"), new ErpCustomer("qbo-10", "Acme Widgets Ltd", null, true), new ErpCustomer("qbo-12", "ACME Widgets Ltd.", null, true));

        CustomerMatch match = await ResolveAsync(Input());

        Assert.Equal(CustomerMatch.Ambiguous, match.Outcome);
        Assert.Equal(["qbo-10", "qbo-12"], match.Candidates.Select(c => c.Id));
        Assert.All(match.Candidates, c => Assert.Equal(ErpCustomerRef.ByDisplayName, c.Rule));
        Assert.Empty(linked);
    }

    [Fact]
    public async Task When_the_disambiguated_name_is_taken_too_its_active_holder_was_made_for_this_company_and_is_linked()
    {
        NoLink();
        Search(CompanyQuery);
        Search(new ErpCustomerQuery(null, "Acme Widgets Ltd"));
        Creates(null, null);
        Search(new ErpCustomerQuery(null, "Acme Widgets Ltd (CRM 42)"), new ErpCustomer("qbo-20", "Acme Widgets Ltd (CRM 42)", null, true));

        CustomerMatch match = await ResolveAsync(Input());

        Assert.Equal(new ErpCustomerRef("qbo-20", "Acme Widgets Ltd (CRM 42)", ErpCustomerRef.ByDisplayName), AssertMatched(match));
        Assert.Equal((CompanyId, "qbo-20", ErpCustomerRef.ByDisplayName), Assert.Single(linked));
    }

    [Fact]
    public async Task When_both_names_are_taken_and_no_active_customer_holds_the_second_the_failure_is_permanent()
    {
        NoLink();
        Search(CompanyQuery);
        Search(new ErpCustomerQuery(null, "Acme Widgets Ltd"));
        Creates(null, null);
        Search(new ErpCustomerQuery(null, "Acme Widgets Ltd (CRM 42)"), new ErpCustomer("qbo-20", "Acme Widgets Ltd (CRM 42)", null, false));

        var ex = await Assert.ThrowsAsync<PermanentActivityFailureException>(() => ResolveAsync(Input()));

        Assert.Contains("CRM company 42", ex.Message, StringComparison.Ordinal);
        Assert.Empty(linked);
    }

    [Fact]
    public async Task A_company_with_nothing_to_match_or_create_by_goes_to_a_person()
    {
        NoLink();
        var company = new CrmCompany(CompanyId, "  ", null, null);

        CustomerMatch match = await ResolveAsync(Input(company));

        Assert.Equal(CustomerMatch.NotFound, match.Outcome);
        Assert.Contains("no name", match.Detail, StringComparison.Ordinal);
        Assert.Empty(creates);
        Assert.Empty(linked);
    }

    // ---- operator answers ----

    [Fact]
    public async Task An_operator_named_active_customer_is_linked_by_rule_operator()
    {
        Customer(new ErpCustomer("qbo-77", "Acme (North)", null, true));

        CustomerMatch match = await ResolveAsync(Input() with { OperatorCustomerId = " qbo-77 " });

        Assert.Equal(new ErpCustomerRef("qbo-77", "Acme (North)", ErpCustomerRef.ByOperator), AssertMatched(match));
        Assert.Equal((CompanyId, "qbo-77", ErpCustomerRef.ByOperator), Assert.Single(linked));
        links.Verify(l => l.FindAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task An_operator_named_customer_the_erp_does_not_have_is_not_found()
    {
        Customer("qbo-404", null);

        CustomerMatch match = await ResolveAsync(Input() with { OperatorCustomerId = "qbo-404" });

        Assert.Equal(CustomerMatch.NotFound, match.Outcome);
        Assert.Null(match.Customer);
        Assert.Empty(match.Candidates);
        Assert.Contains("no customer with id 'qbo-404'", match.Detail, StringComparison.Ordinal);
        Assert.Empty(linked);
    }

    [Fact]
    public async Task An_operator_named_inactive_customer_is_not_found()
    {
        Customer(new ErpCustomer("qbo-78", "Acme (closed)", null, false));

        CustomerMatch match = await ResolveAsync(Input() with { OperatorCustomerId = "qbo-78" });

        Assert.Equal(CustomerMatch.NotFound, match.Outcome);
        Assert.Contains("qbo-78 'Acme (closed)' is inactive", match.Detail, StringComparison.Ordinal);
        Assert.Empty(linked);
    }

    [Fact]
    public async Task Create_new_creates_without_matching_and_links_as_created()
    {
        NoLink();
        Creates(new ErpCustomer("qbo-new", "Acme Widgets Ltd", null, true));

        CustomerMatch match = await ResolveAsync(Input() with { CreateNew = true, CustomerCategory = "Retail" });

        Assert.Equal(new ErpCustomerRef("qbo-new", "Acme Widgets Ltd", ErpCustomerRef.Created), AssertMatched(match));
        Assert.Equal((new ErpCustomerDraft("Acme Widgets Ltd", "AP+Invoices@Acme.test", "Retail", "CRM company 42"), "crm-company-42"), Assert.Single(creates));
        Assert.Equal((CompanyId, "qbo-new", ErpCustomerRef.Created), Assert.Single(linked));
        erp.Verify(e => e.FindCustomersAsync(It.IsAny<ErpCustomerQuery>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Create_new_with_the_name_taken_creates_a_disambiguated_customer_instead_of_adopting_the_holder()
    {
        NoLink();
        Creates(null, new ErpCustomer("qbo-new", "Acme Widgets Ltd (CRM 42)", null, true));

        CustomerMatch match = await ResolveAsync(Input() with { CreateNew = true });

        Assert.Equal(new ErpCustomerRef("qbo-new", "Acme Widgets Ltd (CRM 42)", ErpCustomerRef.Created), AssertMatched(match));
        Assert.Equal(["crm-company-42", "crm-company-42-renamed"], creates.Select(c => c.Key));
        Assert.Equal((CompanyId, "qbo-new", ErpCustomerRef.Created), Assert.Single(linked));
        erp.Verify(e => e.FindCustomersAsync(It.IsAny<ErpCustomerQuery>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Create_new_replacing_a_stale_link_uses_the_replacement_key()
    {
        Link("qbo-old");
        Creates(new ErpCustomer("qbo-new", "Acme Widgets Ltd", null, true));

        await ResolveAsync(Input() with { CreateNew = true });

        Assert.Equal("crm-company-42-replaces-qbo-old", Assert.Single(creates).Key);
    }

    // ---- helpers ----

    private static EnsureErpCustomerInput Input(CrmCompany? company = null) => new(company ?? Company, CorrelationId);

    private Task<CustomerMatch> ResolveAsync(EnsureErpCustomerInput input) =>
        new ErpCustomerResolver(erp.Object, links.Object).ResolveAsync(input, CancellationToken.None);

    private static ErpCustomerRef AssertMatched(CustomerMatch match)
    {
        Assert.Equal(CustomerMatch.Matched, match.Outcome);
        Assert.Empty(match.Candidates);
        return Assert.IsType<ErpCustomerRef>(match.Customer);
    }

    private void NoLink() => links.Setup(l => l.FindAsync(CompanyId, It.IsAny<CancellationToken>())).ReturnsAsync((CustomerLink?)null);

    /// <summary>The company's recorded link; by default to a customer that was the company's namesake when linked.</summary>
    private void Link(string customerId, string? name = "Acme Widgets Ltd", string? email = "ap@acme.test", string rule = ErpCustomerRef.ByEmail) =>
        links.Setup(l => l.FindAsync(CompanyId, It.IsAny<CancellationToken>())).ReturnsAsync(new CustomerLink(customerId, rule, name, email));

    private void Customer(ErpCustomer customer) => Customer(customer.Id, customer);

    private void Customer(string id, ErpCustomer? customer) =>
        erp.Setup(e => e.GetCustomerAsync(id, CorrelationId, It.IsAny<CancellationToken>())).ReturnsAsync(customer);

    private void Search(ErpCustomerQuery query, params ErpCustomer[] found) =>
        erp.Setup(e => e.FindCustomersAsync(query, CorrelationId, It.IsAny<CancellationToken>())).ReturnsAsync(found);

    /// <summary>The ERP answers successive creates with these (null: the name is taken), recording each draft and key.</summary>
    private void Creates(params ErpCustomer?[] answers)
    {
        var queue = new Queue<ErpCustomer?>(answers);
        erp.Setup(e => e.CreateCustomerAsync(It.IsAny<ErpCustomerDraft>(), It.IsAny<string>(), CorrelationId, It.IsAny<CancellationToken>()))
            .Callback<ErpCustomerDraft, string, string, CancellationToken>((draft, key, _, _) => creates.Add((draft, key)))
            .ReturnsAsync(() => queue.Dequeue());
    }
}
