using Integration.Orchestrations.Common;
using Integration.Orchestrations.Operations;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Moq.Protected;
using Xunit;

namespace Integration.Tests.Unit.Orchestrations.Operations;

/// <summary>
/// The bulk job's branches over a strict mocked orchestration context: paging, acting in paced batches, dry runs,
/// counting failures and refusals, cancelling during a pause, never acting on bulk jobs, continuing as new.
/// </summary>
public sealed class BulkJobOrchestratorTests
{
    private static readonly DateTime Now = new(2026, 12, 7, 9, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(2);

    private readonly Mock<TaskOrchestrationContext> context = new(MockBehavior.Strict);
    private readonly Dictionary<string, BulkJobTargetPage> pages = new(StringComparer.Ordinal);
    private readonly List<FindBulkJobTargetsInput> finds = [];
    private readonly List<ApplyBulkJobActionInput> applied = [];
    private readonly List<DateTime> timers = [];
    private readonly List<BulkJobProgress> statuses = [];
    private readonly List<BulkJobInput> continued = [];
    private readonly TaskCompletionSource<BulkJobCancel> cancel = new();
    private Func<ApplyBulkJobActionInput, Task<BulkJobTargetResult>> answer = input => Task.FromResult(new BulkJobTargetResult(input.Target, "done", "Running", "done"));
    private int cancelAtTimer = -1;
    private DateTime clock = Now;

    public BulkJobOrchestratorTests()
    {
        context.SetupGet(c => c.InstanceId).Returns("bulk-job-self");
        context.SetupGet(c => c.CurrentUtcDateTime).Returns(() => clock);
        context.SetupGet(c => c.IsReplaying).Returns(false);
        context.Protected().SetupGet<ILoggerFactory>("LoggerFactory").Returns(NullLoggerFactory.Instance);
        context.Setup(c => c.CreateReplaySafeLogger<BulkJobOrchestrator>()).CallBase();
        context.Setup(c => c.SetCustomStatus(It.IsAny<object?>())).Callback<object?>(s => statuses.Add(Assert.IsType<BulkJobProgress>(s)));
        context.Setup(c => c.WaitForExternalEvent<BulkJobCancel>(BulkJobOrchestrator.CancelEvent, It.IsAny<CancellationToken>())).Returns(cancel.Task);
        context.Setup(c => c.ContinueAsNew(It.IsAny<object?>(), It.IsAny<bool>())).Callback<object?, bool>((input, preserve) =>
        {
            Assert.True(preserve, "a cancel that arrived meanwhile must carry over");
            continued.Add(Assert.IsType<BulkJobInput>(input));
        });
        context.Setup(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>())).Returns<DateTime, CancellationToken>((at, _) =>
        {
            timers.Add(at);
            if (timers.Count == cancelAtTimer)
            {
                cancel.TrySetResult(new BulkJobCancel("ops", "corr-cancel"));
                return new TaskCompletionSource().Task;
            }

            clock = at;
            return Task.CompletedTask;
        });
        context.Setup(c => c.CallActivityAsync<BulkJobTargetPage>(It.Is<TaskName>(n => n.Name == ActivityNames.FindBulkJobTargets), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns<TaskName, object?, TaskOptions?>((_, input, _) =>
            {
                var find = (FindBulkJobTargetsInput)input!;
                finds.Add(find);
                return Task.FromResult(pages[find.ContinuationToken ?? "first"]);
            });
        context.Setup(c => c.CallActivityAsync<BulkJobTargetResult>(It.Is<TaskName>(n => n.Name == ActivityNames.ApplyBulkJobAction), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns<TaskName, object?, TaskOptions?>((_, input, _) =>
            {
                var apply = (ApplyBulkJobActionInput)input!;
                applied.Add(apply);
                return answer(apply);
            });
    }

    [Fact]
    public async Task Every_page_is_read_and_every_target_acted_on_as_the_operator_who_started_the_job()
    {
        Pages(["a1", "a2", "a3"], ["b1", "b2"]);

        BulkJobProgress result = await RunAsync(Request(batchSize: 10));

        Assert.Equal(["a1", "a2", "a3", "b1", "b2"], applied.Select(a => a.Target));
        Assert.All(applied, a => Assert.Equal(("ops", "operator", "terminate", "stale"), (a.ActorName, a.ActorRole, a.Action, a.Reason)));
        Assert.Equal([null, "p2"], finds.Select(f => f.ContinuationToken));
        Assert.Equal((BulkJobProgress.Completed, 5, 5, 0, 0), (result.State, result.Matched, result.Done, result.Failed, result.Skipped));
        Assert.Equal(BulkJobProgress.Completed, statuses[^1].State);
    }

    [Fact]
    public async Task Batches_are_paced_by_a_durable_timer_and_progress_is_published_after_each()
    {
        Pages(["a1", "a2", "a3", "a4", "a5"]);

        await RunAsync(Request(batchSize: 2));

        // Batches of 2, 2 and 1: a pause after each but the last, never shorter than the pace (a timer can fire a second early).
        TimeSpan pause = Pause + DurableWaits.TimerMargin;
        Assert.Equal([Now + pause, Now + pause + pause], timers);
        Assert.Equal([2, 4, 5], statuses.Where(s => s.State == BulkJobProgress.Running && s.Done > 0).Select(s => s.Done).Distinct());
    }

    [Fact]
    public async Task A_dry_run_counts_and_samples_without_acting()
    {
        Pages(["a1", "a2"], ["b1", "bulk-job-other"]);

        BulkJobProgress result = await RunAsync(Request(dryRun: true));

        Assert.Empty(applied);
        Assert.Empty(timers);
        Assert.Equal((BulkJobProgress.Completed, 4, 0), (result.State, result.Matched, result.Done));
        Assert.Equal(["a1", "a2", "b1", "bulk-job-other"], result.Sample.Select(s => s.Target));
        Assert.Equal("would terminate", result.Sample[0].Detail);
        Assert.Contains("never acts on a bulk job", result.Sample[3].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failures_are_counted_with_their_reasons_and_refusals_count_as_skipped()
    {
        Pages(["ok", "gone", "boom", "refused"]);
        answer = input => input.Target switch
        {
            "gone" => Task.FromResult(new BulkJobTargetResult("gone", "failed", null, "engine said no")),
            "boom" => Task.FromException<BulkJobTargetResult>(new TaskFailedException(ActivityNames.ApplyBulkJobAction, 1, new TaskFailureDetails("StorageUnavailableException", "storage down for too long", null, null, null))),
            "refused" => Task.FromResult(new BulkJobTargetResult("refused", "refused", "Completed", "it has already ended")),
            _ => Task.FromResult(new BulkJobTargetResult(input.Target, "done", "Running", "done")),
        };

        BulkJobProgress result = await RunAsync(Request(batchSize: 10));

        Assert.Equal((4, 1, 2, 1), (result.Matched, result.Done, result.Failed, result.Skipped));
        Assert.Equal([("gone", "engine said no"), ("boom", "storage down for too long")], result.Failures.Select(f => (f.Target, f.Detail)));
    }

    [Fact]
    public async Task A_bulk_job_never_acts_on_a_bulk_job_itself_included()
    {
        Pages(["a1", "bulk-job-self", "bulk-job-other"]);

        BulkJobProgress result = await RunAsync(Request(batchSize: 10));

        Assert.Equal(["a1"], applied.Select(a => a.Target));
        Assert.Equal((3, 1, 2), (result.Matched, result.Done, result.Skipped));
    }

    [Fact]
    public async Task A_cancel_during_a_pause_stops_the_job_with_the_counts_so_far()
    {
        Pages(["a1", "a2", "a3", "a4"], ["b1"]);
        cancelAtTimer = 1;

        BulkJobProgress result = await RunAsync(Request(batchSize: 2));

        Assert.Equal(["a1", "a2"], applied.Select(a => a.Target));
        Assert.Single(finds);
        Assert.Equal((BulkJobProgress.Cancelled, 4, 2), (result.State, result.Matched, result.Done));
        Assert.Equal(BulkJobProgress.Cancelled, statuses[^1].State);
        Assert.Empty(continued);
    }

    [Fact]
    public async Task A_cancel_that_arrived_before_the_next_page_stops_the_job_before_reading_it()
    {
        Pages(["a1"]);
        cancel.SetResult(new BulkJobCancel("ops", "corr-cancel"));

        BulkJobProgress result = await RunAsync(Request());

        Assert.Empty(finds);
        Assert.Empty(applied);
        Assert.Equal(BulkJobProgress.Cancelled, result.State);
    }

    [Fact]
    public async Task The_job_continues_as_new_every_few_pages_carrying_its_counts_and_place()
    {
        Pages(["a1"], ["b1"], ["c1"]);

        BulkJobProgress result = await RunAsync(Request(batchSize: 10, pagesPerGeneration: 2));

        BulkJobInput next = Assert.Single(continued);
        Assert.Equal("p3", next.ContinuationToken);
        Assert.Equal((2, 2), (next.Progress!.Matched, next.Progress.Done));
        Assert.Equal(BulkJobProgress.Running, result.State);
        Assert.Equal(["a1", "b1"], applied.Select(a => a.Target));

        // The next generation starts from the carried counts and the token.
        applied.Clear();
        BulkJobProgress last = await new BulkJobOrchestrator().RunAsync(context.Object, next);
        Assert.Equal(["c1"], applied.Select(a => a.Target));
        Assert.Equal((BulkJobProgress.Completed, 3, 3), (last.State, last.Matched, last.Done));
    }

    private Task<BulkJobProgress> RunAsync(BulkJobRequest request) => new BulkJobOrchestrator().RunAsync(context.Object, new BulkJobInput(request));

    private static BulkJobRequest Request(bool dryRun = false, int batchSize = 10, int pagesPerGeneration = 5) => new(
        "bulk-job-self", "terminate", new BulkJobFilter(Workflow: "deal-invoice", Step: "awaiting-review"), dryRun, "stale", "ops", "operator", "corr-bulk",
        PageSize: 50, BatchSize: batchSize, PauseBetweenBatches: Pause, PagesPerGeneration: pagesPerGeneration);

    /// <summary>Pages in order: the first answers no token, the n-th is reached with token "p{n}".</summary>
    private void Pages(params string[][] targets)
    {
        for (int i = 0; i < targets.Length; i++)
        {
            pages[i == 0 ? "first" : $"p{i + 1}"] = new BulkJobTargetPage(targets[i], i == targets.Length - 1 ? null : $"p{i + 2}");
        }
    }
}
