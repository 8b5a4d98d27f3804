using Microsoft.Extensions.Configuration;

namespace Integration.Activities.Storage;

/// <summary>
/// The product's queue and table names, derived from the task hub as Durable Task derives its own
/// ("{hub}-control-00", "{hub}History"): deployments on one storage account with different hubs share
/// nothing. The Bicep templates create the same names.
/// </summary>
public sealed class StorageNames
{
    /// <summary>The Functions app setting that names the events queue for the queue triggers (binding expressions need an app setting).</summary>
    public const string EventsQueueSetting = "EventsQueueName";

    /// <summary>The suffix of each product table after the hub name; the templates list the same ones.</summary>
    public static readonly IReadOnlyList<string> TableSuffixes =
        ["DeadLetters", "ApiCallLog", "CrossReferences", "ReceivedEvents", "OffboardingEvidence", "ReviewClaims", "Audit", "Alerts", "StockLedger", "StoreStock"];

    private StorageNames(string taskHub)
    {
        TaskHub = taskHub;
        EventsQueue = $"{taskHub.ToLowerInvariant()}-events";
        EventsPoisonQueue = EventsQueue + "-poison";
        DeadLettersTable = taskHub + "DeadLetters";
        ApiCallLogTable = taskHub + "ApiCallLog";
        CrossReferencesTable = taskHub + "CrossReferences";
        ReceivedEventsTable = taskHub + "ReceivedEvents";
        OffboardingEvidenceTable = taskHub + "OffboardingEvidence";
        ReviewClaimsTable = taskHub + "ReviewClaims";
        AuditTable = taskHub + "Audit";
        AlertsTable = taskHub + "Alerts";
        StockLedgerTable = taskHub + "StockLedger";
        StoreStockTable = taskHub + "StoreStock";
        Queues = [EventsQueue, EventsPoisonQueue];
        Tables = TableSuffixes.Select(s => taskHub + s).ToArray();
    }

    public string TaskHub { get; }

    /// <summary>Envelopes between ingress and dispatcher: "{hub in lower case}-events".</summary>
    public string EventsQueue { get; }

    /// <summary>Where a message goes after maxDequeueCount, by the Functions "{queue}-poison" convention.</summary>
    public string EventsPoisonQueue { get; }

    public string DeadLettersTable { get; }

    public string ApiCallLogTable { get; }

    public string CrossReferencesTable { get; }

    public string ReceivedEventsTable { get; }

    public string OffboardingEvidenceTable { get; }

    /// <summary>One row per answered review: the compare-and-set that lets exactly one of two simultaneous answers win.</summary>
    public string ReviewClaimsTable { get; }

    /// <summary>The append-only audit trail of every operations action, bulk job and review answer.</summary>
    public string AuditTable { get; }

    /// <summary>Alerts with a state (open, acknowledged, resolved), so one is tracked until a person handles it.</summary>
    public string AlertsTable { get; }

    /// <summary>Per warehouse SKU: on-hand per warehouse and what orders hold, changed only by ETag-guarded transactions.</summary>
    public string StockLedgerTable { get; }

    /// <summary>Per store SKU and shop: the ledger version last pushed to the store, so a push is neither repeated nor missed.</summary>
    public string StoreStockTable { get; }

    public IReadOnlyList<string> Queues { get; }

    public IReadOnlyList<string> Tables { get; }

    /// <exception cref="InvalidOperationException">The hub name is not valid (see <see cref="TaskHubName.Problem"/>).</exception>
    public static StorageNames For(string taskHub)
    {
        ArgumentNullException.ThrowIfNull(taskHub);
        return TaskHubName.Problem(taskHub) is { } problem ? throw new InvalidOperationException($"The task hub name {problem}") : new StorageNames(taskHub);
    }

    /// <summary>
    /// Under Functions, the queue triggers read the queue name from <see cref="EventsQueueSetting"/>; null when it
    /// names this hub's queue, else what to set, so a mismatch stops start-up instead of leaving events unread.
    /// </summary>
    public string? FunctionsQueueSettingProblem(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string? configured = configuration[EventsQueueSetting];
        return configured == EventsQueue
            ? null
            : $"The app setting '{EventsQueueSetting}' must be '{EventsQueue}' (the events queue of task hub '{TaskHub}'), but it is {(configured is null ? "not set" : $"'{configured}'")}.";
    }
}
