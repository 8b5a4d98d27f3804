using Integration.Activities.Configuration;
using Integration.Activities.Connectors.Identity;
using Integration.Activities.Offboarding;
using Integration.Activities.Onboarding;
using Integration.Orchestrations.Common;
using Integration.Orchestrations.Employees;
using Integration.Orchestrations.Offboarding;
using Integration.Orchestrations.Onboarding;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;
using Moq;
using Xunit;

namespace Integration.Tests.Unit.Activities.Connectors.Identity;

/// <summary>RevokeAccessActivity and ProvisionAccessActivity with a fake connector: target lookup, call correlation id, time, failures.</summary>
public sealed class AccessActivitiesTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 14, 9, 30, 0, TimeSpan.Zero);

    private readonly FakeConnector okta = new();
    private readonly IdentityTargetOptions oktaTarget = new() { Kind = "OKTA", BaseUrl = "https://okta.test", Token = "t" };
    private readonly IdentityTargets targets;
    private readonly IdentityConnectors connectors;

    public AccessActivitiesTests()
    {
        targets = new IdentityTargets(Options.Create(new IdentityOptions { Targets = { ["okta-main"] = oktaTarget } }));
        connectors = new IdentityConnectors([okta]);
    }

    private static HrEmployee Jane => IdentityTargetsTests.Employee("Engineering", []);

    [Fact]
    public async Task Revoke_calls_the_targets_connector_under_the_attempts_correlation_id_and_stamps_the_time()
    {
        var activity = new RevokeAccessActivity(targets, connectors, new FixedTime(Now));
        var input = new RevokeAccessInput("42-20250314T090000Z", "42", new AccessTarget("okta-main", "okta", "jane@acme.test"), 3, "corr-9");

        RevocationResult result = await activity.RunAsync(Mock.Of<TaskActivityContext>(), input);

        Assert.Equal(new RevocationResult("okta-main", AccessOutcomes.Revoked, Now, "corr-9-okta-main-a3", "did it"), result);
        (string target, IdentityTargetOptions options, string key, string correlation) = Assert.Single(okta.Revocations);
        Assert.Equal(("okta-main", "jane@acme.test", "corr-9-okta-main-a3"), (target, key, correlation));
        Assert.Same(oktaTarget, options);
    }

    [Fact]
    public async Task Revoke_of_a_target_no_longer_configured_is_permanent_and_names_it()
    {
        var activity = new RevokeAccessActivity(targets, connectors, new FixedTime(Now));
        var input = new RevokeAccessInput("o1", "42", new AccessTarget("slack", "slack-scim", "jane@acme.test"), 1, "corr-9");

        var failure = await Assert.ThrowsAsync<PermanentActivityFailureException>(() => activity.RunAsync(Mock.Of<TaskActivityContext>(), input));

        Assert.Contains("'slack' is not configured", failure.Message, StringComparison.Ordinal);
        Assert.Empty(okta.Revocations);
    }

    [Fact]
    public async Task Revoke_without_an_account_key_is_permanent_and_gives_the_reason()
    {
        var activity = new RevokeAccessActivity(targets, connectors, new FixedTime(Now));
        var input = new RevokeAccessInput("o1", "42", new AccessTarget("okta-main", "okta", null, "HR record has no workEmail"), 1, "corr-9");

        var failure = await Assert.ThrowsAsync<PermanentActivityFailureException>(() => activity.RunAsync(Mock.Of<TaskActivityContext>(), input));

        Assert.Contains("HR record has no workEmail", failure.Message, StringComparison.Ordinal);
        Assert.Empty(okta.Revocations);
    }

    [Fact]
    public async Task Connector_failures_reach_the_workflow_unchanged()
    {
        okta.Failure = new HttpRequestException("okta answered 503");
        var activity = new RevokeAccessActivity(targets, connectors, new FixedTime(Now));
        var input = new RevokeAccessInput("o1", "42", new AccessTarget("okta-main", "okta", "jane@acme.test"), 1, "corr-9");

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => activity.RunAsync(Mock.Of<TaskActivityContext>(), input));

        Assert.Same(okta.Failure, failure);
    }

    [Fact]
    public async Task Provision_builds_the_new_account_from_the_employee_and_returns_the_account_id()
    {
        var activity = new ProvisionAccessActivity(targets, connectors, new FixedTime(Now));
        var input = new ProvisionAccessInput("42", Jane, new AccessTarget("okta-main", "okta", "jane@acme.test"), 1, "corr-7");

        ProvisionResult result = await activity.RunAsync(Mock.Of<TaskActivityContext>(), input);

        Assert.Equal(new ProvisionResult("okta-main", AccessOutcomes.Created, "00u9", Now, "corr-7-okta-main-a1", "made it"), result);
        (string target, NewAccount account, string correlation) = Assert.Single(okta.Provisions);
        Assert.Equal(("okta-main", "corr-7-okta-main-a1"), (target, correlation));
        Assert.Equal(new NewAccount("jane@acme.test", "42", "Jane", "Doe", "Jane Doe", "jane@acme.test"), account);
    }

    [Fact]
    public async Task Provision_without_an_account_key_is_permanent()
    {
        var activity = new ProvisionAccessActivity(targets, connectors, new FixedTime(Now));
        var input = new ProvisionAccessInput("42", Jane, new AccessTarget("okta-main", "okta", " "), 1, "corr-7");

        await Assert.ThrowsAsync<PermanentActivityFailureException>(() => activity.RunAsync(Mock.Of<TaskActivityContext>(), input));

        Assert.Empty(okta.Provisions);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private sealed class FakeConnector : IIdentityConnector
    {
        public List<(string Target, IdentityTargetOptions Options, string Key, string Correlation)> Revocations { get; } = [];

        public List<(string Target, NewAccount Account, string Correlation)> Provisions { get; } = [];

        public Exception? Failure { get; set; }

        public string Kind => "okta";

        public Task<IdentityRevocation> RevokeAsync(string targetName, IdentityTargetOptions target, string accountKey, string callCorrelationId, CancellationToken cancellationToken)
        {
            Revocations.Add((targetName, target, accountKey, callCorrelationId));
            return Failure is null ? Task.FromResult(new IdentityRevocation(AccessOutcomes.Revoked, "00u1", "did it")) : Task.FromException<IdentityRevocation>(Failure);
        }

        public Task<IdentityProvisioning> ProvisionAsync(string targetName, IdentityTargetOptions target, NewAccount account, string callCorrelationId, CancellationToken cancellationToken)
        {
            Provisions.Add((targetName, account, callCorrelationId));
            return Task.FromResult(new IdentityProvisioning(AccessOutcomes.Created, "00u9", "made it"));
        }
    }
}
