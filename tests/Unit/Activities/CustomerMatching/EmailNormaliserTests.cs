using Integration.Activities.CustomerMatching;
using Xunit;

namespace Integration.Tests.Unit.Activities.CustomerMatching;

/// <summary>Email keys: case, whitespace and plus-addressing do not matter; non-addresses never become keys.</summary>
public sealed class EmailNormaliserTests
{
    [Theory]
    [InlineData("ap@acme.test", "ap@acme.test")]
    [InlineData("  AP@Acme.TEST  ", "ap@acme.test")]
    [InlineData("AP+Invoices@Acme.test", "ap@acme.test")]
    [InlineData("ap+a+b@acme.test", "ap@acme.test")]
    [InlineData("\tBob.Smith@Acme.Test.\n", "bob.smith@acme.test")]
    [InlineData("o'brien@acme.co.uk", "o'brien@acme.co.uk")]
    public void Normalises_an_address(string email, string expected)
    {
        Assert.Equal(expected, EmailNormaliser.Normalise(email));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("acme.test")]
    [InlineData("@acme.test")]
    [InlineData("bob@")]
    [InlineData("bob@acme")]
    [InlineData("bob@@acme.test")]
    [InlineData("a@b@acme.test")]
    [InlineData("bob smith@acme.test")]
    [InlineData("bob@acme .test")]
    [InlineData("bob@ acme.test")]
    [InlineData("+tag@acme.test")]
    [InlineData("bob.+tag@acme.test")]
    [InlineData(".bob@acme.test")]
    [InlineData("bob..smith@acme.test")]
    [InlineData("bob@10.0.0.1")]
    [InlineData("bob@-acme.test")]
    [InlineData("<bob@acme.test>")]
    [InlineData("Bob <bob@acme.test>")]
    [InlineData("bob@acme.test; ann@acme.test")]
    public void Rejects_what_is_not_one_address(string? email)
    {
        Assert.Null(EmailNormaliser.Normalise(email));
    }

    [Theory]
    [InlineData(" Ann+x@Acme.TEST ", "acme.test")]
    [InlineData("ann@mail.acme.test", "mail.acme.test")]
    [InlineData("not an address", null)]
    [InlineData(null, null)]
    public void Domain_of_an_address(string? email, string? expected)
    {
        Assert.Equal(expected, EmailNormaliser.DomainOf(email));
    }
}
