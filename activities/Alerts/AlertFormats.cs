using System.Text.Json.Nodes;

namespace Integration.Activities.Alerts;

/// <summary>
/// The payload an alert is posted as, chosen by <c>Alerts:Format</c>: "json" (the product's own shape: the alert's
/// fields plus its record's id, kind, state and counts), "slack" (an incoming webhook message: text plus Block Kit
/// blocks) or "teams" (a Teams Workflows webhook message carrying one Adaptive Card).
/// </summary>
public static class AlertFormats
{
    public const string Json = "json";
    public const string Slack = "slack";
    public const string Teams = "teams";

    public static readonly IReadOnlyList<string> All = [Json, Slack, Teams];

    /// <summary>Slack's limits: 150 characters in a header, 3,000 in a section's text.</summary>
    private const int SlackHeaderLength = 150;
    private const int SlackSectionLength = 3_000;

    /// <param name="record">The alert's record, when it was recorded (null when storage did not answer: the alert is still sent).</param>
    /// <param name="reminder">True for a re-notification of an alert nobody acknowledged.</param>
    public static JsonObject Payload(string format, Alert alert, AlertRecord? record, bool reminder)
    {
        ArgumentNullException.ThrowIfNull(alert);
        string title = reminder ? $"Still open: {alert.Title}" : alert.Title;
        return format switch
        {
            Slack => SlackMessage(title, alert, record),
            Teams => TeamsMessage(title, alert, record),
            _ => JsonMessage(title, alert, record, reminder),
        };
    }

    private static JsonObject JsonMessage(string title, Alert alert, AlertRecord? record, bool reminder) => new()
    {
        ["severity"] = alert.Severity,
        ["title"] = title,
        ["text"] = alert.Text,
        ["reference"] = alert.Reference,
        ["correlationId"] = alert.CorrelationId,
        ["occurredAt"] = alert.OccurredAt,
        ["alertId"] = record?.Id,
        ["kind"] = record?.Kind,
        ["state"] = record?.State,
        ["count"] = record?.Count,
        ["instanceId"] = record?.InstanceId,
        ["deadLetterId"] = record?.DeadLetterId,
        ["reminder"] = reminder,
    };

    private static JsonObject SlackMessage(string title, Alert alert, AlertRecord? record)
    {
        string context = string.Join(" · ", Facts(alert, record).Select(f => $"{f.Name}: {f.Value}"));
        return new JsonObject
        {
            // Slack shows "text" in notifications and where blocks cannot be shown: always sent beside the blocks.
            ["text"] = $"[{alert.Severity.ToUpperInvariant()}] {title}: {alert.Text}",
            ["blocks"] = new JsonArray(
                new JsonObject { ["type"] = "header", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = Cut(title, SlackHeaderLength) } },
                new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = Cut(alert.Text, SlackSectionLength) } },
                new JsonObject { ["type"] = "context", ["elements"] = new JsonArray(new JsonObject { ["type"] = "mrkdwn", ["text"] = Cut(context, SlackSectionLength) }) }),
        };
    }

    private static JsonObject TeamsMessage(string title, Alert alert, AlertRecord? record) => new()
    {
        ["type"] = "message",
        ["attachments"] = new JsonArray(new JsonObject
        {
            ["contentType"] = "application/vnd.microsoft.card.adaptive",
            ["contentUrl"] = null,
            ["content"] = new JsonObject
            {
                ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
                ["type"] = "AdaptiveCard",
                ["version"] = "1.4",
                ["body"] = new JsonArray(
                    new JsonObject { ["type"] = "TextBlock", ["text"] = title, ["weight"] = "Bolder", ["size"] = "Medium", ["wrap"] = true },
                    new JsonObject { ["type"] = "TextBlock", ["text"] = alert.Text, ["wrap"] = true },
                    new JsonObject
                    {
                        ["type"] = "FactSet",
                        ["facts"] = new JsonArray(Facts(alert, record).Select(f => (JsonNode)new JsonObject { ["title"] = f.Name, ["value"] = f.Value }).ToArray()),
                    }),
            },
        }),
    };

    private static IEnumerable<(string Name, string Value)> Facts(Alert alert, AlertRecord? record)
    {
        yield return ("Severity", alert.Severity);
        if (record is not null)
        {
            yield return ("Kind", record.Kind);
            yield return ("Alert", record.Id);
            yield return ("Raised", record.Count == 1 ? "once" : $"{record.Count} times");
        }

        yield return ("Reference", alert.Reference);
        yield return ("Correlation id", alert.CorrelationId);
    }

    private static string Cut(string value, int length) => value.Length > length ? value[..(length - 1)] + "…" : value;
}
