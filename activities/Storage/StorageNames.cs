namespace Integration.Activities.Storage;

/// <summary>Queue and table names; the Bicep templates create the same ones.</summary>
public static class StorageNames
{
    public const string EventsQueue = "integration-events";
    public const string EventsPoisonQueue = "integration-events-poison";
    public const string DeadLettersTable = "DeadLetters";
    public const string ApiCallLogTable = "ApiCallLog";
    public const string CrossReferencesTable = "CrossReferences";
    public const string ReceivedEventsTable = "ReceivedEvents";
    public const string OffboardingEvidenceTable = "OffboardingEvidence";
    public const string ReviewClaimsTable = "ReviewClaims";

    public static readonly IReadOnlyList<string> Queues = [EventsQueue, EventsPoisonQueue];
    public static readonly IReadOnlyList<string> Tables = [DeadLettersTable, ApiCallLogTable, CrossReferencesTable, ReceivedEventsTable, OffboardingEvidenceTable, ReviewClaimsTable];
}
