using Integration.Orchestrations.Common;
using Microsoft.DurableTask;
using Moq;
using Xunit;

namespace Integration.Tests.Unit.Orchestrations.Common;

/// <summary>
/// Which answer a review takes: each question is published with its own id, and an answer stamped with
/// another question's id (a second answer that still reached the instance) is passed over, not taken.
/// </summary>
public sealed class ManualReviewTests
{
    private static readonly DateTime Now = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    private static readonly ReviewRequest Question = new(
        "deal 1: no company", [new ReviewAction("use-customer", "invoice this customer", true), new ReviewAction("cancel", "do not invoice", false)]);

    private readonly Mock<TaskOrchestrationContext> context = new(MockBehavior.Strict);
    private readonly List<WorkflowStatus> statuses = [];
    private readonly Queue<Func<ReviewRequest, Task<ReviewDecision>>> deliveries = new();
    private int waiters;

    public ManualReviewTests()
    {
        context.SetupGet(c => c.InstanceId).Returns("deal-invoice-1");
        context.SetupGet(c => c.CurrentUtcDateTime).Returns(Now);
        context.Setup(c => c.NewGuid()).Returns(() => Guid.NewGuid());
        context.Setup(c => c.SetCustomStatus(It.IsAny<object?>())).Callback<object?>(s => statuses.Add(Assert.IsType<WorkflowStatus>(s)));
        context.Setup(c => c.CallActivityAsync(It.Is<TaskName>(n => n.Name == ActivityNames.RaiseReviewAlert), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns(Task.CompletedTask);

        // Escalation timers never fire here: the answers decide.
        context.Setup(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>())).Returns(new TaskCompletionSource().Task);

        // Each waiter gets the next delivery, made for the question published last (pending once they run out).
        context.Setup(c => c.WaitForExternalEvent<ReviewDecision>(ManualReview.DecisionEvent, It.IsAny<CancellationToken>()))
            .Returns(() =>
            {
                waiters++;
                return deliveries.Count > 0 ? deliveries.Dequeue()(statuses[^1].Review!) : new TaskCompletionSource<ReviewDecision>().Task;
            });
    }

    [Fact]
    public async Task Each_question_is_published_with_an_id_of_its_own()
    {
        deliveries.Enqueue(_ => Task.FromResult(new ReviewDecision("cancel", null, "ana", null)));
        deliveries.Enqueue(_ => Task.FromResult(new ReviewDecision("cancel", null, "ana", null)));

        await ManualReview.RequestAsync(context.Object, Question, "corr-1");
        await ManualReview.RequestAsync(context.Object, Question, "corr-1");

        string?[] ids = [.. statuses.Select(s => s.Review!.Id)];
        Assert.Equal(2, ids.Length);
        Assert.All(ids, id => Assert.False(string.IsNullOrEmpty(id)));
        Assert.NotEqual(ids[0], ids[1]);
    }

    [Fact]
    public async Task An_answer_to_an_earlier_question_is_passed_over_and_the_answer_to_this_one_is_taken()
    {
        deliveries.Enqueue(_ => Task.FromResult(new ReviewDecision("cancel", null, "bo", "answered the question before") { ReviewId = "an-earlier-question" }));
        deliveries.Enqueue(asked => Task.FromResult(new ReviewDecision("use-customer", "58", "ana", null) { ReviewId = asked.Id }));

        ReviewDecision answer = await ManualReview.RequestAsync(context.Object, Question, "corr-1");

        Assert.Equal("use-customer", answer.Action);
        Assert.Equal("58", answer.Value);
        Assert.Equal(2, waiters);
    }

    [Fact]
    public async Task A_passed_over_answer_does_not_end_a_review_that_a_change_then_interrupts()
    {
        var change = new TaskCompletionSource<string>();
        deliveries.Enqueue(_ => Task.FromResult(new ReviewDecision("cancel", null, "bo", null) { ReviewId = "an-earlier-question" }));
        deliveries.Enqueue(_ =>
        {
            change.SetResult("deal changed");
            return new TaskCompletionSource<ReviewDecision>().Task;
        });

        ReviewDecision? answer = await ManualReview.RequestAsync(context.Object, Question, "corr-1", change.Task);

        Assert.Null(answer);
    }

    [Fact]
    public async Task An_answer_without_a_review_id_is_taken_as_before()
    {
        // Raised by something other than the review route, or for a review published before reviews had ids.
        deliveries.Enqueue(_ => Task.FromResult(new ReviewDecision("cancel", null, "engine-test", null)));

        ReviewDecision answer = await ManualReview.RequestAsync(context.Object, Question, "corr-1");

        Assert.Equal("cancel", answer.Action);
        Assert.Equal(1, waiters);
    }
}
