using Integration.Activities.Connectors.BambooHr;
using Integration.Orchestrations.Employees;
using Integration.Tests.Unit.Sandbox;
using Microsoft.Extensions.Options;
using Moq;
using Xunit;

namespace Integration.Tests.Unit.Activities.Connectors;

/// <summary>BambooHrClient against the in-process BambooHR sandbox over real HTTP: the client and the emulation agree.</summary>
public sealed class BambooHrSandboxConnectorTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>, IAsyncLifetime
{
    private SandboxHost Sandbox => fixture.Host;

    public Task InitializeAsync() => Sandbox.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_seeded_termination_reads_back_as_an_employee_leaving_at_that_time()
    {
        var seeded = await Sandbox.AdminAsync(HttpMethod.Put, "/bamboohr/employees/7", """
            {"firstName":"Ada","lastName":"Lovelace","workEmail":"ada@example.com","status":"Inactive","employmentHistoryStatus":"Terminated",
             "hireDate":"2020-01-15","terminationDate":"2026-03-06","terminationTime":"17:30:00","department":"Engineering","githubUsername":"ada-gh"}
            """);
        Assert.True(seeded.Status == System.Net.HttpStatusCode.OK, seeded.Text);

        HrEmployee? employee = await Client("America/New_York").GetEmployeeAsync("7", ["githubUsername"], "corr-1", default);

        Assert.NotNull(employee);
        Assert.Equal("Ada Lovelace", employee.DisplayName);
        Assert.Equal("ada@example.com", employee.WorkEmail);
        Assert.Equal(new DateTimeOffset(2026, 3, 6, 22, 30, 0, TimeSpan.Zero), employee.TerminationEffectiveAt);
        Assert.Equal("ada-gh", employee.Fields["githubUsername"]);
        Assert.Null(employee.JobTitle);
    }

    [Fact]
    public async Task An_unknown_employee_is_null_and_a_wrong_key_is_a_permanent_failure()
    {
        Assert.Null(await Client().GetEmployeeAsync("404", [], "corr-2", default));

        await Sandbox.AdminAsync(HttpMethod.Put, "/bamboohr/employees/7", """{"firstName":"Ada"}""");
        await Assert.ThrowsAsync<Integration.Orchestrations.Common.PermanentActivityFailureException>(
            () => Client(apiKey: "wrong").GetEmployeeAsync("7", [], "corr-3", default));
    }

    private BambooHrClient Client(string timeZone = "UTC", string apiKey = BambooHrSandboxTests.ApiKey)
    {
        var options = new BambooHrOptions
        {
            BaseUrl = new Uri(Sandbox.BaseUri, "bamboohr/api/v1/").ToString(),
            ApiKey = apiKey,
            TimeZone = timeZone,
        };
        return new BambooHrClient(new HttpClient(), Mock.Of<IOptionsMonitor<BambooHrOptions>>(m => m.CurrentValue == options));
    }
}
