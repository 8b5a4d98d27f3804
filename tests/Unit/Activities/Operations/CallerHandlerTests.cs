using System.Text;
using System.Text.Json;
using Integration.Activities.Configuration;
using Integration.Activities.Operations;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Moq;
using Xunit;

namespace Integration.Tests.Unit.Activities.Operations;

/// <summary>GET /api/v1/caller: the name and role the API takes the caller to be, and whether the deployment is read-only.</summary>
public sealed class CallerHandlerTests : IDisposable
{
    private readonly ServiceProvider services = new ServiceCollection().AddLogging().BuildServiceProvider();

    public void Dispose() => services.Dispose();

    [Theory]
    [InlineData("operator-key", false, "support team", "operator", false)]
    [InlineData("reader-key", false, "auditors", "reader", false)]
    [InlineData("operator-key", true, "support team", "operator", true)]
    public async Task A_known_key_is_answered_with_its_name_role_and_the_read_only_setting(string key, bool readOnly, string name, string role, bool answeredReadOnly)
    {
        var (status, body) = await DescribeAsync(key, readOnly);

        Assert.Equal(StatusCodes.Status200OK, status);
        Assert.Equal(name, body.GetProperty("name").GetString());
        Assert.Equal(role, body.GetProperty("role").GetString());
        Assert.Equal(answeredReadOnly, body.GetProperty("readOnly").GetBoolean());
    }

    [Fact]
    public async Task An_unknown_key_is_401()
    {
        var (status, body) = await DescribeAsync("not-a-key", readOnly: false);

        Assert.Equal(StatusCodes.Status401Unauthorized, status);
        Assert.Equal("urn:integration:problem:operations-key-invalid", body.GetProperty("type").GetString());
    }

    private async Task<(int Status, JsonElement Body)> DescribeAsync(string key, bool readOnly)
    {
        var settings = new OperationsOptions { ReadOnly = readOnly };
        settings.Keys.Add(new OperationsKeySetting { Name = "support team", Role = "operator", Hash = OperationsKeyHash.Of("operator-key") });
        settings.Keys.Add(new OperationsKeySetting { Name = "auditors", Role = "reader", Hash = OperationsKeyHash.Of("reader-key") });
        var monitor = Mock.Of<IOptionsMonitor<OperationsOptions>>(m => m.CurrentValue == settings);
        var handler = new CallerHandler(new OperationsAccess(monitor), monitor);

        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = HttpMethods.Get;
        context.Request.Path = "/api/v1/caller";
        context.Request.Headers[OperationsAccess.HeaderName] = key;
        using var stream = new MemoryStream();
        context.Response.Body = stream;
        await handler.Describe(context.Request).ExecuteAsync(context);
        using JsonDocument document = JsonDocument.Parse(Encoding.UTF8.GetString(stream.ToArray()));
        return (context.Response.StatusCode, document.RootElement.Clone());
    }
}
