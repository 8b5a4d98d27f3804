using Integration.Bench.Measurement;

namespace Integration.Bench.Scenarios;

/// <summary>Figures of the webhook-acceptance run: throughput, latency and every answer that was not 202.</summary>
/// <param name="Senders">Concurrent senders.</param>
/// <param name="Seconds">The measured window: requests are started only inside it.</param>
/// <param name="AnsweredInWindow">Requests answered inside the window (the throughput figure's numerator).</param>
/// <param name="TailSeconds">When the last request started in the window was answered (beyond the window if one was slow).</param>
/// <param name="Latency">Per-request latency in milliseconds (send to full response), every request started in the window.</param>
/// <param name="OverOneSecond">Requests that took longer than a second.</param>
/// <param name="NonAccepted">Answers other than 202, plus requests that failed without an answer.</param>
/// <param name="Answers">Count per answer ("202", "500", "error: HttpRequestException", ...).</param>
public sealed record IngressResult(
    int Senders,
    double Seconds,
    int AnsweredInWindow,
    double TailSeconds,
    LatencySummary Latency,
    int OverOneSecond,
    int NonAccepted,
    IReadOnlyDictionary<string, int> Answers)
{
    public double RequestsPerSecond => AnsweredInWindow / Seconds;
}
