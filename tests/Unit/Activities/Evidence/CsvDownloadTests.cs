using System.Text;
using Integration.Activities.Evidence;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace Integration.Tests.Unit.Activities.Evidence;

/// <summary>The CSV answer is a download with a file name that needs no escaping.</summary>
public sealed class CsvDownloadTests
{
    [Fact]
    public async Task Sends_the_csv_as_an_attachment_named_after_the_offboarding()
    {
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();

        await new CsvDownload("a,b\r\n", "offboarding-E1-20260101T000000Z.csv").ExecuteAsync(context);

        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        Assert.Equal("text/csv; charset=utf-8", context.Response.ContentType);
        Assert.Equal("attachment; filename=\"offboarding-E1-20260101T000000Z.csv\"", context.Response.Headers.ContentDisposition.ToString());
        Assert.Equal("a,b\r\n", Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray()));
    }

    [Theory]
    [InlineData("offboarding-a\"b.csv", "offboarding-a_b.csv")]
    [InlineData("offboarding-x;y\r\nz.csv", "offboarding-x_y__z.csv")]
    [InlineData("offboarding-Jürgen 1.csv", "offboarding-J_rgen_1.csv")]
    public void File_names_keep_only_letters_digits_dots_dashes_and_underscores(string asked, string sent)
    {
        Assert.Equal(sent, new CsvDownload("", asked).FileName);
    }
}
