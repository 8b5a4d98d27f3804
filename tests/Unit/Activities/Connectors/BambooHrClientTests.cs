using System.Net;
using System.Text;
using Integration.Activities.ApiCalls;
using Integration.Activities.Connectors.BambooHr;
using Integration.Orchestrations.Common;
using Integration.Orchestrations.Employees;
using Microsoft.Extensions.Options;
using Moq;
using Xunit;

namespace Integration.Tests.Unit.Activities.Connectors;

/// <summary>BambooHrClient against a fake handler: the request it sends and how it reads BambooHR's all-strings answer.</summary>
public sealed class BambooHrClientTests
{
    private const string ApiKey = "bamboo-api-key-1";
    private const string Correlation = "corr-hr-1";

    private const string FullAnswer = """
        {"id":"42","firstName":"Ada","lastName":"Lovelace","displayName":"Ada Lovelace","workEmail":"ada@example.com",
         "status":"Inactive","employmentHistoryStatus":"Terminated","terminationDate":"2026-03-06","hireDate":"2020-01-15",
         "department":"Engineering","jobTitle":"Analyst","terminationTime":"17:30","githubUsername":"ada-gh"}
        """;

    [Fact]
    public async Task The_request_asks_for_the_standard_fields_the_time_field_and_the_extras_with_future_values()
    {
        var (client, handler) = Client(FullAnswer);

        await client.GetEmployeeAsync("42", ["githubUsername", "workEmail", " "], Correlation, default);

        Captured request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal(
            "https://acme.bamboohr.com/api/v1/employees/42?fields=firstName,lastName,displayName,workEmail,status,employmentHistoryStatus," +
            "terminationDate,hireDate,department,jobTitle,terminationTime,githubUsername&onlyCurrent=false",
            request.Uri.AbsoluteUri);
        Assert.Equal("Basic", request.AuthScheme);
        Assert.Equal(ApiKey + ":x", Encoding.UTF8.GetString(Convert.FromBase64String(request.AuthParameter!)));
        Assert.Equal(["application/json"], request.Accept);
        Assert.Equal(Correlation, request.CorrelationId);
    }

    [Fact]
    public async Task The_employee_id_is_escaped_and_a_base_url_without_a_trailing_slash_keeps_its_path()
    {
        var (client, handler) = Client(FullAnswer, options: o => o.BaseUrl = "https://acme.bamboohr.com/api/v1");

        await client.GetEmployeeAsync("a/b c", [], Correlation, default);

        Assert.StartsWith("https://acme.bamboohr.com/api/v1/employees/a%2Fb%20c?fields=", Assert.Single(handler.Requests).Uri.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_maps_to_the_hr_employee_with_every_field_as_text()
    {
        var (client, _) = Client(FullAnswer);

        HrEmployee? employee = await client.GetEmployeeAsync("42", ["githubUsername"], Correlation, default);

        Assert.NotNull(employee);
        Assert.Equal("42", employee.Id);
        Assert.Equal("Ada", employee.FirstName);
        Assert.Equal("Lovelace", employee.LastName);
        Assert.Equal("Ada Lovelace", employee.DisplayName);
        Assert.Equal("ada@example.com", employee.WorkEmail);
        Assert.Equal("Inactive", employee.Status);
        Assert.Equal("Terminated", employee.EmploymentHistoryStatus);
        Assert.Equal(new DateOnly(2020, 1, 15), employee.HireDate);
        Assert.Equal(new DateOnly(2026, 3, 6), employee.TerminationDate);
        Assert.Equal(new DateTimeOffset(2026, 3, 6, 17, 30, 0, TimeSpan.Zero), employee.TerminationEffectiveAt);
        Assert.Equal("Engineering", employee.Department);
        Assert.Equal("Analyst", employee.JobTitle);
        Assert.Equal("ada-gh", employee.Fields["githubUsername"]);
        Assert.Equal("42", employee.Fields["id"]);
        Assert.Equal(13, employee.Fields.Count);
    }

    [Fact]
    public async Task Nulls_become_empty_text_and_other_json_values_keep_their_json_text()
    {
        var (client, _) = Client("""{"id":"42","firstName":"Ada","lastName":"L","supervisorEId":null,"payRate":42.5,"flags":{"a":1}}""");

        HrEmployee? employee = await client.GetEmployeeAsync("42", [], Correlation, default);

        Assert.NotNull(employee);
        Assert.Equal(string.Empty, employee.Fields["supervisorEId"]);
        Assert.Equal("42.5", employee.Fields["payRate"]);
        Assert.Equal("""{"a":1}""", employee.Fields["flags"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0000-00-00")]
    [InlineData("  ")]
    public async Task A_blank_or_zero_termination_date_means_no_termination(string date)
    {
        var (client, _) = Client($$"""{"id":"42","firstName":"Ada","lastName":"L","status":"Active","terminationDate":"{{date}}","hireDate":"0000-00-00","terminationTime":"17:30"}""");

        HrEmployee? employee = await client.GetEmployeeAsync("42", [], Correlation, default);

        Assert.NotNull(employee);
        Assert.Null(employee.TerminationDate);
        Assert.Null(employee.TerminationEffectiveAt);
        Assert.Null(employee.HireDate);
    }

    [Fact]
    public async Task Blank_optional_fields_are_null_and_the_display_name_falls_back_to_first_and_last()
    {
        var (client, _) = Client("""{"id":"42","firstName":"Ada","lastName":"Lovelace","displayName":"","workEmail":"","department":" ","jobTitle":null,"employmentHistoryStatus":""}""");

        HrEmployee? employee = await client.GetEmployeeAsync("42", [], Correlation, default);

        Assert.NotNull(employee);
        Assert.Equal("Ada Lovelace", employee.DisplayName);
        Assert.Null(employee.WorkEmail);
        Assert.Null(employee.Department);
        Assert.Null(employee.JobTitle);
        Assert.Null(employee.EmploymentHistoryStatus);
        Assert.Equal(string.Empty, employee.Status);
    }

    [Theory]
    // The record's time in the zone: 17:30 EST is 22:30Z.
    [InlineData("America/New_York", "2026-03-06", "17:30", "2026-03-06T22:30:00Z")]
    // With seconds.
    [InlineData("America/New_York", "2026-03-06", "09:15:30", "2026-03-06T14:15:30Z")]
    // Summer time: 17:30 BST is 16:30Z.
    [InlineData("Europe/London", "2026-07-01", "17:30", "2026-07-01T16:30:00Z")]
    // No usable time on the record: the default 17:00 in the zone (EDT after the change: 21:00Z).
    [InlineData("America/New_York", "2026-03-09", "", "2026-03-09T21:00:00Z")]
    [InlineData("America/New_York", "2026-03-09", "5pm", "2026-03-09T21:00:00Z")]
    [InlineData("America/New_York", "2026-03-09", "25:00", "2026-03-09T21:00:00Z")]
    // 02:30 does not exist on the spring-forward day; the first valid time after the gap is 03:00 EDT = 07:00Z.
    [InlineData("America/New_York", "2026-03-08", "02:30", "2026-03-08T07:00:00Z")]
    // 01:30 happens twice on the fall-back day; the first one is 01:30 EDT = 05:30Z.
    [InlineData("America/New_York", "2026-11-01", "01:30", "2026-11-01T05:30:00Z")]
    // The default zone is UTC.
    [InlineData(null, "2026-03-06", "17:30", "2026-03-06T17:30:00Z")]
    public async Task The_termination_instant_is_the_date_at_the_time_in_the_zone(string? zone, string date, string time, string expectedUtc)
    {
        var (client, _) = Client(
            $$"""{"id":"42","firstName":"Ada","lastName":"L","terminationDate":"{{date}}","terminationTime":"{{time}}"}""",
            options: o => o.TimeZone = zone ?? o.TimeZone);

        HrEmployee? employee = await client.GetEmployeeAsync("42", [], Correlation, default);

        Assert.NotNull(employee?.TerminationEffectiveAt);
        Assert.Equal(DateTimeOffset.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture), employee.TerminationEffectiveAt.Value);
        if (zone is not null)
        {
            TimeZoneInfo tz = TimeZoneInfo.FindSystemTimeZoneById(zone);
            Assert.Equal(tz.GetUtcOffset(employee.TerminationEffectiveAt.Value), employee.TerminationEffectiveAt.Value.Offset);
        }
    }

    [Fact]
    public async Task The_configured_time_field_and_default_time_are_used()
    {
        var (client, handler) = Client(
            """{"id":"42","firstName":"Ada","lastName":"L","terminationDate":"2026-03-06","terminationTime":"08:00","customTermTime":"12:45"}""",
            options: o =>
            {
                o.TerminationTimeField = "customTermTime";
                o.DefaultTerminationTime = "23:59";
            });
        var (fallbackClient, _) = Client(
            """{"id":"42","firstName":"Ada","lastName":"L","terminationDate":"2026-03-06"}""",
            options: o => o.DefaultTerminationTime = "23:59:30");

        HrEmployee? recorded = await client.GetEmployeeAsync("42", [], Correlation, default);
        HrEmployee? fallback = await fallbackClient.GetEmployeeAsync("42", [], Correlation, default);

        Assert.Contains(",jobTitle,customTermTime&", Assert.Single(handler.Requests).Uri.Query, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2026, 3, 6, 12, 45, 0, TimeSpan.Zero), recorded?.TerminationEffectiveAt);
        Assert.Equal(new DateTimeOffset(2026, 3, 6, 23, 59, 30, TimeSpan.Zero), fallback?.TerminationEffectiveAt);
    }

    [Fact]
    public async Task A_missing_id_in_the_answer_keeps_the_requested_one()
    {
        var (client, _) = Client("""{"firstName":"Ada","lastName":"L"}""");

        Assert.Equal("42", (await client.GetEmployeeAsync("42", [], Correlation, default))?.Id);
    }

    [Fact]
    public async Task Not_found_is_null()
    {
        var (client, _) = Client(string.Empty, HttpStatusCode.NotFound);

        Assert.Null(await client.GetEmployeeAsync("404", [], Correlation, default));
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.BadRequest)]
    public async Task A_refusal_is_permanent(HttpStatusCode status)
    {
        var (client, _) = Client("""{"error":"no"}""", status);

        var error = await Assert.ThrowsAsync<PermanentActivityFailureException>(() => client.GetEmployeeAsync("42", [], Correlation, default));

        Assert.Contains("bamboohr answered " + (int)status, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.InternalServerError)]
    public async Task Throttling_and_server_errors_are_transient(HttpStatusCode status)
    {
        var (client, _) = Client(string.Empty, status);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetEmployeeAsync("42", [], Correlation, default));

        Assert.Equal(status, error.StatusCode);
    }

    [Theory]
    [InlineData("<employee id=\"42\"/>")]
    [InlineData("[1,2]")]
    public async Task An_answer_that_is_not_a_json_object_is_permanent(string body)
    {
        var (client, _) = Client(body);

        await Assert.ThrowsAsync<PermanentActivityFailureException>(() => client.GetEmployeeAsync("42", [], Correlation, default));
    }

    [Fact]
    public async Task An_unreadable_date_is_permanent_and_names_the_field()
    {
        var (client, _) = Client("""{"id":"42","firstName":"Ada","lastName":"L","terminationDate":"06/03/2026"}""");

        var error = await Assert.ThrowsAsync<PermanentActivityFailureException>(() => client.GetEmployeeAsync("42", [], Correlation, default));

        Assert.Contains("'terminationDate'", error.Message, StringComparison.Ordinal);
    }

    private static (BambooHrClient Client, FakeBambooHr Handler) Client(string body, HttpStatusCode status = HttpStatusCode.OK, Action<BambooHrOptions>? options = null)
    {
        var o = new BambooHrOptions { BaseUrl = "https://acme.bamboohr.com/api/v1/", ApiKey = ApiKey };
        options?.Invoke(o);
        var handler = new FakeBambooHr(status, body);
        return (new BambooHrClient(new HttpClient(handler), Mock.Of<IOptionsMonitor<BambooHrOptions>>(m => m.CurrentValue == o)), handler);
    }

    /// <summary>What the client sent, copied before the request is disposed.</summary>
    private sealed record Captured(HttpMethod Method, Uri Uri, string? AuthScheme, string? AuthParameter, List<string> Accept, string? CorrelationId);

    /// <summary>Answers every request with one status and body, recording the requests.</summary>
    private sealed class FakeBambooHr(HttpStatusCode status, string body) : HttpMessageHandler
    {
        public List<Captured> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(new Captured(
                request.Method,
                request.RequestUri!,
                request.Headers.Authorization?.Scheme,
                request.Headers.Authorization?.Parameter,
                request.Headers.Accept.Select(a => a.MediaType!).ToList(),
                request.Options.TryGetValue(ApiCallLogHandler.CorrelationIdKey, out string? id) ? id : null));
            return Task.FromResult(new HttpResponseMessage(status)
            {
                RequestMessage = request,
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            });
        }
    }
}
