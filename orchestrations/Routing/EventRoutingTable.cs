using Integration.Orchestrations.Common;
using Integration.Orchestrations.DealToInvoice;
using Integration.Orchestrations.Employees;
using Integration.Orchestrations.Offboarding;
using Integration.Orchestrations.Onboarding;

namespace Integration.Orchestrations.Routing;

/// <summary>
/// The routing table: event type to workflow action. Pure and deterministic, so it is unit-tested
/// without a host and both hosts' dispatchers share it.
/// </summary>
public static class EventRoutingTable
{
    /// <summary>
    /// Routes one message by its type and subscription (<see cref="EventSubscriptions"/>). A message for no
    /// subscription (queued before subscriptions, or a replay of one) goes to the type's one subscriber, or is fanned
    /// out when the type has several.
    /// </summary>
    public static EventRoute Route(EventEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (string.IsNullOrWhiteSpace(envelope.Subject))
        {
            return new EventRoute.Ignore($"event {envelope.Id} of type {envelope.Type} has no subject");
        }

        IReadOnlyList<string> subscribers = EventSubscriptions.For(envelope.Type);
        string? subscription = envelope.Subscription;
        if (subscription is null)
        {
            if (subscribers.Count == 0)
            {
                return new EventRoute.Ignore($"no workflow handles {envelope.Type}");
            }

            if (subscribers.Count > 1)
            {
                return new EventRoute.FanOut(subscribers);
            }

            subscription = subscribers[0];
        }
        else if (!subscribers.Contains(subscription, StringComparer.Ordinal))
        {
            return new EventRoute.Ignore($"subscription {subscription} does not take {envelope.Type}");
        }

        EventRoute route = (subscription, envelope.Type) switch
        {
            (EventSubscriptions.DealToInvoice, EventTypes.CrmDealClosed) => DealChange(envelope, startIfAbsent: true),

            // Only a deal that already has a workflow can have an invoice to take back or correct.
            (EventSubscriptions.DealToInvoice, _) => DealChange(envelope, startIfAbsent: false),

            // BambooHR says only that employment fields changed; the offboarding workflow reads the record
            // and tells a new termination from a moved or withdrawn one.
            (EventSubscriptions.Offboarding, _) => EmploymentChange(envelope),
            (EventSubscriptions.Onboarding, _) => Hire(envelope),
            (EventSubscriptions.OrderFulfilment, _) => OrderRoutes.Fulfilment(envelope),
            (EventSubscriptions.StockReservation, _) => OrderRoutes.Stock(envelope),
            (EventSubscriptions.CrmOrderNote, _) => OrderRoutes.CrmNote(envelope),
            (EventSubscriptions.ShipStationShipments, _) => OrderRoutes.ShipStationShipments(envelope),
            _ => new EventRoute.Ignore($"no workflow handles {envelope.Type} for subscription {subscription}"),
        };

        // The ingress refuses such subjects (EventIdLimits); one queued before it did must not reach the engine,
        // which would take the start message and then fail to store the instance. Thrown, it becomes a dead letter.
        if (route is EventRoute.Reconcile reconcile && EventIdLimits.InstanceIdProblem(reconcile.InstanceId) is { } problem)
        {
            throw new ArgumentException(
                $"Event {LogText.Safe(envelope.Id)} cannot have a workflow: the instance id built from its subject {problem}.", nameof(envelope));
        }

        return route;
    }

    /// <summary>
    /// What an operator's "reread" raises on a live workflow: the change event this table routes to it from its
    /// source, under a synthetic event id, so the workflow reads the source again. Null when the workflow does not
    /// listen for changes (onboarding acts on a hire once) or the instance id is not one of its business keys.
    /// </summary>
    public static EventRoute.Reconcile? Reread(string orchestratorName, string instanceId, string eventId, string correlationId, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        (string? type, string prefix) = orchestratorName switch
        {
            nameof(DealToInvoiceOrchestrator) => (EventTypes.CrmDealStageChanged, DealToInvoiceOrchestrator.InstanceIdFor(string.Empty)),
            nameof(OffboardingOrchestrator) => (EventTypes.HrEmployeeEmploymentChanged, OffboardingOrchestrator.InstanceIdFor(string.Empty)),
            _ => ((string?)null, string.Empty),
        };
        if (type is null || instanceId.Length <= prefix.Length || !instanceId.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var envelope = new EventEnvelope(eventId, "operations", type, at, at, correlationId, instanceId[prefix.Length..], default);
        return Route(envelope) is EventRoute.Reconcile reconcile && reconcile.InstanceId == instanceId ? reconcile : null;
    }

    /// <summary>Every deal change goes to the deal's one workflow, which re-reads the deal and reconciles.</summary>
    private static EventRoute.Reconcile DealChange(EventEnvelope envelope, bool startIfAbsent) => new(
        nameof(DealToInvoiceOrchestrator),
        DealToInvoiceOrchestrator.InstanceIdFor(envelope.Subject),
        new DealToInvoiceInput(envelope.Subject, envelope.CorrelationId, envelope.Id),
        DealChanged.EventName,
        new DealChanged(envelope.Id, envelope.CorrelationId, envelope.Type),
        startIfAbsent);

    private static EventRoute.Reconcile EmploymentChange(EventEnvelope envelope) => new(
        nameof(OffboardingOrchestrator),
        OffboardingOrchestrator.InstanceIdFor(envelope.Subject),
        new OffboardingInput(envelope.Subject, envelope.CorrelationId, envelope.Id),
        EmployeeChanged.EventName,
        new EmployeeChanged(envelope.Id, envelope.CorrelationId, envelope.Type),
        StartIfAbsent: true);

    /// <summary>A live onboarding ignores a repeated hire event (no one waits for it); a finished one runs again, linking what exists.</summary>
    private static EventRoute.Reconcile Hire(EventEnvelope envelope) => new(
        nameof(OnboardingOrchestrator),
        OnboardingOrchestrator.InstanceIdFor(envelope.Subject),
        new OnboardingInput(envelope.Subject, envelope.CorrelationId, envelope.Id),
        EmployeeChanged.EventName,
        new EmployeeChanged(envelope.Id, envelope.CorrelationId, envelope.Type),
        StartIfAbsent: true);
}
