using System.Text;
using Integration.Activities.Webhooks.Signatures;
using Xunit;

namespace Integration.Tests.Unit.Webhooks.Signatures;

public sealed class BambooHrSignatureTests
{
    // BambooHR publishes no worked example (vendor-apis.md §8). The vectors below were computed
    // independently of this code, from the documented algorithm, with:
    //   python3 -c 'import hmac,hashlib; print(hmac.new(KEY, BODY + TS, hashlib.sha256).hexdigest())'
    // where BODY is the Body constant's bytes and TS the timestamp header text.
    private const string Secret = "bamboohr-private-key-4f1c9a";
    private const string RotatedSecret = "bamboohr-rotated-key-77e2d0";
    private const string Body = """{"type":"employee.updated","timestamp":"2026-01-31T18:42:00+0000","data":{"companyId":"12345","employeeId":"67890","changedFields":["firstName"]}}""";
    private const string IsoTimestamp = "2026-01-31T18:42:00+0000";
    private const string EpochTimestamp = "1769884920"; // the same instant, 2026-01-31T18:42:00Z
    private const string IsoSignature = "177ffb0f32914beeb0b016fb9174215887ad947e4da0ac2a9a1b0deffc1fc62f";
    private const string EpochSignature = "902ec5c35cd054d8377cf2da88de139c9a267a24ee66747ee17e8efec73be150";
    private const string RotatedIsoSignature = "70e9b7bae3f33a9db7b21ac0bcacef3da930bc2c3293b5b70f8b4510fdf550ae";

    // HMAC(key, "" + TS): an empty body signs the timestamp alone.
    private const string EmptyBodySignature = "c359ad7387c046af58195d2ec2e4be762d3d5d8fbe7c8bb7388c15ac23063685";

    private const string Url = "https://hub.example.com/api/v1/webhooks/hr";
    private static readonly DateTimeOffset Now = new(2026, 1, 31, 18, 42, 0, TimeSpan.Zero);
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    private readonly BambooHrSignature scheme = new();

    [Theory]
    [InlineData(IsoTimestamp, IsoSignature)]
    [InlineData(EpochTimestamp, EpochSignature)]
    public void Sign_reproduces_the_independent_vectors(string timestamp, string expected)
    {
        Assert.Equal(expected, BambooHrSignature.Sign(Secret, Encoding.UTF8.GetBytes(Body), timestamp));
    }

    [Fact]
    public void Sign_of_an_empty_body_covers_the_timestamp_alone()
    {
        Assert.Equal(EmptyBodySignature, BambooHrSignature.Sign(Secret, [], IsoTimestamp));
    }

    [Theory]
    [InlineData(IsoTimestamp, IsoSignature)]
    [InlineData(EpochTimestamp, EpochSignature)]
    public void Verify_accepts_the_independent_vectors(string timestamp, string signature)
    {
        var result = scheme.Verify(Request(signature, timestamp), [Secret], Now, Tolerance);

        Assert.True(result.IsValid, result.Failure);
    }

    [Fact]
    public void Verify_accepts_upper_case_hex()
    {
        var result = scheme.Verify(Request(IsoSignature.ToUpperInvariant(), IsoTimestamp), [Secret], Now, Tolerance);

        Assert.True(result.IsValid, result.Failure);
    }

    [Fact]
    public void Verify_rejects_a_body_changed_by_one_byte()
    {
        var request = Request(IsoSignature, IsoTimestamp).WithBodyByteFlipped(10);

        Assert.Equal(SignatureVerification.Invalid(SignatureFailures.Mismatch), scheme.Verify(request, [Secret], Now, Tolerance));
    }

    [Fact]
    public void Verify_rejects_a_timestamp_header_other_than_the_one_signed()
    {
        // The same instant written differently is different signed text.
        var request = Request(IsoSignature, "2026-01-31T18:42:00+00:00");

        Assert.Equal(SignatureFailures.Mismatch, scheme.Verify(request, [Secret], Now, Tolerance).Failure);
    }

    [Theory]
    [InlineData(BambooHrSignature.SignatureHeader)]
    [InlineData(BambooHrSignature.TimestampHeader)]
    public void Verify_rejects_a_missing_header(string header)
    {
        var result = scheme.Verify(Request(IsoSignature, IsoTimestamp).WithoutHeader(header), [Secret], Now, Tolerance);

        Assert.Equal(SignatureVerification.Invalid(SignatureFailures.MissingHeader(header)), result);
    }

    [Fact]
    public void Verify_rejects_a_blank_header_as_missing()
    {
        var result = scheme.Verify(Request("  ", IsoTimestamp), [Secret], Now, Tolerance);

        Assert.Equal(SignatureFailures.MissingHeader(BambooHrSignature.SignatureHeader), result.Failure);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2026-01-31")]
    [InlineData("2026-13-31T18:42:00+0000")]
    [InlineData("2026-01-31T18:42:00+2500")]
    [InlineData("31/01/2026 18:42:00")]
    [InlineData("-1769884920")]
    [InlineData("1769884920.5")]
    [InlineData("99999999999999999999")]
    public void Verify_rejects_a_garbled_timestamp(string timestamp)
    {
        var result = scheme.Verify(Request(IsoSignature, timestamp), [Secret], Now, Tolerance);

        Assert.Equal(SignatureVerification.Invalid(SignatureFailures.TimestampUnreadable), result);
    }

    [Theory]
    [InlineData("not-hex-at-all")]
    [InlineData("177ffb0f32914beeb0b016fb9174215887ad947e4da0ac2a9a1b0deffc1fc62")]
    [InlineData("177ffb0f32914beeb0b016fb9174215887ad947e4da0ac2a9a1b0deffc1fc62f00")]
    [InlineData("zz7ffb0f32914beeb0b016fb9174215887ad947e4da0ac2a9a1b0deffc1fc62f")]
    [InlineData("sha256=177ffb0f32914beeb0b016fb9174215887ad947e4da0ac2a9a1b0deffc1f")]
    public void Verify_rejects_a_garbled_signature(string signature)
    {
        var result = scheme.Verify(Request(signature, IsoTimestamp), [Secret], Now, Tolerance);

        Assert.Equal(SignatureVerification.Invalid(SignatureFailures.SignatureNotHex), result);
    }

    [Fact]
    public void Verify_rejects_a_stale_timestamp()
    {
        var result = scheme.Verify(Request(IsoSignature, IsoTimestamp), [Secret], Now + Tolerance + TimeSpan.FromSeconds(1), Tolerance);

        Assert.Equal(SignatureVerification.Invalid(SignatureFailures.TimestampTooOld), result);
    }

    [Fact]
    public void Verify_rejects_a_timestamp_further_in_the_future_than_the_tolerance()
    {
        var result = scheme.Verify(Request(EpochSignature, EpochTimestamp), [Secret], Now - Tolerance - TimeSpan.FromSeconds(1), Tolerance);

        Assert.Equal(SignatureVerification.Invalid(SignatureFailures.TimestampTooNew), result);
    }

    [Fact]
    public void Verify_accepts_timestamps_exactly_at_either_edge_of_the_window()
    {
        Assert.True(scheme.Verify(Request(IsoSignature, IsoTimestamp), [Secret], Now + Tolerance, Tolerance).IsValid);
        Assert.True(scheme.Verify(Request(IsoSignature, IsoTimestamp), [Secret], Now - Tolerance, Tolerance).IsValid);
    }

    [Theory]
    [InlineData("2026-01-31T19:42:00+0100")]
    [InlineData("2026-01-31T13:42:00-05:00")]
    [InlineData("2026-01-31T18:42:00Z")]
    [InlineData("2026-01-31T18:42:00.000Z")]
    [InlineData("2026-01-31 18:42:00")]
    public void Verify_reads_the_offsets_and_forms_iso_8601_allows(string timestamp)
    {
        // Each names 18:42Z, so a fresh signature over that text passes the freshness check at Now
        // and fails it an hour later: the offset was applied, not ignored.
        var signature = BambooHrSignature.Sign(Secret, Encoding.UTF8.GetBytes(Body), timestamp);

        Assert.True(scheme.Verify(Request(signature, timestamp), [Secret], Now, Tolerance).IsValid);
        Assert.Equal(SignatureFailures.TimestampTooOld, scheme.Verify(Request(signature, timestamp), [Secret], Now.AddHours(1), Tolerance).Failure);
    }

    [Fact]
    public void Verify_rejects_the_wrong_secret()
    {
        Assert.Equal(SignatureFailures.Mismatch, scheme.Verify(Request(IsoSignature, IsoTimestamp), ["another-private-key"], Now, Tolerance).Failure);
    }

    [Fact]
    public void Verify_accepts_a_delivery_signed_with_the_rotated_secret_when_both_are_configured()
    {
        var result = scheme.Verify(Request(RotatedIsoSignature, IsoTimestamp), [Secret, RotatedSecret], Now, Tolerance);

        Assert.True(result.IsValid, result.Failure);
    }

    [Fact]
    public void Verify_rejects_the_rotated_signature_once_only_the_old_secret_is_configured()
    {
        Assert.Equal(SignatureFailures.Mismatch, scheme.Verify(Request(RotatedIsoSignature, IsoTimestamp), [Secret], Now, Tolerance).Failure);
    }

    [Fact]
    public void Verify_rejects_when_no_usable_secret_is_configured()
    {
        Assert.Equal(SignatureFailures.NoSecret, scheme.Verify(Request(IsoSignature, IsoTimestamp), [], Now, Tolerance).Failure);
        Assert.Equal(SignatureFailures.NoSecret, scheme.Verify(Request(IsoSignature, IsoTimestamp), [""], Now, Tolerance).Failure);
    }

    [Fact]
    public void Verify_reads_headers_whatever_their_case_even_from_an_ordinal_dictionary()
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["x-bamboohr-signature"] = IsoSignature,
            ["X-BAMBOOHR-TIMESTAMP"] = IsoTimestamp,
        };
        var request = new WebhookRequest("POST", new Uri(Url), headers, Encoding.UTF8.GetBytes(Body));

        Assert.True(scheme.Verify(request, [Secret], Now, Tolerance).IsValid);
    }

    [Fact]
    public void Name_is_bamboohr()
    {
        Assert.Equal("bamboohr", scheme.Name);
    }

    private static WebhookRequest Request(string signature, string timestamp) =>
        SignedRequests.Post(Url, Body,
            (BambooHrSignature.SignatureHeader, signature),
            (BambooHrSignature.TimestampHeader, timestamp));
}
