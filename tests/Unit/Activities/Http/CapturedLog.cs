using Microsoft.Extensions.Logging;

namespace Integration.Tests.Unit.Activities.Http;

/// <summary>A logger that keeps what it is given, so a test can assert what support staff would find in the log.</summary>
public sealed class CapturedLog<T> : ILogger<T>
{
    private readonly List<Entry> entries = [];

    public IReadOnlyList<Entry> Entries
    {
        get
        {
            lock (entries)
            {
                return [.. entries];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        lock (entries)
        {
            entries.Add(new Entry(logLevel, formatter(state, exception), exception));
        }
    }

    public sealed record Entry(LogLevel Level, string Message, Exception? Exception);
}
