using Integration.Orchestrations.Routing;

namespace Integration.Activities.Queueing;

/// <summary>Puts one envelope on the events queue; an interface so <see cref="EventIntake"/>'s ordering is unit-tested without storage.</summary>
public interface IEventQueue
{
    Task EnqueueAsync(EventEnvelope envelope, CancellationToken cancellationToken);
}
