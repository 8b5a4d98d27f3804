using Integration.Orchestrations.Common;
using Microsoft.DurableTask;
using Xunit;

namespace Integration.Tests.Unit.Orchestrations.Common;

/// <summary>The outer retry layer: transient failures are retried, permanent ones are not.</summary>
public sealed class WorkflowRetryTests
{
    private static RetryPolicy Policy =>
        WorkflowRetry.Standard.Retry?.Policy ?? throw new InvalidOperationException("WorkflowRetry.Standard has no retry policy.");

    [Fact]
    public void Standard_is_a_bounded_exponential_policy()
    {
        Assert.Equal(8, Policy.MaxNumberOfAttempts);
        Assert.Equal(TimeSpan.FromSeconds(5), Policy.FirstRetryInterval);
        Assert.Equal(2.0, Policy.BackoffCoefficient);
        Assert.Equal(TimeSpan.FromMinutes(5), Policy.MaxRetryInterval);
    }

    [Fact]
    public void Standard_does_not_retry_a_permanent_activity_failure()
    {
        TaskFailureDetails failure = FailureOf<PermanentActivityFailureException>();

        Assert.True(failure.IsCausedBy<PermanentActivityFailureException>());
        Assert.False(HandleFailure(failure));
    }

    [Fact]
    public void Standard_retries_a_transient_http_failure()
    {
        Assert.True(HandleFailure(FailureOf<HttpRequestException>()));
    }

    [Fact]
    public void Standard_retries_a_timeout_whose_type_lives_in_core_lib()
    {
        Assert.True(HandleFailure(FailureOf<TimeoutException>()));
    }

    [Fact]
    public void Standard_retries_a_failure_of_a_type_the_orchestrator_does_not_know()
    {
        var failure = new TaskFailureDetails("Vendor.Sdk.SomethingWentWrongException", "boom", null, null, null);

        Assert.True(HandleFailure(failure));
    }

    private static TaskFailureDetails FailureOf<TException>()
        where TException : Exception =>
        new(typeof(TException).FullName!, "the other system said no", null, null, null);

    /// <summary>
    /// RetryPolicy.HandleFailure is init-only: setting it installs <see cref="RetryPolicy.Handle"/>, which the engine
    /// calls with DurableTask.Core's TaskFailedException carrying the failure details. This calls it the same way.
    /// </summary>
    private static bool HandleFailure(TaskFailureDetails failure)
    {
        var engineException = new DurableTask.Core.Exceptions.TaskFailedException(failure.ErrorMessage)
        {
            FailureDetails = new DurableTask.Core.FailureDetails(failure.ErrorType, failure.ErrorMessage, failure.StackTrace, null, false),
        };
        return Policy.Handle(engineException);
    }
}
