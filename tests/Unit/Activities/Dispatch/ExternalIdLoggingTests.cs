using System.Text.Json;
using Integration.Activities.Alerts;
using Integration.Activities.Configuration;
using Integration.Activities.Dispatch;
using Integration.Orchestrations.Routing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Moq;
using Xunit;

namespace Integration.Tests.Unit.Activities.Dispatch;

/// <summary>Ids that came from outside never put raw control characters into a log line (a raw line break could forge an entry).</summary>
public sealed class ExternalIdLoggingTests
{
    private const string ForgedId = "crm-1\n2026-03-01 12:00:00 info: Event crm-2 handled\u001b[2J";

    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_dispatcher_logs_an_event_id_with_control_characters_escaped()
    {
        var log = new CapturingLogger<EventDispatcher>();
        var envelope = new EventEnvelope(ForgedId, "crm", "crm.contact.creation.v1", Now, Now, "corr-1", "42\r", JsonDocument.Parse("{}").RootElement);

        await new EventDispatcher(log).DispatchAsync(envelope, new Mock<DurableTaskClient>("test").Object, CancellationToken.None);

        string line = Assert.Single(log.Lines);
        Assert.DoesNotContain(line, char.IsControl);
        Assert.Contains("crm-1\\u000A2026-03-01", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_logged_alert_escapes_control_characters_in_its_reference_and_text()
    {
        var log = new CapturingLogger<AlertPublisher>();
        var publisher = new AlertPublisher(new HttpClient(), Mock.Of<IOptionsMonitor<AlertOptions>>(m => m.CurrentValue == new AlertOptions()), log);

        await publisher.PublishAsync(new Alert("error", "Event dead-lettered", "Dispatching for 42\n43 failed", ForgedId, "corr-1", Now), CancellationToken.None);

        string line = Assert.Single(log.Lines);
        Assert.DoesNotContain(line, char.IsControl);
        Assert.Contains("42\\u000A43", line, StringComparison.Ordinal);
    }

    private sealed class CapturingLogger<T> : ILogger<T>
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Lines)
            {
                Lines.Add(formatter(state, exception));
            }
        }
    }
}
