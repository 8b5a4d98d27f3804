using System.Net.Http.Headers;
using System.Text.Json;
using Integration.Activities.Configuration;
using Integration.Activities.Evidence;
using Integration.Activities.Operations;
using Integration.Activities.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Moq;
using Xunit;

namespace Integration.Tests.Unit.Activities.Evidence;

/// <summary>
/// The evidence API's refusals: 401 without the operations key (checked first), 400 for bad query values,
/// each a problem+json, before anything touches storage (the clients point at an account never contacted).
/// </summary>
public sealed class EvidenceHandlerTests : IDisposable
{
    private const string Key = "test-operations-key";
    private const string ListPath = "/api/v1/evidence/offboardings";

    private readonly ServiceProvider services = new ServiceCollection().AddLogging().BuildServiceProvider();

    public void Dispose() => services.Dispose();

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task Without_the_operations_key_both_routes_are_401(string? offered)
    {
        var list = await ListAsync("?max=5", offered);
        var get = await GetAsync("E1-20260101T000000Z", "", offered);

        list.AssertProblem(StatusCodes.Status401Unauthorized, "operations-key-invalid");
        get.AssertProblem(StatusCodes.Status401Unauthorized, "operations-key-invalid");
    }

    [Fact]
    public async Task The_key_is_checked_before_the_query()
    {
        var problem = await ListAsync("?max=nope", key: null);

        problem.AssertProblem(StatusCodes.Status401Unauthorized, "operations-key-invalid");
    }

    [Theory]
    [InlineData("?max=0")]
    [InlineData("?max=-1")]
    [InlineData("?max=1001")]
    [InlineData("?max=abc")]
    [InlineData("?max=")]
    [InlineData("?max=%205")]
    [InlineData("?max=1.5")]
    [InlineData("?max=99999999999")]
    [InlineData("?max=1&max=2")]
    public async Task A_bad_max_is_400(string query)
    {
        var problem = await ListAsync(query);

        problem.AssertProblem(StatusCodes.Status400BadRequest, "evidence-query-invalid");
        Assert.Contains("'max'", problem.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?employeeId=a&employeeId=b")]
    public async Task Employee_id_twice_is_400(string query)
    {
        var problem = await ListAsync(query);

        problem.AssertProblem(StatusCodes.Status400BadRequest, "evidence-query-invalid");
        Assert.Contains("'employeeId'", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_employee_id_longer_than_a_table_key_is_400()
    {
        var problem = await ListAsync("?employeeId=" + new string('e', OffboardingEvidenceStore.MaxIdLength + 1));

        problem.AssertProblem(StatusCodes.Status400BadRequest, "evidence-query-invalid");
    }

    [Theory]
    [InlineData("?format=csv")]
    [InlineData("?format=xml")]
    public async Task The_list_is_json_only(string query)
    {
        var problem = await ListAsync(query);

        problem.AssertProblem(StatusCodes.Status400BadRequest, "evidence-query-invalid");
        Assert.Contains("'format'", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_list_ignores_an_accept_header_asking_for_csv()
    {
        var problem = await ListAsync("?max=0", accept: "text/csv");

        problem.AssertProblem(StatusCodes.Status400BadRequest, "evidence-query-invalid");
        Assert.Contains("'max'", problem.Detail, StringComparison.Ordinal); // got past the format check
    }

    [Theory]
    [InlineData("?format=xml")]
    [InlineData("?format=csv&format=json")]
    [InlineData("?format=text/csv")]
    public async Task A_bad_format_for_a_record_is_400(string query)
    {
        var problem = await GetAsync("E1-20260101T000000Z", query);

        problem.AssertProblem(StatusCodes.Status400BadRequest, "evidence-query-invalid");
        Assert.Contains("'json' or 'csv'", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Problems_carry_the_callers_correlation_id()
    {
        var problem = await ListAsync("?max=0", correlationId: "audit-42");

        Assert.Equal("audit-42", problem.CorrelationId);
    }

    private Task<Problem> ListAsync(string query, string? key = Key, string? correlationId = null, string? accept = null) =>
        SendAsync(ListPath, query, key, correlationId, accept, (handler, request) => handler.ListOffboardingsAsync(request, CancellationToken.None));

    private Task<Problem> GetAsync(string offboardingId, string query, string? key = Key) =>
        SendAsync($"{ListPath}/{offboardingId}", query, key, null, null, (handler, request) => handler.GetOffboardingAsync(request, offboardingId, CancellationToken.None));

    private async Task<Problem> SendAsync(
        string path, string query, string? key, string? correlationId, string? accept, Func<EvidenceHandler, HttpRequest, Task<IResult>> call)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = "GET";
        context.Request.Path = path;
        context.Request.QueryString = new QueryString(query.Length == 0 ? null : query);
        if (key is not null)
        {
            context.Request.Headers[OperationsAccess.HeaderName] = key;
        }

        if (correlationId is not null)
        {
            context.Request.Headers["X-Correlation-Id"] = correlationId;
        }

        if (accept is not null)
        {
            context.Request.Headers.Accept = accept;
        }

        context.Response.Body = new MemoryStream();
        var storage = new StorageClients(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [StorageClients.SettingName] = "UseDevelopmentStorage=true" })
            .Build());
        var operationsKey = new OperationsAccess(Mock.Of<IOptionsMonitor<OperationsOptions>>(m => m.CurrentValue == new OperationsOptions { ApiKey = Key }));
        var handler = new EvidenceHandler(operationsKey, new OffboardingEvidenceStore(storage));

        IResult result = await call(handler, context.Request);
        await result.ExecuteAsync(context);

        context.Response.Body.Position = 0;
        using JsonDocument json = await JsonDocument.ParseAsync(context.Response.Body);
        return new Problem(context.Response.StatusCode, context.Response.ContentType, json.RootElement.Clone());
    }

    /// <summary>The response as a client sees it.</summary>
    private sealed record Problem(int Status, string? ContentType, JsonElement Body)
    {
        public string Detail => Body.GetProperty("detail").GetString() ?? string.Empty;

        public string CorrelationId => Body.GetProperty("correlationId").GetString() ?? string.Empty;

        public void AssertProblem(int status, string kind)
        {
            Assert.Equal(status, Status);
            Assert.NotNull(ContentType);
            Assert.Equal("application/problem+json", MediaTypeHeaderValue.Parse(ContentType).MediaType);
            Assert.Equal("urn:integration:problem:" + kind, Body.GetProperty("type").GetString());
            Assert.Equal(status, Body.GetProperty("status").GetInt32());
            Assert.False(string.IsNullOrWhiteSpace(CorrelationId));
        }
    }
}
