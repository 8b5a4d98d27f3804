using Integration.Activities.CustomerMatching;
using Xunit;

namespace Integration.Tests.Unit.Activities.CustomerMatching;

/// <summary>Company domains as a CRM holds them (bare, with www., as a URL) all give one key.</summary>
public sealed class DomainNormaliserTests
{
    [Theory]
    [InlineData("acme.test", "acme.test")]
    [InlineData("https://www.Acme.test/", "acme.test")]
    [InlineData("WWW.acme.test", "acme.test")]
    [InlineData("  Acme.Test.  ", "acme.test")]
    [InlineData("http://acme.test:8080/about?x=1#top", "acme.test")]
    [InlineData("acme.test/contact", "acme.test")]
    [InlineData("https://user@www.acme.test", "acme.test")]
    [InlineData("ap@acme.test", "acme.test")]
    [InlineData("shop.acme.co.uk", "shop.acme.co.uk")]
    [InlineData("www.com", "www.com")]
    public void Normalises_a_domain_or_url(string domain, string expected)
    {
        Assert.Equal(expected, DomainNormaliser.Normalise(domain));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("acme")]
    [InlineData("https://")]
    [InlineData("not a domain")]
    [InlineData("192.168.0.1")]
    [InlineData("http://-acme.test/")]
    [InlineData("acme..test")]
    public void Rejects_what_is_not_a_domain(string? domain)
    {
        Assert.Null(DomainNormaliser.Normalise(domain));
    }
}
