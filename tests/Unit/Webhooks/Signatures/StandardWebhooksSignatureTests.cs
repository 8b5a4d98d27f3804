using System.Text;
using Integration.Activities.Webhooks.Signatures;
using Xunit;

namespace Integration.Tests.Unit.Webhooks.Signatures;

public sealed class StandardWebhooksSignatureTests
{
    // Published vector: standard-webhooks/standard-webhooks libraries/python/tests/test_webhooks.py
    // (test_sign_function; the same secret, id and payload are the DEFAULT_* values of that file).
    private const string PublishedSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string PublishedMsgId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const long PublishedTimestamp = 1614265330;
    private const string PublishedPayload = """{"test": 2432232314}""";
    private const string PublishedSignature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    // From the same file: a signature that must fail (test_invalid_signature_raises_error) and the
    // decoy entries of test_multi_sig_payload_is_valid.
    private const string PublishedWrongSignature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OA=";
    private const string PublishedDecoyV1 = "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=";
    private const string PublishedDecoyV2 = "v2,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=";

    private const string Url = "https://hub.example.com/api/v1/webhooks/app";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(PublishedTimestamp);
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    private readonly StandardWebhooksSignature scheme = new();

    [Fact]
    public void Sign_reproduces_the_published_vector()
    {
        var signature = StandardWebhooksSignature.Sign(PublishedSecret, PublishedMsgId, PublishedTimestamp, Encoding.UTF8.GetBytes(PublishedPayload));

        Assert.Equal(PublishedSignature, signature);
    }

    [Theory]
    [InlineData(PublishedSecret)]
    [InlineData("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")]
    public void Verify_accepts_the_published_vector_with_and_without_the_whsec_prefix(string secret)
    {
        var result = scheme.Verify(Published(PublishedSignature), [secret], Now, Tolerance);

        Assert.True(result.IsValid, result.Failure);
    }

    [Fact]
    public void Verify_rejects_the_published_invalid_signature()
    {
        var result = scheme.Verify(Published(PublishedWrongSignature), [PublishedSecret], Now, Tolerance);

        Assert.Equal(SignatureVerification.Invalid(SignatureFailures.Mismatch), result);
    }

    [Fact]
    public void Verify_accepts_several_signatures_when_only_one_is_valid()
    {
        var header = string.Join(' ', PublishedDecoyV1, PublishedDecoyV2, PublishedSignature, PublishedDecoyV1);

        Assert.True(scheme.Verify(Published(header), [PublishedSecret], Now, Tolerance).IsValid);
    }

    [Fact]
    public void Verify_rejects_several_signatures_when_none_is_valid()
    {
        var header = string.Join(' ', PublishedDecoyV1, PublishedDecoyV2, PublishedWrongSignature);

        Assert.Equal(SignatureFailures.Mismatch, scheme.Verify(Published(header), [PublishedSecret], Now, Tolerance).Failure);
    }

    [Fact]
    public void Verify_rejects_a_v1a_only_entry_even_with_the_right_bytes()
    {
        var v1a = "v1a," + PublishedSignature["v1,".Length..];

        var result = scheme.Verify(Published(v1a), [PublishedSecret], Now, Tolerance);

        Assert.Equal(SignatureVerification.Invalid(SignatureFailures.NoSupportedSignature), result);
    }

    [Fact]
    public void Verify_skips_a_v1a_entry_and_accepts_the_v1_entry_after_it()
    {
        var header = "v1a,bm90LWFuLWVkMjU1MTktc2lnbmF0dXJl " + PublishedSignature;

        Assert.True(scheme.Verify(Published(header), [PublishedSecret], Now, Tolerance).IsValid);
    }

    [Fact]
    public void Sign_matches_an_independent_vector_for_an_empty_body()
    {
        // No published vector has an empty body; computed with:
        // echo -n 'msg_p5jXN8AQM9LWM0D4loKWxJek.1614265330.' | openssl dgst -sha256 -mac HMAC \
        //   -macopt hexkey:$(echo -n MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw | base64 -d | xxd -p -c 256) -binary | base64
        Assert.Equal("v1,v48jdbgvh29KJz2Qc+ghw8G6vG3nAKnujWBg8oM/62A=", StandardWebhooksSignature.Sign(PublishedSecret, PublishedMsgId, PublishedTimestamp, []));
    }

    [Fact]
    public void Verify_accepts_an_empty_body()
    {
        var request = SignedRequests.Create("POST", Url, [],
            ("webhook-id", PublishedMsgId),
            ("webhook-timestamp", PublishedTimestamp.ToString()),
            ("webhook-signature", "v1,v48jdbgvh29KJz2Qc+ghw8G6vG3nAKnujWBg8oM/62A="));

        Assert.True(scheme.Verify(request, [PublishedSecret], Now, Tolerance).IsValid);
    }

    [Theory]
    [InlineData("webhook-id")]
    [InlineData("webhook-timestamp")]
    [InlineData("webhook-signature")]
    public void Verify_rejects_a_missing_header(string header)
    {
        var result = scheme.Verify(Published(PublishedSignature).WithoutHeader(header), [PublishedSecret], Now, Tolerance);

        Assert.Equal(SignatureVerification.Invalid(SignatureFailures.MissingHeader(header)), result);
    }

    [Fact]
    public void Verify_reads_headers_whatever_their_case_even_from_an_ordinal_dictionary()
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Webhook-Id"] = PublishedMsgId,
            ["WEBHOOK-TIMESTAMP"] = PublishedTimestamp.ToString(),
            ["Webhook-Signature"] = PublishedSignature,
        };
        var request = new WebhookRequest("POST", new Uri(Url), headers, Encoding.UTF8.GetBytes(PublishedPayload));

        Assert.True(scheme.Verify(request, [PublishedSecret], Now, Tolerance).IsValid);
    }

    [Fact]
    public void Verify_rejects_a_timestamp_older_than_the_tolerance()
    {
        var result = scheme.Verify(Published(PublishedSignature), [PublishedSecret], Now + Tolerance + TimeSpan.FromSeconds(1), Tolerance);

        Assert.Equal(SignatureVerification.Invalid(SignatureFailures.TimestampTooOld), result);
    }

    [Fact]
    public void Verify_rejects_a_timestamp_further_in_the_future_than_the_tolerance()
    {
        var result = scheme.Verify(Published(PublishedSignature), [PublishedSecret], Now - Tolerance - TimeSpan.FromSeconds(1), Tolerance);

        Assert.Equal(SignatureVerification.Invalid(SignatureFailures.TimestampTooNew), result);
    }

    [Fact]
    public void Verify_accepts_timestamps_exactly_at_either_edge_of_the_window()
    {
        Assert.True(scheme.Verify(Published(PublishedSignature), [PublishedSecret], Now + Tolerance, Tolerance).IsValid);
        Assert.True(scheme.Verify(Published(PublishedSignature), [PublishedSecret], Now - Tolerance, Tolerance).IsValid);
    }

    [Theory]
    [InlineData("hello")]
    [InlineData("-1614265330")]
    [InlineData("1614265330x")]
    public void Verify_rejects_a_non_numeric_timestamp(string timestamp)
    {
        var result = scheme.Verify(Published(PublishedSignature).WithHeader("webhook-timestamp", timestamp), [PublishedSecret], Now, Tolerance);

        Assert.Equal(SignatureVerification.Invalid(SignatureFailures.TimestampNotNumeric), result);
    }

    [Fact]
    public void Verify_rejects_an_id_or_timestamp_containing_a_dot()
    {
        // A dot would let "a.b" + "c" and "a" + "b.c" sign the same content.
        var dottedId = Published(PublishedSignature).WithHeader("webhook-id", "msg.1");
        var dottedTimestamp = Published(PublishedSignature).WithHeader("webhook-timestamp", "1614265330.0");

        Assert.Equal(SignatureFailures.DotInIdOrTimestamp, scheme.Verify(dottedId, [PublishedSecret], Now, Tolerance).Failure);
        Assert.Equal(SignatureFailures.DotInIdOrTimestamp, scheme.Verify(dottedTimestamp, [PublishedSecret], Now, Tolerance).Failure);
    }

    [Fact]
    public void Verify_rejects_a_different_id()
    {
        var request = Published(PublishedSignature).WithHeader("webhook-id", "msg_other");

        Assert.Equal(SignatureFailures.Mismatch, scheme.Verify(request, [PublishedSecret], Now, Tolerance).Failure);
    }

    [Fact]
    public void Verify_rejects_a_body_changed_by_one_byte()
    {
        var request = Published(PublishedSignature).WithBodyByteFlipped(3);

        Assert.Equal(SignatureFailures.Mismatch, scheme.Verify(request, [PublishedSecret], Now, Tolerance).Failure);
    }

    [Fact]
    public void Verify_rejects_the_wrong_secret()
    {
        var other = "whsec_" + Convert.ToBase64String(Encoding.ASCII.GetBytes("another-secret-of-thirty-two-by!"));

        Assert.Equal(SignatureFailures.Mismatch, scheme.Verify(Published(PublishedSignature), [other], Now, Tolerance).Failure);
    }

    [Fact]
    public void Verify_accepts_when_the_second_secret_of_a_rotation_matches()
    {
        var old = "whsec_" + Convert.ToBase64String(Encoding.ASCII.GetBytes("the-previous-secret-32-bytes-ok!"));

        Assert.True(scheme.Verify(Published(PublishedSignature), [old, PublishedSecret], Now, Tolerance).IsValid);
    }

    [Fact]
    public void Verify_skips_a_secret_that_is_not_base64_and_uses_the_next()
    {
        Assert.True(scheme.Verify(Published(PublishedSignature), ["whsec_not base64!", PublishedSecret], Now, Tolerance).IsValid);
    }

    [Fact]
    public void Verify_rejects_when_no_usable_secret_is_configured()
    {
        Assert.Equal(SignatureFailures.NoSecret, scheme.Verify(Published(PublishedSignature), [], Now, Tolerance).Failure);
        Assert.Equal(SignatureFailures.NoSecret, scheme.Verify(Published(PublishedSignature), ["", "whsec_", "whsec_%%%"], Now, Tolerance).Failure);
    }

    [Fact]
    public void A_secret_without_base64_padding_gives_the_same_key()
    {
        // echo -n 'dev-app-webhook-secret-32-bytes!' | base64  ->  ZGV2LWFwcC13ZWJob29rLXNlY3JldC0zMi1ieXRlcyE=
        Assert.True(StandardWebhooksSignature.TryDecodeSecret("whsec_ZGV2LWFwcC13ZWJob29rLXNlY3JldC0zMi1ieXRlcyE", out var unpadded));
        Assert.True(StandardWebhooksSignature.TryDecodeSecret("ZGV2LWFwcC13ZWJob29rLXNlY3JldC0zMi1ieXRlcyE=", out var padded));

        Assert.Equal("dev-app-webhook-secret-32-bytes!", Encoding.ASCII.GetString(unpadded));
        Assert.Equal(padded, unpadded);
    }

    [Fact]
    public void Verify_accepts_a_delivery_signed_with_an_unpadded_secret()
    {
        const string unpadded = "whsec_ZGV2LWFwcC13ZWJob29rLXNlY3JldC0zMi1ieXRlcyE";
        var body = Encoding.UTF8.GetBytes(PublishedPayload);
        var signature = StandardWebhooksSignature.Sign(unpadded, "msg_1", PublishedTimestamp, body);
        var request = SignedRequests.Create("POST", Url, body,
            ("webhook-id", "msg_1"), ("webhook-timestamp", PublishedTimestamp.ToString()), ("webhook-signature", signature));

        Assert.True(scheme.Verify(request, [unpadded + "="], Now, Tolerance).IsValid);
    }

    [Fact]
    public void Sign_refuses_an_id_with_a_dot_and_a_secret_that_is_not_base64()
    {
        Assert.Throws<ArgumentException>(() => StandardWebhooksSignature.Sign(PublishedSecret, "msg.1", PublishedTimestamp, []));
        Assert.Throws<ArgumentException>(() => StandardWebhooksSignature.Sign("whsec_%%%", "msg_1", PublishedTimestamp, []));
    }

    [Fact]
    public void Name_is_standard_webhooks()
    {
        Assert.Equal("standard-webhooks", scheme.Name);
    }

    private static WebhookRequest Published(string signatureHeader) =>
        SignedRequests.Post(Url, PublishedPayload,
            ("webhook-id", PublishedMsgId),
            ("webhook-timestamp", PublishedTimestamp.ToString()),
            ("webhook-signature", signatureHeader));
}
