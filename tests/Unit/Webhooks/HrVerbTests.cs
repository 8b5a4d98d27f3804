using System.Net;
using System.Text;
using System.Text.Json;
using Integration.Activities.Connectors.BambooHr;
using Integration.Activities.Webhooks.Normalisers;
using Integration.Activities.Webhooks.Signatures;
using Integration.Orchestrations.Routing;
using Integration.SendEvent;
using Integration.SendEvent.Cli;
using Integration.SendEvent.Scenarios;
using Integration.Tests.Unit.Sandbox;
using Microsoft.Extensions.Options;
using Moq;
using Xunit;

namespace Integration.Tests.Unit.Webhooks;

/// <summary>The HR verbs (hired, terminated, cancelled): arguments, the sandbox calls they make, and the signed BambooHR deliveries they send.</summary>
public sealed class HrVerbTests
{
    private const string Sandbox = "http://127.0.0.1:7080";
    private static readonly DateTimeOffset Now = new(2026, 3, 6, 15, 4, 5, TimeSpan.Zero);
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);
    private static readonly BambooHrSignature Signature = new();

    // ---- Sender and sample body -------------------------------------------------------------------

    [Fact]
    public async Task SendHrAsync_posts_to_the_hr_source_signed_over_body_and_an_iso_timestamp()
    {
        var fake = new FakeServers();
        var sender = new WebhookSender(new HttpClient(fake), "https://hub.example.com/", new FixedClock(Now));
        byte[] body = SampleEvents.BambooHrEvent("employee.created", "7", timestamp: Now);

        using var response = await sender.SendHrAsync(body);
        using var other = await sender.SendHrAsync(body, secret: "tenant-key");

        Captured first = fake.Requests[0];
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("https://hub.example.com/api/v1/webhooks/hr", first.Url);
        Assert.Equal("2026-03-06T15:04:05Z", first.Headers[BambooHrSignature.TimestampHeader]);
        Assert.Matches("^[0-9a-f]{64}$", first.Headers[BambooHrSignature.SignatureHeader]);
        Assert.Equal(SignatureVerification.Valid, Signature.Verify(first.AsWebhook(), [DevSecrets.Hr], Now, Tolerance));
        Assert.Equal(SignatureFailures.Mismatch, Signature.Verify(fake.Requests[1].AsWebhook(), [DevSecrets.Hr], Now, Tolerance).Failure);
        Assert.True(Signature.Verify(fake.Requests[1].AsWebhook(), ["tenant-key"], Now, Tolerance).IsValid);
    }

    [Fact]
    public void BambooHrEvent_has_bamboohrs_event_shape()
    {
        byte[] body = SampleEvents.BambooHrEvent("employee.updated", "7", ["status", "terminationDate"], Now);

        Assert.Equal(
            """{"type":"employee.updated","timestamp":"2026-03-06T15:04:05+0000","data":{"companyId":"12345","employeeId":"7","changedFields":["status","terminationDate"]}}""",
            Encoding.UTF8.GetString(body));
        Assert.DoesNotContain("changedFields", Encoding.UTF8.GetString(SampleEvents.BambooHrEvent("employee.created", "7", timestamp: Now)), StringComparison.Ordinal);
    }

    // ---- Argument parsing -------------------------------------------------------------------------

    [Theory]
    [InlineData("hired", "--employee", "7")]
    [InlineData("hired", "--employee", "7", "--email", "ada@example.com", "--first", "Ada", "--last", "Lovelace", "--department", "Research", "--github-username", "ada")]
    [InlineData("terminated", "--employee", "7")]
    [InlineData("terminated", "--employee", "7", "--at", "2026-03-06T17:30:00Z")]
    [InlineData("terminated", "--employee", "7", "--in", "120", "--sandbox", "http://localhost:9000")]
    [InlineData("cancelled", "--employee", "7", "--secret", "k", "--repeat", "2")]
    public void Plan_accepts_the_hr_verbs(params string[] args)
    {
        SendPlan? plan = SendEventCli.Plan(args);

        Assert.NotNull(plan);
        Assert.Equal(args[0], plan.Verb.Name);
    }

    [Theory]
    [InlineData("hired")]
    [InlineData("hired", "--employee", "abc")]
    [InlineData("hired", "--employee", "0")]
    [InlineData("hired", "--employee", "-7")]
    [InlineData("hired", "--employee", "7", "--email", "not-an-address")]
    [InlineData("hired", "--employee", "7", "--first", " ")]
    [InlineData("hired", "--employee", "7", "--at", "2026-03-06T17:30:00Z")]
    [InlineData("hired", "--employee", "7", "--sandbox", "ftp://x")]
    [InlineData("hired", "--employee", "7", "--secret", "")]
    [InlineData("terminated", "--employee", "7", "--at", "tomorrow")]
    [InlineData("terminated", "--employee", "7", "--at", "06/03/2026 17:30")]
    [InlineData("terminated", "--employee", "7", "--in", "-5")]
    [InlineData("terminated", "--employee", "7", "--in", "soon")]
    [InlineData("terminated", "--employee", "7", "--at", "2026-03-06T17:30:00Z", "--in", "5")]
    [InlineData("terminated", "--employee", "7", "--email", "a@b.c")]
    [InlineData("cancelled", "--employee", "7", "--in", "5")]
    public void Plan_rejects_bad_hr_arguments(params string[] args)
    {
        Assert.Throws<CliUsageException>(() => SendEventCli.Plan(args));
    }

    [Theory]
    [InlineData(new string[0], "2026-03-06T15:04:05Z")]
    [InlineData(new[] { "--in", "90" }, "2026-03-06T15:05:35Z")]
    [InlineData(new[] { "--at", "2026-03-07T09:00:00Z" }, "2026-03-07T09:00:00Z")]
    [InlineData(new[] { "--at", "2026-03-07T09:00:00+01:00" }, "2026-03-07T08:00:00Z")]
    [InlineData(new[] { "--at", "2026-03-07T09:00" }, "2026-03-07T09:00:00Z")]
    [InlineData(new[] { "--at", "2026-03-07T09:00:00.5Z" }, "2026-03-07T09:00:00.5Z")]
    public void Terminated_takes_the_instant_from_at_or_in_or_now(string[] options, string expected)
    {
        CliArguments args = CliParser.Parse(["terminated", "--employee", "7", .. options]);

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), TerminatedVerb.When(args, Now));
    }

    [Fact]
    public void A_termination_is_written_as_its_utc_date_and_time_of_day()
    {
        var fields = TerminatedVerb.TerminationFields(new DateTimeOffset(2026, 3, 6, 23, 30, 15, TimeSpan.FromHours(-5)));

        Assert.Equal("2026-03-07", fields["terminationDate"]);
        Assert.Equal("04:30:15", fields["terminationTime"]);
        Assert.Equal("Terminated", fields["employmentHistoryStatus"]);
        Assert.Equal("Inactive", fields["status"]);
    }

    [Fact]
    public void Help_lists_the_hr_verbs_with_their_options()
    {
        string usage = SendEventCli.Usage();

        Assert.Contains("hired --employee <id> [--email <e>]", usage, StringComparison.Ordinal);
        Assert.Contains("terminated --employee <id> [--at <ISO-8601 instant> | --in <seconds>]", usage, StringComparison.Ordinal);
        Assert.Contains("cancelled --employee <id>", usage, StringComparison.Ordinal);
    }

    // ---- What the verbs do (fake sandbox and hub) -------------------------------------------------

    [Fact]
    public async Task Hired_seeds_an_active_employee_hired_today_then_sends_employee_created()
    {
        var fake = new FakeServers();

        using var response = await Run(new HiredVerb(new FixedClock(Now), TextWriter.Null), fake,
            "--employee", "7", "--first", "Ada", "--github-username", "ada-gh");

        Assert.Equal(["PUT /_sandbox/bamboohr/employees/7", "POST /api/v1/webhooks/hr"], fake.Requests.Select(r => r.Line));
        var hr = Json(fake.Requests[0]);
        Assert.Equal("Ada", hr.GetProperty("firstName").GetString());
        Assert.Equal("7", hr.GetProperty("lastName").GetString());
        Assert.Equal("employee7@example.com", hr.GetProperty("workEmail").GetString());
        Assert.Equal("Engineering", hr.GetProperty("department").GetString());
        Assert.Equal("ada-gh", hr.GetProperty("githubUsername").GetString());
        Assert.Equal("Active", hr.GetProperty("status").GetString());
        Assert.Equal("2026-03-06", hr.GetProperty("hireDate").GetString());
        Assert.Equal(string.Empty, hr.GetProperty("terminationDate").GetString());
        AssertDelivery(fake.Requests[1], "employee.created", EventTypes.HrEmployeeHired);
    }

    [Fact]
    public async Task Terminated_seeds_an_unknown_employee_and_their_accounts_then_terminates_and_sends_the_update()
    {
        var fake = new FakeServers();

        using var response = await Run(new TerminatedVerb(new FixedClock(Now), TextWriter.Null), fake,
            "--employee", "7", "--at", "2026-03-06T17:30:00Z");

        Assert.Equal(
            ["GET /_sandbox/bamboohr/employees/7", "POST /_sandbox/identity/employees", "PUT /_sandbox/bamboohr/employees/7", "POST /api/v1/webhooks/hr"],
            fake.Requests.Select(r => r.Line));
        var identity = Json(fake.Requests[1]);
        Assert.Equal("employee7@example.com", identity.GetProperty("email").GetString());
        Assert.Equal("Employee", identity.GetProperty("firstName").GetString());
        Assert.Equal("7", identity.GetProperty("lastName").GetString());
        Assert.Equal("emp7-gh", identity.GetProperty("githubUsername").GetString());
        Assert.Equal(
            ["expenses", "payroll-portal", "wiki", "crm-seats", "vpn", "badge-access", "ticketing", "file-share"],
            identity.GetProperty("restApps").EnumerateArray().Select(a => a.GetString()));
        var hr = Json(fake.Requests[2]);
        Assert.Equal("employee7@example.com", hr.GetProperty("workEmail").GetString());
        Assert.Equal("2025-03-06", hr.GetProperty("hireDate").GetString());
        Assert.Equal("2026-03-06", hr.GetProperty("terminationDate").GetString());
        Assert.Equal("17:30:00", hr.GetProperty("terminationTime").GetString());
        Assert.Equal("Terminated", hr.GetProperty("employmentHistoryStatus").GetString());
        Assert.Equal("Inactive", hr.GetProperty("status").GetString());
        var data = AssertDelivery(fake.Requests[3], "employee.updated", EventTypes.HrEmployeeEmploymentChanged);
        Assert.Equal(["status", "employmentHistoryStatus", "terminationDate", "terminationTime"], data.GetProperty("changedFields").EnumerateArray().Select(f => f.GetString()));
    }

    [Fact]
    public async Task Terminated_leaves_a_known_employee_and_their_accounts_alone_apart_from_the_termination()
    {
        var fake = new FakeServers { KnownEmployees = { "7" } };

        using var response = await Run(new TerminatedVerb(new FixedClock(Now), TextWriter.Null), fake, "--employee", "7", "--in", "60");

        Assert.Equal(["GET /_sandbox/bamboohr/employees/7", "PUT /_sandbox/bamboohr/employees/7", "POST /api/v1/webhooks/hr"], fake.Requests.Select(r => r.Line));
        var hr = Json(fake.Requests[1]);
        Assert.Equal(["terminationDate", "terminationTime", "employmentHistoryStatus", "status"], hr.EnumerateObject().Select(p => p.Name));
        Assert.Equal("15:05:05", hr.GetProperty("terminationTime").GetString());
    }

    [Fact]
    public async Task Terminated_reports_an_identity_refusal_and_changes_and_sends_nothing_else()
    {
        var fake = new FakeServers { IdentityStatus = HttpStatusCode.NotFound };
        var error = new StringWriter();

        int exit = await SendEventCli.RunAsync(["terminated", "--employee", "7"], new HttpClient(fake), new StringWriter(), error);

        Assert.Equal(SendEventCli.ExitFailed, exit);
        Assert.Equal(["GET /_sandbox/bamboohr/employees/7", "POST /_sandbox/identity/employees"], fake.Requests.Select(r => r.Line));
        Assert.Contains("identity accounts for employee7@example.com: 404", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelled_reinstates_a_known_employee_and_sends_the_update()
    {
        var fake = new FakeServers { KnownEmployees = { "7" } };

        using var response = await Run(new CancelledVerb(new FixedClock(Now), TextWriter.Null), fake, "--employee", "7");

        Assert.Equal(["GET /_sandbox/bamboohr/employees/7", "PUT /_sandbox/bamboohr/employees/7", "POST /api/v1/webhooks/hr"], fake.Requests.Select(r => r.Line));
        var hr = Json(fake.Requests[1]);
        Assert.Equal(string.Empty, hr.GetProperty("terminationDate").GetString());
        Assert.Equal(string.Empty, hr.GetProperty("terminationTime").GetString());
        Assert.Equal("Active", hr.GetProperty("status").GetString());
        Assert.Equal("Full-Time", hr.GetProperty("employmentHistoryStatus").GetString());
        var data = AssertDelivery(fake.Requests[2], "employee.updated", EventTypes.HrEmployeeEmploymentChanged);
        Assert.Equal(4, data.GetProperty("changedFields").GetArrayLength());
    }

    [Fact]
    public async Task Cancelled_for_an_unknown_employee_fails_without_writing_or_sending()
    {
        var fake = new FakeServers();
        var error = new StringWriter();

        int exit = await SendEventCli.RunAsync(["cancelled", "--employee", "7"], new HttpClient(fake), new StringWriter(), error);

        Assert.Equal(SendEventCli.ExitFailed, exit);
        Assert.Equal(["GET /_sandbox/bamboohr/employees/7"], fake.Requests.Select(r => r.Line));
        Assert.Contains("no employee 7", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Repeat_updates_the_sandbox_once_and_redelivers_the_same_body()
    {
        var fake = new FakeServers();
        var output = new StringWriter();

        int exit = await SendEventCli.RunAsync(["hired", "--employee", "7", "--repeat", "3", "--url", "http://localhost:5000"], new HttpClient(fake), output, new StringWriter());

        Assert.Equal(SendEventCli.ExitOk, exit);
        Assert.Equal(3, output.ToString().Split("http://localhost:5000/api/v1/webhooks/hr -> 202 Accepted").Length - 1);
        Assert.Equal("http://127.0.0.1:7080/_sandbox/bamboohr/employees/7", fake.Requests[0].Url);
        Assert.Single(fake.Requests, r => r.Line.StartsWith("PUT", StringComparison.Ordinal));
        var deliveries = fake.Requests.Where(r => r.Line == "POST /api/v1/webhooks/hr").ToList();
        Assert.Equal(3, deliveries.Count);
        Assert.All(deliveries, d => Assert.Equal(deliveries[0].Body, d.Body));
    }

    // ---- Against the real sandbox -----------------------------------------------------------------

    [Fact]
    public async Task Against_the_sandbox_hired_then_terminated_reads_back_through_the_connector_at_the_instant_given()
    {
        await using SandboxHost sandbox = await SandboxHost.StartAsync();
        var hub = new FakeServers(passSandboxThrough: true);
        string root = sandbox.BaseUri.ToString();

        using (await Run(new HiredVerb(new FixedClock(Now), TextWriter.Null), hub, "--employee", "31", "--sandbox", root))
        {
        }

        using (await Run(new TerminatedVerb(new FixedClock(Now), TextWriter.Null), hub, "--employee", "31", "--at", "2026-03-09T22:15:30Z", "--sandbox", root))
        {
        }

        var options = new BambooHrOptions { BaseUrl = new Uri(sandbox.BaseUri, "bamboohr/api/v1/").ToString(), ApiKey = "sandbox-bamboohr-key" };
        var client = new BambooHrClient(new HttpClient(), Mock.Of<IOptionsMonitor<BambooHrOptions>>(m => m.CurrentValue == options));
        var employee = await client.GetEmployeeAsync("31", ["githubUsername"], "corr", default);

        Assert.NotNull(employee);
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 22, 15, 30, TimeSpan.Zero), employee.TerminationEffectiveAt);
        Assert.Equal("Inactive", employee.Status);
        Assert.Equal(new DateOnly(2026, 3, 6), employee.HireDate);
        Assert.Equal("emp31-gh", employee.Fields["githubUsername"]);
        Assert.Equal(2, hub.Requests.Count(r => r.Line == "POST /api/v1/webhooks/hr"));
    }

    // ---- Helpers ----------------------------------------------------------------------------------

    private static async Task<HttpResponseMessage> Run(ISendVerb verb, FakeServers hub, params string[] options)
    {
        var send = verb.Prepare(CliParser.Parse([verb.Name, .. options]));
        HttpResponseMessage response = await send(new WebhookSender(new HttpClient(hub), null, new FixedClock(Now)), CancellationToken.None);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return response;
    }

    private static JsonElement Json(Captured request) => JsonDocument.Parse(request.Body).RootElement.Clone();

    /// <summary>Checks the delivery verifies with the dev key and normalises to the expected event; returns its data.</summary>
    private static JsonElement AssertDelivery(Captured request, string type, string eventType)
    {
        WebhookRequest webhook = request.AsWebhook();
        Assert.Equal(SignatureVerification.Valid, Signature.Verify(webhook, [DevSecrets.Hr], Now, Tolerance));
        EventEnvelope envelope = Assert.Single(new BambooHrEventNormaliser().Normalise("hr", webhook, "corr", Now));
        Assert.Equal(eventType, envelope.Type);
        Assert.Equal("7", envelope.Subject);
        Assert.Equal(Now, envelope.OccurredAt);
        JsonElement body = Json(request);
        Assert.Equal(type, body.GetProperty("type").GetString());
        return body.GetProperty("data");
    }

    private sealed record Captured(string Method, string Url, string Path, Dictionary<string, string> Headers, byte[] Body)
    {
        public string Line => $"{Method} {Path}";

        public WebhookRequest AsWebhook() => new(Method, new Uri(Url), Headers, Body);
    }

    /// <summary>
    /// The sandbox admin routes and the hub's webhook endpoint, faked: records every request and answers by path;
    /// with <paramref name="passSandboxThrough"/> the /_sandbox calls go to the real server named in their URL.
    /// </summary>
    private sealed class FakeServers(bool passSandboxThrough = false) : DelegatingHandler(new SocketsHttpHandler())
    {
        public List<Captured> Requests { get; } = [];

        public HashSet<string> KnownEmployees { get; } = [];

        public HttpStatusCode IdentityStatus { get; init; } = HttpStatusCode.OK;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (name, values) in request.Headers.Concat(request.Content?.Headers.AsEnumerable() ?? []))
            {
                headers[name] = string.Join(",", values);
            }

            byte[] body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
            string path = request.RequestUri!.AbsolutePath;
            Requests.Add(new Captured(request.Method.Method, request.RequestUri.OriginalString, path, headers, body));
            if (passSandboxThrough && path.StartsWith("/_sandbox/", StringComparison.Ordinal))
            {
                return await base.SendAsync(request, cancellationToken);
            }

            (HttpStatusCode status, string json) = (request.Method.Method, path) switch
            {
                ("GET", _) when path.StartsWith("/_sandbox/bamboohr/employees/", StringComparison.Ordinal) =>
                    KnownEmployees.Contains(path[(path.LastIndexOf('/') + 1)..]) ? (HttpStatusCode.OK, """{"id":"7"}""") : (HttpStatusCode.NotFound, "{}"),
                ("PUT", _) => (HttpStatusCode.OK, """{"id":"7"}"""),
                ("POST", "/_sandbox/identity/employees") => (IdentityStatus, "{}"),
                ("POST", WebhookSender.HrPath) => (HttpStatusCode.Accepted, """{"accepted":true}"""),
                _ => (HttpStatusCode.NotImplemented, "{}"),
            };
            return new HttpResponseMessage(status) { RequestMessage = request, Content = new StringContent(json, Encoding.UTF8, "application/json") };
        }
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
