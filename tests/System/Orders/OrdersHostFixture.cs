using Integration.SendEvent.Orders;
using Integration.Tests.System.Infrastructure;

namespace Integration.Tests.System.Orders;

/// <summary>
/// A standalone host for the order tests: a shipping SLA of seconds (so the missed-SLA alert can be seen) and a
/// one-second warehouse stock loop; otherwise the development defaults (three stores, ShipBob, ShipStation).
/// </summary>
public sealed class OrdersHostFixture : StandaloneHostFixture
{
    /// <summary>The SLA this host gives every order; a test that does not ship within it sees the alert.</summary>
    public static readonly TimeSpan ShippingSla = TimeSpan.FromSeconds(20);

    protected override IDictionary<string, string> HostSettings => new Dictionary<string, string>(base.HostSettings)
    {
        ["Orders__ShippingSla"] = "00:00:20",
        ["Orders__Stock__PollInterval"] = "00:00:01",
    };

    /// <summary>A scenario run over this host and its sandbox, writing to <paramref name="log"/>.</summary>
    public OrderScenarioRun Run(TextWriter? log = null)
    {
        var sandbox = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        return new OrderScenarioRun(new SandboxShop(sandbox, Host.SandboxBaseUrl), new SandboxWarehouses(sandbox, Host.SandboxBaseUrl), Sender, log ?? TextWriter.Null);
    }
}

/// <summary>The order tests share one host and run one at a time (fault settings are global to the sandbox).</summary>
[CollectionDefinition(Name)]
public sealed class OrdersHostCollection : ICollectionFixture<OrdersHostFixture>
{
    public const string Name = "standalone host (orders)";
}
