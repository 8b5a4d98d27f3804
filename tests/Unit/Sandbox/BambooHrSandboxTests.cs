using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Xunit;

namespace Integration.Tests.Unit.Sandbox;

public sealed class BambooHrSandboxTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>, IAsyncLifetime
{
    public const string ApiKey = "sandbox-bamboohr-key";

    private SandboxHost Sandbox => fixture.Host;

    public Task InitializeAsync() => Sandbox.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Employee_get_answers_every_requested_field_as_a_string_and_blank_when_unset()
    {
        await Seed("7", """{"firstName":"Ada","lastName":"Lovelace","status":"Active","hireDate":"2020-01-15"}""");

        var response = await GetEmployee("/employees/7?fields=firstName,lastName,status,terminationDate,githubUsername&onlyCurrent=false");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("application/json", response.MediaType);
        var json = response.Json;
        Assert.Equal(["id", "firstName", "lastName", "status", "terminationDate", "githubUsername"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal("7", json.GetProperty("id").GetString());
        Assert.Equal("Ada", json.GetProperty("firstName").GetString());
        Assert.Equal("Active", json.GetProperty("status").GetString());
        Assert.Equal(string.Empty, json.GetProperty("terminationDate").GetString());
        Assert.Equal(string.Empty, json.GetProperty("githubUsername").GetString());
        Assert.False(json.TryGetProperty("hireDate", out _));
        Assert.All(json.EnumerateObject(), p => Assert.Equal(JsonValueKind.String, p.Value.ValueKind));
    }

    [Fact]
    public async Task Without_fields_the_answer_has_the_name()
    {
        await Seed("7", """{"firstName":"Ada","lastName":"Lovelace","status":"Active"}""");

        var json = (await GetEmployee("/employees/7")).Json;

        Assert.Equal(["id", "firstName", "lastName"], json.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task An_unknown_employee_is_404_with_the_reason_in_the_error_header()
    {
        var response = await GetEmployee("/employees/404?fields=firstName");

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal(string.Empty, response.Text);
        Assert.Contains("404", string.Join(",", response.Message.Headers.GetValues("X-BambooHR-Error-Message")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    [InlineData("")]
    public async Task A_missing_or_wrong_api_key_is_401(string? key)
    {
        await Seed("7", """{"firstName":"Ada"}""");

        var response = await GetEmployee("/employees/7?fields=firstName", key);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.True(response.Message.Headers.Contains("X-BambooHR-Error-Message"));
    }

    [Fact]
    public async Task A_bearer_token_with_the_key_is_not_enough()
    {
        await Seed("7", """{"firstName":"Ada"}""");

        var response = await Sandbox.SendAsync(HttpMethod.Get, "/bamboohr/api/v1/employees/7", ApiKey);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
    }

    [Fact]
    public async Task The_password_is_ignored_and_the_key_can_come_from_configuration()
    {
        await using var custom = await SandboxHost.StartAsync(new Dictionary<string, string?> { ["Sandbox:BambooHr:ApiKey"] = "custom-key" });
        await custom.AdminAsync(HttpMethod.Put, "/bamboohr/employees/7", """{"firstName":"Ada"}""");

        var withCustom = await Send(custom, "/employees/7", "custom-key", password: "anything");
        var withDefault = await Send(custom, "/employees/7", ApiKey);

        Assert.Equal(HttpStatusCode.OK, withCustom.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, withDefault.Status);
    }

    [Fact]
    public async Task Put_merges_fields_null_clears_one_and_the_admin_views_show_the_record()
    {
        await Seed("7", """{"firstName":"Ada","terminationDate":"2026-03-06","terminationTime":"17:00:00"}""");
        var merged = await Sandbox.AdminAsync(HttpMethod.Put, "/bamboohr/employees/7", """{"status":"Active","terminationDate":"","terminationTime":null}""");
        await Seed("12", """{"firstName":"Grace"}""");

        var one = await Sandbox.AdminAsync(HttpMethod.Get, "/bamboohr/employees/7");
        var all = await Sandbox.AdminAsync(HttpMethod.Get, "/bamboohr/employees");

        Assert.Equal(HttpStatusCode.OK, merged.Status);
        Assert.Equal(merged.Text, one.Text);
        Assert.Equal("Ada", one.Json.GetProperty("firstName").GetString());
        Assert.Equal("Active", one.Json.GetProperty("status").GetString());
        Assert.Equal(string.Empty, one.Json.GetProperty("terminationDate").GetString());
        Assert.Equal(string.Empty, one.Json.GetProperty("terminationTime").GetString());
        Assert.Equal(["12", "7"], all.Json.EnumerateArray().Select(e => e.GetProperty("id").GetString()));
    }

    [Theory]
    [InlineData("""{"status":1}""")]
    [InlineData("""{"status":{"value":"Active"}}""")]
    [InlineData("""["status"]""")]
    [InlineData("""{"status":""")]
    public async Task Put_refuses_values_that_are_not_strings(string body)
    {
        var response = await Sandbox.AdminAsync(HttpMethod.Put, "/bamboohr/employees/7", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Sandbox.AdminAsync(HttpMethod.Get, "/bamboohr/employees/7")).Status);
    }

    [Fact]
    public async Task Admin_get_of_an_unknown_employee_is_a_404_problem()
    {
        var response = await Sandbox.AdminAsync(HttpMethod.Get, "/bamboohr/employees/99");

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal("application/problem+json", response.MediaType);
    }

    [Fact]
    public async Task Reset_clears_the_hr_records()
    {
        await Seed("7", """{"firstName":"Ada"}""");

        await Sandbox.ResetAsync();

        Assert.Equal(0, (await Sandbox.AdminAsync(HttpMethod.Get, "/bamboohr/employees")).Json.GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await GetEmployee("/employees/7")).Status);
    }

    [Fact]
    public async Task Bamboohr_calls_are_counted_and_take_injected_faults()
    {
        await Seed("7", """{"firstName":"Ada"}""");
        await GetEmployee("/employees/7");
        await Sandbox.SetFaultsAsync("bamboohr", """{"rate500":1}""");

        var faulted = await GetEmployee("/employees/7");
        var counters = (await Sandbox.AdminAsync(HttpMethod.Get, "/requests")).Json.GetProperty("bamboohr");

        Assert.Equal(HttpStatusCode.InternalServerError, faulted.Status);
        Assert.Equal(2, counters.GetProperty("total").GetInt64());
        Assert.Equal(1, counters.GetProperty("faulted").GetInt64());
    }

    private async Task Seed(string id, string json)
    {
        var response = await Sandbox.AdminAsync(HttpMethod.Put, $"/bamboohr/employees/{id}", json);
        Assert.True(response.Status == HttpStatusCode.OK, response.Text);
    }

    private Task<SandboxResponse> GetEmployee(string path, string? key = ApiKey) => Send(Sandbox, path, key);

    private static async Task<SandboxResponse> Send(SandboxHost sandbox, string path, string? key, string password = "x")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/bamboohr/api/v1" + path);
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{key}:{password}")));
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var response = await sandbox.Http.SendAsync(request);
        return new SandboxResponse(response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }
}
