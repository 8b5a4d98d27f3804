using System.Text;
using Integration.DevHost.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Integration.Tests.System.Hosting;

/// <summary>
/// The rewrite of a bare rejection Kestrel wrote itself (no host needed): exactly one 4xx/5xx head with
/// Content-Length: 0 and Connection: close becomes the same status with a problem+json body; anything else is left alone.
/// </summary>
public sealed class KestrelRejectionProblemsTests
{
    private const string Rejection431 =
        "HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Length: 0\r\nConnection: close\r\nDate: Mon, 07 Dec 2026 01:52:09 GMT\r\nServer: Kestrel\r\n\r\n";

    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"type":"urn:integration:problem:x"}""");

    [Fact]
    public void A_bare_rejection_gets_the_problem_body_with_its_length_and_keeps_its_status_and_headers()
    {
        int? statusSeen = null;

        byte[]? rewritten = KestrelRejectionProblems.RewriteBareRejection(Encoding.Latin1.GetBytes(Rejection431), status =>
        {
            statusSeen = status;
            return Body;
        });

        Assert.Equal(431, statusSeen);
        Assert.NotNull(rewritten);
        string text = Encoding.Latin1.GetString(rewritten);
        Assert.Equal(
            "HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Type: application/problem+json\r\nContent-Length: 36\r\n" +
            "Connection: close\r\nDate: Mon, 07 Dec 2026 01:52:09 GMT\r\nServer: Kestrel\r\n\r\n" + Encoding.UTF8.GetString(Body),
            text);
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")]
    [InlineData("HTTP/1.1 100 Continue\r\n\r\n")]
    [InlineData("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")]
    [InlineData("HTTP/1.1 400 Bad Request\r\nContent-Length: 12\r\nConnection: close\r\n\r\n")]
    [InlineData("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\n")]
    [InlineData("HTTP/1.1 500 Internal Server Error\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")]
    [InlineData("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\nHTTP/1.1 200 OK\r\n")]
    [InlineData("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n")]
    [InlineData("{\"partial\":")]
    [InlineData("")]
    public void Anything_but_one_bare_closing_rejection_is_left_alone(string held)
    {
        Assert.Null(KestrelRejectionProblems.RewriteBareRejection(Encoding.Latin1.GetBytes(held), _ => Body));
    }

    [Theory]
    [InlineData(400, "malformed")]
    [InlineData(408, "30 seconds")]
    [InlineData(414, "8192 bytes")]
    [InlineData(431, "32768 bytes")]
    [InlineData(431, "100 header fields")]
    public void The_detail_names_the_limit_that_was_broken(int status, string expected)
    {
        Assert.Contains(expected, KestrelRejectionProblems.DetailFor(status, new KestrelServerLimits()), StringComparison.Ordinal);
    }
}
