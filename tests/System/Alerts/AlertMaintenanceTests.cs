using System.Net;
using Integration.Activities.Alerts;
using Integration.Activities.Configuration;
using Integration.Activities.DeadLetters;
using Integration.Activities.Operations;
using Integration.Activities.Storage;
using Integration.Orchestrations.Common;
using Integration.Tests.System.Infrastructure;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Integration.Tests.System.Alerts;

/// <summary>
/// One check of the background alert service on Azurite, with the engine answering one instance: an alert resolves itself
/// only when its workflow completed other than dead-lettered (and the workflow's dead letter is then resolved too), and an
/// open alert is re-notified once its interval has passed.
/// </summary>
public sealed class AlertMaintenanceTests
{
    private readonly StorageClients storage = new(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageClients.SettingName] = TestEnvironment.StorageConnectionString,
            [TaskHubName.StandaloneSetting] = TestEnvironment.NewTaskHubName("upkeep"),
        })
        .Build());

    private readonly List<string> posted = [];

    [Fact]
    public async Task A_workflow_dead_letter_alert_resolves_when_the_workflow_completes_and_its_dead_letter_is_resolved_too()
    {
        string instanceId = "deal-invoice-" + Guid.NewGuid().ToString("N");
        (AlertStore alerts, DeadLetterStore letters, AlertMaintenanceService service) = await ServiceAsync(Completed(instanceId, "completed"), renotifyMinutes: 60);
        DeadLetter letter = await letters.RecordAsync(new DeadLetterInput("workflow", instanceId, "corr", "ERP refused", null), CancellationToken.None);
        AlertRecord alert = await alerts.RaiseAsync(AlertKinds.DeadLetter, Alert(instanceId), instanceId, letter.Id, CancellationToken.None);

        AlertCheck check = await service.CheckOnceAsync(CancellationToken.None);

        Assert.Equal(new AlertCheck(0, 1), check);
        AlertRecord after = (await alerts.GetAsync(alert.Id, CancellationToken.None))!;
        Assert.Equal((AlertStates.Resolved, AlertMaintenanceService.SystemActor), (after.State, after.ResolvedBy));
        Assert.Contains(instanceId, after.ResolvedReason, StringComparison.Ordinal);
        Assert.Equal(DeadLetterStore.Resolved, (await letters.GetAsync("workflow", instanceId, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task An_alert_whose_workflow_completed_dead_lettered_stays_open_and_is_renotified()
    {
        string instanceId = "deal-invoice-" + Guid.NewGuid().ToString("N");
        (AlertStore alerts, _, AlertMaintenanceService service) = await ServiceAsync(Completed(instanceId, WorkflowDeadLetter.Step), renotifyMinutes: 0.0001);
        AlertRecord alert = await alerts.RaiseAsync(AlertKinds.DeadLetter, Alert(instanceId), instanceId, DeadLetterIds.Encode("workflow", instanceId), CancellationToken.None);
        await Task.Delay(TimeSpan.FromMilliseconds(50));

        AlertCheck check = await service.CheckOnceAsync(CancellationToken.None);

        Assert.Equal(new AlertCheck(1, 0), check);
        Assert.Equal(AlertStates.Open, (await alerts.GetAsync(alert.Id, CancellationToken.None))!.State);
        Assert.Contains("Still open: Workflow dead-lettered", Assert.Single(posted), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_review_alert_stays_open_while_its_workflow_runs_and_an_acknowledged_one_is_not_renotified()
    {
        string instanceId = "deal-invoice-" + Guid.NewGuid().ToString("N");
        var running = new InstanceRow(instanceId, "DealToInvoiceOrchestrator", "Running", null, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);
        (AlertStore alerts, _, AlertMaintenanceService service) = await ServiceAsync(running, renotifyMinutes: 0.0001);
        AlertRecord alert = await alerts.RaiseAsync(AlertKinds.ReviewWaiting, Alert(instanceId), instanceId, null, CancellationToken.None);
        await alerts.TransitionAsync(alert.Id, AlertStates.Acknowledged, "ana", null, CancellationToken.None);
        await Task.Delay(TimeSpan.FromMilliseconds(50));

        AlertCheck check = await service.CheckOnceAsync(CancellationToken.None);

        Assert.Equal(new AlertCheck(0, 0), check);
        Assert.Empty(posted);
    }

    private static InstanceRow Completed(string instanceId, string step) =>
        new(instanceId, "DealToInvoiceOrchestrator", "Completed", $"{{\"Step\":\"{step}\"}}", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(1));

    private async Task<(AlertStore, DeadLetterStore, AlertMaintenanceService)> ServiceAsync(InstanceRow instance, double renotifyMinutes)
    {
        await storage.Tables.CreateTableIfNotExistsAsync(storage.Names.AlertsTable);
        await storage.Tables.CreateTableIfNotExistsAsync(storage.Names.DeadLettersTable);
        var options = new AlertOptions { WebhookUrl = "http://127.0.0.1:9/alerts", RenotifyMinutes = renotifyMinutes };
        var monitor = new FixedOptions(options);
        var alerts = new AlertStore(storage, TimeProvider.System);
        var letters = new DeadLetterStore(storage, TimeProvider.System);
        ServiceProvider services = new ServiceCollection()
            .AddSingleton(new AlertPublisher(new HttpClient(new Recorder(posted)), monitor, NullLogger<AlertPublisher>.Instance, alerts))
            .BuildServiceProvider();
        return (alerts, letters, new AlertMaintenanceService(alerts, letters, new OneInstanceRows(instance), services, monitor, TimeProvider.System, NullLogger<AlertMaintenanceService>.Instance));
    }

    private static Alert Alert(string instanceId) =>
        new("error", "Workflow dead-lettered", "The ERP refused the invoice.", instanceId, "corr", DateTimeOffset.UtcNow);

    /// <summary>The engine's Instances table holding one instance.</summary>
    private sealed class OneInstanceRows(InstanceRow row) : IInstanceRows
    {
        public Task<InstanceRow?> GetAsync(string instanceId, CancellationToken cancellationToken) =>
            Task.FromResult(instanceId == row.InstanceId ? row : null);

        public Task<InstanceRowBatch> QueryAsync(InstanceRowQuery query, int max, CancellationToken cancellationToken, TimeSpan? timeBudget = null) =>
            throw new NotSupportedException("The maintenance reads instances by id only.");
    }

    private sealed class FixedOptions(AlertOptions value) : IOptionsMonitor<AlertOptions>
    {
        public AlertOptions CurrentValue => value;

        public AlertOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<AlertOptions, string?> listener) => null;
    }

    private sealed class Recorder(List<string> posted) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            posted.Add(await request.Content!.ReadAsStringAsync(cancellationToken));
            return new HttpResponseMessage(HttpStatusCode.OK);
        }
    }
}
