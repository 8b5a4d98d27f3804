using Integration.SendEvent.Orders;
using Integration.SendEvent.Scenarios;

namespace Integration.SendEvent.Cli;

/// <summary>"scenario": seeds the sandbox and sends the webhooks of one deal-to-invoice or order case, then says how to watch it.</summary>
public sealed class ScenarioVerb : ISendVerb
{
    public const string NameOption = "name";
    public const string DealOption = "deal";
    public const string SandboxOption = "sandbox";

    /// <inheritdoc />
    public string Name => "scenario";

    /// <inheritdoc />
    public string Summary =>
        "a deal-to-invoice case against the sandbox: " + string.Join(", ", DealScenarios.All.Select(s => s.Name)) +
        "; or an order case: " + string.Join(", ", OrderScenarios.All.Select(s => s.Name));

    /// <inheritdoc />
    public string Usage => $"--name <scenario> [--deal <id>] [--sandbox <url, default {SandboxCrm.DefaultSandboxUrl}>]";

    /// <inheritdoc />
    public IReadOnlyCollection<string> Options { get; } = [NameOption, DealOption, SandboxOption];

    /// <inheritdoc />
    public Func<WebhookSender, CancellationToken, Task<HttpResponseMessage>> Prepare(CliArguments args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string name = args.Require(NameOption);
        if (OrderScenarios.Find(name) is { } orderScenario)
        {
            return PrepareOrder(orderScenario, args);
        }

        DealScenario scenario = DealScenarios.Find(name)
            ?? throw new CliUsageException(
                $"Unknown scenario '{name}'; one of: {string.Join(", ", DealScenarios.All.Select(s => s.Name).Concat(OrderScenarios.All.Select(s => s.Name)))}.");
        string? pinned = args.GetLong(DealOption)?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string sandbox = args.Get(SandboxOption) ?? SandboxCrm.DefaultSandboxUrl;
        if (!Uri.TryCreate(sandbox, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new CliUsageException($"--sandbox must be an absolute http(s) URL, not '{sandbox}'.");
        }

        return async (sender, ct) =>
        {
            // The sandbox calls share the sender's lifetime; a separate client keeps its timeout independent.
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            string dealId = pinned ?? SampleDeals.NewDealId();
            TextWriter log = Console.Out;
            await log.WriteLineAsync($"scenario {scenario.Name}: {scenario.Summary}").ConfigureAwait(false);
            var run = new ScenarioRun(dealId, new SandboxCrm(http, sandbox), new SandboxErp(http, sandbox), sender, log);
            HttpResponseMessage last = await scenario.RunAsync(run, ct).ConfigureAwait(false);
            await log.WriteLineAsync(
                $"watch it: curl -s -H 'X-Api-Key: dev-operations-key' {sender.BaseUrl}/api/v1/instances/deal-invoice-{dealId}").ConfigureAwait(false);
            return last;
        };
    }

    private static Func<WebhookSender, CancellationToken, Task<HttpResponseMessage>> PrepareOrder(OrderScenario scenario, CliArguments args)
    {
        if (args.Get(DealOption) is not null)
        {
            throw new CliUsageException($"--{DealOption} is for the deal scenarios; '{scenario.Name}' makes its own orders.");
        }

        string sandbox = args.Get(SandboxOption) ?? SandboxCrm.DefaultSandboxUrl;
        if (!Uri.TryCreate(sandbox, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new CliUsageException($"--sandbox must be an absolute http(s) URL, not '{sandbox}'.");
        }

        return async (sender, ct) =>
        {
            TextWriter log = Console.Out;
            await log.WriteLineAsync($"scenario {scenario.Name}: {scenario.Summary}").ConfigureAwait(false);
            var run = new OrderScenarioRun(new SandboxShop(sender.Http, sandbox), new SandboxWarehouses(sender.Http, sandbox), sender, log);
            return await scenario.RunAsync(run, ct).ConfigureAwait(false);
        };
    }
}
