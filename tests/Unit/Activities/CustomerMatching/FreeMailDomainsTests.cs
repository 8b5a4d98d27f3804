using Integration.Activities.CustomerMatching;
using Xunit;

namespace Integration.Tests.Unit.Activities.CustomerMatching;

public sealed class FreeMailDomainsTests
{
    [Theory]
    [InlineData("gmail.com")]
    [InlineData("outlook.com")]
    [InlineData("hotmail.com")]
    [InlineData("yahoo.com")]
    [InlineData("icloud.com")]
    [InlineData("proton.me")]
    public void Lists_consumer_mail_providers(string domain)
    {
        Assert.True(FreeMailDomains.Contains(domain));
    }

    [Theory]
    [InlineData("acme.test")]
    [InlineData("mail.google.com")]
    [InlineData(null)]
    public void Does_not_list_company_domains(string? domain)
    {
        Assert.False(FreeMailDomains.Contains(domain));
    }

    [Fact]
    public void Every_entry_is_already_normalised_so_lookups_of_normalised_domains_find_it()
    {
        Assert.All(FreeMailDomains.All, d => Assert.Equal(d, DomainNormaliser.Normalise(d)));
    }
}
