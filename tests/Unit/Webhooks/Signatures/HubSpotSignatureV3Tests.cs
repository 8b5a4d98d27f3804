using System.Text;
using Integration.Activities.Webhooks.Signatures;
using Xunit;

namespace Integration.Tests.Unit.Webhooks.Signatures;

public sealed class HubSpotSignatureV3Tests
{
    // Published vector: HubSpot/hubspot-api-python tests/spec/utils/test_signature.py (test_get_signature__v3)
    // and HubSpot/hubspot-api-ruby spec/helpers/signature_spec.rb (TEST_DATA v3_hash): same data in both.
    // (HubSpot/hubspot-api-nodejs test/unit/signature.spec.ts computes its v3 case at run time, so it has no fixed vector.)
    private const string PublishedSecret = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy";
    private const string PublishedBody = "{'example_field':'example_value'}";
    private const string PublishedUrl = "https://www.example.com/webhook_uri";
    private const string PublishedTimestamp = "15000000";
    private const string PublishedSignature = "HPW73RUtKmcYoEDADG0s6MmGFWUzWJKAW07r8RDgcQw=";

    private const string Secret = PublishedSecret;
    private const string Url = "https://hub.example.com/api/v1/webhooks/crm";
    private const string Body = """[{"eventId":1,"objectId":1001,"propertyName":"dealstage","propertyValue":"closedwon"}]""";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    private readonly HubSpotSignatureV3 scheme = new();

    [Fact]
    public void Sign_reproduces_the_published_sdk_vector()
    {
        var signature = HubSpotSignatureV3.Sign(PublishedSecret, "POST", PublishedUrl, Encoding.UTF8.GetBytes(PublishedBody), PublishedTimestamp);

        Assert.Equal(PublishedSignature, signature);
    }

    [Fact]
    public void Verify_accepts_the_published_sdk_vector_within_the_window()
    {
        var request = SignedRequests.Post(PublishedUrl, PublishedBody,
            ("X-HubSpot-Signature-v3", PublishedSignature),
            ("X-HubSpot-Request-Timestamp", PublishedTimestamp));
        var now = DateTimeOffset.FromUnixTimeMilliseconds(15_000_000) + TimeSpan.FromSeconds(30);

        var result = scheme.Verify(request, [PublishedSecret], now, Tolerance);

        Assert.True(result.IsValid, result.Failure);
        Assert.Null(result.Failure);
    }

    [Fact]
    public void Sign_matches_an_independent_vector_for_an_uri_with_escapes()
    {
        // Independent vector (no published one has escapes). The signed URI is the decoded one:
        // echo -n 'POSThttps://www.example.com/webhook_uri?redirect=https://a.example/b:c&q=x%20y%26z%3Dw{"example_field":"example_value"}1700000000000' \
        //   | openssl dgst -sha256 -hmac 'yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy' -binary | base64
        const string sentUri = "https://www.example.com/webhook_uri?redirect=https%3A%2F%2Fa.example%2Fb%3ac&q=x%20y%26z%3Dw";

        var signature = HubSpotSignatureV3.Sign(Secret, "POST", sentUri, Encoding.UTF8.GetBytes("""{"example_field":"example_value"}"""), "1700000000000");

        Assert.Equal("OHP6rgL5Wl6Ft79wEWC/sn07+UP0mSezDhsDdD9EUt8=", signature);
    }

    [Fact]
    public void Verify_accepts_an_uri_with_escapes_signed_by_the_vendor_over_the_decoded_uri()
    {
        const string sentUri = "https://www.example.com/webhook_uri?redirect=https%3A%2F%2Fa.example%2Fb%3ac&q=x%20y%26z%3Dw";
        var request = SignedRequests.Post(sentUri, """{"example_field":"example_value"}""",
            ("X-HubSpot-Signature-v3", "OHP6rgL5Wl6Ft79wEWC/sn07+UP0mSezDhsDdD9EUt8="),
            ("X-HubSpot-Request-Timestamp", "1700000000000"));

        Assert.True(scheme.Verify(request, [Secret], Now, Tolerance).IsValid);
    }

    [Fact]
    public void Sign_matches_an_independent_vector_for_an_empty_get()
    {
        // echo -n 'GEThttps://www.example.com/webhook_uri1700000000000' | openssl dgst -sha256 -hmac 'yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy' -binary | base64
        Assert.Equal("r3KKZGKCAis7hc/eM/k4wr0D0ZRQhbee2UGU0SAPfxM=", HubSpotSignatureV3.Sign(Secret, "GET", PublishedUrl, [], "1700000000000"));
    }

    [Fact]
    public void Verify_accepts_an_empty_body()
    {
        var request = SignedRequests.Create("GET", PublishedUrl, [],
            ("X-HubSpot-Signature-v3", "r3KKZGKCAis7hc/eM/k4wr0D0ZRQhbee2UGU0SAPfxM="),
            ("X-HubSpot-Request-Timestamp", "1700000000000"));

        Assert.True(scheme.Verify(request, [Secret], Now, Tolerance).IsValid);
    }

    [Theory]
    [InlineData("%3A", ":")]
    [InlineData("%2F", "/")]
    [InlineData("%3F", "?")]
    [InlineData("%40", "@")]
    [InlineData("%21", "!")]
    [InlineData("%24", "$")]
    [InlineData("%27", "'")]
    [InlineData("%28", "(")]
    [InlineData("%29", ")")]
    [InlineData("%2A", "*")]
    [InlineData("%2C", ",")]
    [InlineData("%3B", ";")]
    [InlineData("%3a", ":")]
    [InlineData("%2f", "/")]
    [InlineData("%2a", "*")]
    public void DecodeUri_decodes_the_twelve_listed_escapes_in_either_case(string escape, string expected)
    {
        Assert.Equal($"https://h/p?x={expected}&y=1", HubSpotSignatureV3.DecodeUri($"https://h/p?x={escape}&y=1"));
    }

    [Theory]
    [InlineData("%20")]
    [InlineData("%26")]
    [InlineData("%3D")]
    [InlineData("%25")]
    [InlineData("%2B")]
    [InlineData("%7E")]
    [InlineData("%C3%A9")]
    [InlineData("%")]
    [InlineData("%3")]
    [InlineData("%ZZ")]
    public void DecodeUri_keeps_every_other_escape(string escape)
    {
        var uri = $"https://h/p?x=a{escape}";

        Assert.Equal(uri, HubSpotSignatureV3.DecodeUri(uri));
    }

    [Fact]
    public void DecodeUri_decodes_in_one_pass()
    {
        // %25 is kept, so the "3A" after it stays text instead of becoming ':'.
        Assert.Equal("https://h/a%253A:b", HubSpotSignatureV3.DecodeUri("https://h/a%253A%3Ab"));
    }

    [Fact]
    public void Verify_accepts_a_request_signed_with_the_sign_method()
    {
        var result = scheme.Verify(SignedNow(), [Secret], Now, Tolerance);

        Assert.Equal(SignatureVerification.Valid, result);
    }

    [Fact]
    public void Verify_reads_headers_whatever_their_case_even_from_an_ordinal_dictionary()
    {
        var signed = SignedNow();
        var lowerCase = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["x-hubspot-signature-v3"] = signed.Headers["X-HubSpot-Signature-v3"],
            ["x-hubspot-request-timestamp"] = signed.Headers["X-HubSpot-Request-Timestamp"],
        };

        Assert.True(scheme.Verify(signed with { Headers = lowerCase }, [Secret], Now, Tolerance).IsValid);
    }

    [Theory]
    [InlineData("X-HubSpot-Signature-v3")]
    [InlineData("X-HubSpot-Request-Timestamp")]
    public void Verify_rejects_a_missing_header(string header)
    {
        var result = scheme.Verify(SignedNow().WithoutHeader(header), [Secret], Now, Tolerance);

        Assert.False(result.IsValid);
        Assert.Equal(SignatureFailures.MissingHeader(header), result.Failure);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1700000000000.5")]
    [InlineData("-1700000000000")]
    [InlineData("1,700,000,000,000")]
    public void Verify_rejects_a_blank_or_non_numeric_timestamp(string timestamp)
    {
        var result = scheme.Verify(SignedAt(timestamp), [Secret], Now, Tolerance);

        Assert.False(result.IsValid);
    }

    [Fact]
    public void Verify_rejects_a_timestamp_older_than_the_tolerance()
    {
        var stale = Now - Tolerance - TimeSpan.FromMilliseconds(1);

        var result = scheme.Verify(SignedAt(stale), [Secret], Now, Tolerance);

        Assert.Equal(SignatureVerification.Invalid(SignatureFailures.TimestampTooOld), result);
    }

    [Fact]
    public void Verify_rejects_a_timestamp_further_in_the_future_than_the_tolerance()
    {
        var future = Now + Tolerance + TimeSpan.FromMilliseconds(1);

        var result = scheme.Verify(SignedAt(future), [Secret], Now, Tolerance);

        Assert.Equal(SignatureVerification.Invalid(SignatureFailures.TimestampTooNew), result);
    }

    [Fact]
    public void Verify_accepts_timestamps_exactly_at_either_edge_of_the_window()
    {
        Assert.True(scheme.Verify(SignedAt(Now - Tolerance), [Secret], Now, Tolerance).IsValid);
        Assert.True(scheme.Verify(SignedAt(Now + Tolerance), [Secret], Now, Tolerance).IsValid);
    }

    [Fact]
    public void Verify_rejects_a_timestamp_header_changed_after_signing()
    {
        var request = SignedNow().WithHeader("X-HubSpot-Request-Timestamp", (Now.ToUnixTimeMilliseconds() - 1).ToString());

        Assert.Equal(SignatureFailures.Mismatch, scheme.Verify(request, [Secret], Now, Tolerance).Failure);
    }

    [Fact]
    public void Verify_rejects_a_body_changed_by_one_byte()
    {
        var request = SignedNow().WithBodyByteFlipped(10);

        Assert.Equal(SignatureFailures.Mismatch, scheme.Verify(request, [Secret], Now, Tolerance).Failure);
    }

    [Fact]
    public void Verify_rejects_a_different_url_or_method()
    {
        var signed = SignedNow();

        Assert.False(scheme.Verify(signed with { Url = new Uri(Url + "?x=1") }, [Secret], Now, Tolerance).IsValid);
        Assert.False(scheme.Verify(signed with { Url = new Uri("http://hub.example.com/api/v1/webhooks/crm") }, [Secret], Now, Tolerance).IsValid);
        Assert.False(scheme.Verify(signed with { Method = "PUT" }, [Secret], Now, Tolerance).IsValid);
    }

    [Fact]
    public void Verify_rejects_the_wrong_secret()
    {
        var result = scheme.Verify(SignedNow(), ["another-client-secret"], Now, Tolerance);

        Assert.Equal(SignatureVerification.Invalid(SignatureFailures.Mismatch), result);
    }

    [Fact]
    public void Verify_accepts_when_the_second_secret_of_a_rotation_matches()
    {
        Assert.True(scheme.Verify(SignedNow(), ["old-client-secret", Secret], Now, Tolerance).IsValid);
    }

    [Fact]
    public void Verify_rejects_when_no_secret_is_configured()
    {
        Assert.Equal(SignatureFailures.NoSecret, scheme.Verify(SignedNow(), [], Now, Tolerance).Failure);
        Assert.Equal(SignatureFailures.NoSecret, scheme.Verify(SignedNow(), [""], Now, Tolerance).Failure);
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("AAAA")]
    [InlineData("HPW73RUtKmcYoEDADG0s6MmGFWUzWJKAW07r8RDgcQw=HPW73RUtKmcYoEDADG0s6MmGFWUzWJKAW07r8RDgcQw=")]
    public void Verify_rejects_a_signature_that_is_not_a_base64_sha256(string signature)
    {
        var request = SignedNow().WithHeader("X-HubSpot-Signature-v3", signature);

        Assert.Equal(SignatureFailures.Mismatch, scheme.Verify(request, [Secret], Now, Tolerance).Failure);
    }

    [Fact]
    public void Name_is_hubspot_v3()
    {
        Assert.Equal("hubspot-v3", scheme.Name);
    }

    private static WebhookRequest SignedNow() => SignedAt(Now);

    private static WebhookRequest SignedAt(DateTimeOffset timestamp) => SignedAt(timestamp.ToUnixTimeMilliseconds().ToString());

    // Signs with the given timestamp text; a non-numeric one is still signed, so only the timestamp check can reject it.
    private static WebhookRequest SignedAt(string timestamp)
    {
        var body = Encoding.UTF8.GetBytes(Body);
        var signature = HubSpotSignatureV3.Sign(Secret, "POST", Url, body, timestamp.Length == 0 ? "0" : timestamp);
        return SignedRequests.Create("POST", Url, body,
            ("X-HubSpot-Signature-v3", signature),
            ("X-HubSpot-Request-Timestamp", timestamp));
    }
}
