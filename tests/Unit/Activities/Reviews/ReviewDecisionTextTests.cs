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
/// A review decision whose body is not sound text (invalid UTF-8, an unpaired surrogate escape) is a 400
/// review-decision-invalid, even where the bad part is a field the decision does not use; no workflow is looked up.
/// </summary>
public sealed class ReviewDecisionTextTests : IDisposable
{
    private const string Key = "test-operations-key";

    private readonly ServiceProvider services = new ServiceCollection().AddLogging().BuildServiceProvider();

    public void Dispose() => services.Dispose();

    [Fact]
    public async Task Invalid_utf8_in_a_property_name_is_400()
    {
        byte[] body = [.. """{"action":"cancel","no"""u8, 0xFF, 0xFE, .. """te":"x"}"""u8];

        var (status, contentType, problem) = await DecideAsync(body);

        AssertInvalidDecision(status, contentType, problem, "not valid UTF-8");
    }

    [Fact]
    public async Task An_unpaired_surrogate_in_a_field_the_decision_ignores_is_400()
    {
        byte[] body = Encoding.UTF8.GetBytes("""{"action":"cancel","extra":"\ud800"}""");

        var (status, contentType, problem) = await DecideAsync(body);

        AssertInvalidDecision(status, contentType, problem, "unpaired surrogate");
    }

    [Fact]
    public async Task An_unpaired_surrogate_in_the_comment_is_400()
    {
        byte[] body = Encoding.UTF8.GetBytes("""{"action":"cancel","comment":"ok \udfff"}""");

        var (status, contentType, problem) = await DecideAsync(body);

        AssertInvalidDecision(status, contentType, problem, "unpaired surrogate");
    }

    private static void AssertInvalidDecision(int status, string? contentType, JsonElement problem, string detailPart)
    {
        Assert.Equal(StatusCodes.Status400BadRequest, status);
        Assert.Equal("application/problem+json", MediaTypeHeaderValue.Parse(contentType!).MediaType);
        Assert.Equal("urn:integration:problem:review-decision-invalid", problem.GetProperty("type").GetString());
        Assert.Contains(detailPart, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("correlationId").GetString()));
    }

    private async Task<(int Status, string? ContentType, JsonElement Problem)> DecideAsync(byte[] body)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = "POST";
        context.Request.Path = "/api/v1/reviews/deal-invoice-1";
        context.Request.ContentType = "application/json";
        context.Request.Headers[OperationsAccess.HeaderName] = Key;
        context.Request.Body = new MemoryStream(body);
        context.Request.ContentLength = body.Length;
        context.Response.Body = new MemoryStream();

        var options = new OperationsOptions { ApiKey = Key };
        var storage = new StorageClients(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [StorageClients.SettingName] = "UseDevelopmentStorage=true" })
            .Build());
        var handler = new ReviewDecisionHandler(
            new OperationsAccess(Mock.Of<IOptionsMonitor<OperationsOptions>>(m => m.CurrentValue == options)),
            new ReviewClaimStore(storage, TimeProvider.System),
            new AuditLog(StorageOnPort.Clients(StorageOnPort.FreePort()), TimeProvider.System),
            NullLogger<ReviewDecisionHandler>.Instance);
        // Strict: a bad body must be refused before any workflow is looked up or raised.
        var client = new Mock<DurableTaskClient>(MockBehavior.Strict, "test");

        IResult result = await handler.DecideAsync(context.Request, "deal-invoice-1", client.Object, CancellationToken.None);
        await result.ExecuteAsync(context);

        context.Response.Body.Position = 0;
        using JsonDocument json = await JsonDocument.ParseAsync(context.Response.Body);
        return (context.Response.StatusCode, context.Response.ContentType, json.RootElement.Clone());
    }
}
