using Integration.Orchestrations.Routing;

namespace Integration.Activities.Queueing;

/// <summary>The deliveries already queued; an interface so <see cref="EventIntake"/>'s ordering is unit-tested without storage.</summary>
public interface IReceivedEventStore
{
    Task<bool> WasReceivedAsync(EventEnvelope envelope, CancellationToken cancellationToken);

    Task RecordAsync(EventEnvelope envelope, CancellationToken cancellationToken);
}
