namespace Integration.Sandbox.Alerts;

/// Alerts received by this sandbox's webhook, in arrival order.
internal sealed class AlertStore
{
    private readonly Lock gate = new();
    private readonly List<ReceivedAlert> alerts = [];
    private long nextId = 1;

    public ReceivedAlert Add(DateTimeOffset receivedAt, string bodyJson, string format = "json")
    {
        lock (gate)
        {
            var alert = new ReceivedAlert(nextId++, receivedAt, bodyJson, format);
            alerts.Add(alert);
            return alert;
        }
    }

    public IReadOnlyList<ReceivedAlert> All()
    {
        lock (gate)
        {
            return [.. alerts];
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            alerts.Clear();
        }
    }
}
