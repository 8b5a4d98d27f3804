using System.Net.Sockets;
using Azure;
using Integration.Activities.Http;
using Microsoft.AspNetCore.Http;

namespace Integration.Activities.Storage;

/// <summary>
/// Tells a storage outage (unreachable, timing out, answering 5xx) from other failures, so request paths
/// can answer 503 and background loops can wait for storage instead of failing for good.
/// </summary>
public static class StorageOutage
{
    /// <summary>
    /// How long a webhook's storage calls may go without one answering before the request answers 503: inside
    /// the 2 s senders are promised, with room for a busy host (a batch's calls wait their turn, and a loaded
    /// thread pool can pause for most of a second).
    /// </summary>
    public static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(1.5);

    /// <summary>How long a route of people and tools (operations API, evidence, reviews) waits for storage or the engine before answering 503.</summary>
    public static readonly TimeSpan ReadDeadline = TimeSpan.FromSeconds(3);

    /// <summary>True for failures that say storage is down or not answering; false for the caller's or the data's fault (404, 409, 400...).</summary>
    public static bool IsOutage(Exception? exception) => exception switch
    {
        null => false,

        // Status 0: no HTTP answer at all (the SDK wraps the network failure).
        RequestFailedException failed => failed.Status is 0 or 408 or >= 500 || IsOutage(failed.InnerException),

        // What the Azure SDK throws once its retries are spent: one inner exception per attempt.
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsOutage),
        HttpRequestException or IOException or SocketException or TimeoutException => true,
        OperationCanceledException cancelled => cancelled.InnerException is TimeoutException,
        _ => false,
    };

    /// <summary>One line for a log or a health answer: the first attempt's reason rather than the SDK's retry boilerplate.</summary>
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        Exception first = exception is AggregateException { InnerExceptions.Count: > 0 } aggregate ? aggregate.InnerExceptions[0] : exception;
        return $"{first.GetType().Name}: {first.Message.Split('\n')[0].Trim()}";
    }
}

/// <summary>
/// The deadline for the storage (and engine) calls of one request: each call gets a fresh budget, so a slow
/// but answering account never trips it, while one that does not answer turns the request into a 503.
/// </summary>
public sealed class StorageDeadline : IDisposable
{
    private readonly CancellationToken requestAborted;
    private readonly CancellationTokenSource source;
    private readonly TimeSpan perCall;

    public StorageDeadline(TimeSpan perCall, CancellationToken requestAborted)
    {
        this.perCall = perCall;
        this.requestAborted = requestAborted;
        source = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
    }

    /// <summary>Arms the budget for the next call and returns the token to pass to it.</summary>
    public CancellationToken NextCall()
    {
        source.CancelAfter(perCall);
        return source.Token;
    }

    /// <summary>
    /// Re-arms the budget because a call answered. Calls made side by side share one deadline: it trips only
    /// when none answers (or starts) for a whole budget, not while calls wait their turn in a busy account.
    /// </summary>
    public void Answered() => source.CancelAfter(perCall);

    /// <summary>True when a failure means storage is down or did not answer in time, not that the caller went away.</summary>
    public bool IsOutage(Exception exception) =>
        !requestAborted.IsCancellationRequested && (source.IsCancellationRequested || StorageOutage.IsOutage(exception));

    public void Dispose() => source.Dispose();

    /// <summary>Runs a route's storage or engine work under one <see cref="StorageOutage.ReadDeadline"/>; an outage answers 503 problem+json.</summary>
    public static async Task<IResult> AnswerAsync(string correlationId, Func<CancellationToken, Task<IResult>> work, CancellationToken requestAborted)
    {
        ArgumentNullException.ThrowIfNull(work);
        using var deadline = new StorageDeadline(StorageOutage.ReadDeadline, requestAborted);
        try
        {
            return await work(deadline.NextCall()).ConfigureAwait(false);
        }
        catch (Exception ex) when (deadline.IsOutage(ex))
        {
            return Problems.StorageUnavailable(correlationId);
        }
    }
}

/// <summary>A storage call failed as in an outage; request paths answer it with 503 storage-unavailable.</summary>
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException()
    {
        Reason = "storage did not answer";
    }

    public StorageUnavailableException(string reason)
        : base($"Storage is unavailable: {reason}")
    {
        Reason = reason;
    }

    public StorageUnavailableException(string reason, Exception innerException)
        : base($"Storage is unavailable: {reason}", innerException)
    {
        Reason = reason;
    }

    /// <summary>One line saying what failed, for the log.</summary>
    public string Reason { get; }
}
