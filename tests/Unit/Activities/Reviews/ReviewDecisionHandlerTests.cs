using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Integration.Activities.Configuration;
using Integration.Activities.Operations;
using Integration.Activities.Reviews;
using Integration.Activities.Storage;
using Integration.Tests.Unit.Activities.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using Xunit;

namespace Integration.Tests.Unit.Activities.Reviews;

/// <summary>
/// The review route's field limits: a value, comment or reviewer over its documented length is a 400 naming the
/// field and the limit, before the workflow or the claim table is touched (the client is a strict mock, and the
/// storage clients point at an account never contacted). At the limit, the answer goes on to the instance lookup.
/// </summary>
public sealed class ReviewDecisionHandlerTests : IDisposable
{
    private const string Key = "test-operations-key";
    private const string InstanceId = "deal-invoice-1";

    private readonly ServiceProvider services = new ServiceCollection().AddLogging().BuildServiceProvider();
    private readonly Mock<DurableTaskClient> client = new(MockBehavior.Strict, "test");

    public void Dispose() => services.Dispose();

    public static TheoryData<string, int> Fields => new()
    {
        { "value", ReviewDecisionHandler.MaxValueLength },
        { "comment", ReviewDecisionHandler.MaxCommentLength },
        { "reviewedBy", ReviewDecisionHandler.MaxReviewedByLength },
    };

    [Theory]
    [MemberData(nameof(Fields))]
    public async Task A_field_one_character_over_its_limit_is_400_naming_the_field_and_the_limit(string field, int limit)
    {
        (int status, JsonElement problem) = await DecideAsync(Body(field, new string('x', limit + 1)));

        Assert.Equal(StatusCodes.Status400BadRequest, status);
        Assert.Equal("urn:integration:problem:review-decision-invalid", problem.GetProperty("type").GetString());
        string detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains($"'{field}'", detail, StringComparison.Ordinal);
        Assert.Contains($"at most {limit}", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_60000_character_value_that_broke_the_history_write_is_400()
    {
        (int status, JsonElement problem) = await DecideAsync(Body("value", new string('7', 60_000)));

        Assert.Equal(StatusCodes.Status400BadRequest, status);
        Assert.Contains("'value' is 60000 characters long", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public async Task A_field_at_its_limit_is_accepted_as_far_as_the_instance_lookup(string field, int limit)
    {
        client.Setup(c => c.GetInstanceAsync(InstanceId, true, It.IsAny<CancellationToken>())).ReturnsAsync((OrchestrationMetadata?)null);

        (int status, JsonElement problem) = await DecideAsync(Body(field, new string('x', limit)));

        Assert.Equal(StatusCodes.Status404NotFound, status);
        Assert.Equal("urn:integration:problem:instance-not-found", problem.GetProperty("type").GetString());
    }

    private static string Body(string field, string text)
    {
        var body = new Dictionary<string, string> { ["action"] = "use-customer", ["value"] = "58", [field] = text };
        return JsonSerializer.Serialize(body);
    }

    /// <summary>The audit trail on a port nobody listens on: these tests look at the answer, and a failed audit write must not change it.</summary>
    private static AuditLog Audit() => new(StorageOnPort.Clients(StorageOnPort.FreePort()), TimeProvider.System);

    private async Task<(int Status, JsonElement Problem)> DecideAsync(string body)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = "POST";
        context.Request.Path = $"/api/v1/reviews/{InstanceId}";
        context.Request.Headers[OperationsAccess.HeaderName] = Key;
        context.Request.ContentType = "application/json";
        byte[] bytes = Encoding.UTF8.GetBytes(body);
        context.Request.Body = new MemoryStream(bytes);
        context.Request.ContentLength = bytes.Length;
        context.Response.Body = new MemoryStream();

        var storage = new StorageClients(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [StorageClients.SettingName] = "UseDevelopmentStorage=true" })
            .Build());
        var operationsKey = new OperationsAccess(Mock.Of<IOptionsMonitor<OperationsOptions>>(m => m.CurrentValue == new OperationsOptions { ApiKey = Key }));
        var handler = new ReviewDecisionHandler(operationsKey, new ReviewClaimStore(storage, TimeProvider.System), Audit(), NullLogger<ReviewDecisionHandler>.Instance);

        IResult result = await handler.DecideAsync(context.Request, InstanceId, client.Object, CancellationToken.None);
        await result.ExecuteAsync(context);

        context.Response.Body.Position = 0;
        using JsonDocument json = await JsonDocument.ParseAsync(context.Response.Body);
        Assert.Equal("application/problem+json", MediaTypeHeaderValue.Parse(context.Response.ContentType!).MediaType);
        return (context.Response.StatusCode, json.RootElement.Clone());
    }
}
