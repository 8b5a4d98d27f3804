using System.Net;
using System.Text.Json.Nodes;
using Integration.Activities.Alerts;
using Integration.Activities.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using Xunit;

namespace Integration.Tests.Unit.Activities.Alerts;

/// <summary>The alert payloads of Alerts:Format: the product's json (today's fields kept), a Slack incoming-webhook message and a Teams Adaptive Card message.</summary>
public sealed class AlertFormatsTests
{
    private static readonly Alert Sample = new("error", "Event dead-lettered", "Dispatching kept failing.", "crm-1", "corr-1",
        new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero), AlertKinds.DeadLetter, "deal-invoice-7", "ZXZlbnQ6Y3JtLTE");

    private static readonly AlertRecord Record = new(AlertKinds.DeadLetter, "crm-1", AlertStates.Open, "error", "Event dead-lettered", "Dispatching kept failing.",
        "corr-1", "deal-invoice-7", "ZXZlbnQ6Y3JtLTE", 3, Sample.OccurredAt, Sample.OccurredAt, Sample.OccurredAt, 3);

    [Fact]
    public void Json_keeps_todays_fields_and_adds_the_records_id_kind_state_and_count()
    {
        JsonObject json = AlertFormats.Payload(AlertFormats.Json, Sample, Record, reminder: false);

        Assert.Equal("error", (string?)json["severity"]);
        Assert.Equal("Event dead-lettered", (string?)json["title"]);
        Assert.Equal("Dispatching kept failing.", (string?)json["text"]);
        Assert.Equal("crm-1", (string?)json["reference"]);
        Assert.Equal("corr-1", (string?)json["correlationId"]);
        Assert.NotNull(json["occurredAt"]);
        Assert.Equal(Record.Id, (string?)json["alertId"]);
        Assert.Equal("dead-letter", (string?)json["kind"]);
        Assert.Equal("open", (string?)json["state"]);
        Assert.Equal(3, (int?)json["count"]);
    }

    [Fact]
    public void Slack_sends_text_beside_header_section_and_context_blocks()
    {
        JsonObject slack = AlertFormats.Payload(AlertFormats.Slack, Sample, Record, reminder: true);

        Assert.StartsWith("[ERROR] Still open: Event dead-lettered", (string?)slack["text"], StringComparison.Ordinal);
        JsonArray blocks = slack["blocks"]!.AsArray();
        Assert.Equal(["header", "section", "context"], blocks.Select(b => (string?)b!["type"]));
        Assert.Equal("plain_text", (string?)blocks[0]!["text"]!["type"]);
        Assert.Equal("Dispatching kept failing.", (string?)blocks[1]!["text"]!["text"]);
        Assert.Contains(Record.Id, (string?)blocks[2]!["elements"]![0]!["text"], StringComparison.Ordinal);
    }

    [Fact]
    public void Slack_header_is_cut_to_slacks_150_characters()
    {
        JsonObject slack = AlertFormats.Payload(AlertFormats.Slack, Sample with { Title = new string('t', 400) }, null, reminder: false);

        Assert.Equal(150, ((string?)slack["blocks"]![0]!["text"]!["text"])!.Length);
    }

    [Fact]
    public void Teams_sends_a_message_with_one_adaptive_card_of_title_text_and_facts()
    {
        JsonObject teams = AlertFormats.Payload(AlertFormats.Teams, Sample, Record, reminder: false);

        Assert.Equal("message", (string?)teams["type"]);
        JsonObject attachment = Assert.Single(teams["attachments"]!.AsArray())!.AsObject();
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)attachment["contentType"]);
        JsonObject card = attachment["content"]!.AsObject();
        Assert.Equal("AdaptiveCard", (string?)card["type"]);
        Assert.Equal("1.4", (string?)card["version"]);
        JsonArray body = card["body"]!.AsArray();
        Assert.Equal("Event dead-lettered", (string?)body[0]!["text"]);
        Assert.Equal("FactSet", (string?)body[2]!["type"]);
        Assert.Contains(body[2]!["facts"]!.AsArray(), f => (string?)f!["title"] == "Alert" && (string?)f["value"] == Record.Id);
    }

    [Theory]
    [InlineData("slack", "blocks")]
    [InlineData("teams", "attachments")]
    [InlineData("json", "severity")]
    public async Task The_publisher_posts_the_configured_format(string format, string field)
    {
        var handler = new CapturingHandler();
        var options = Mock.Of<IOptionsMonitor<AlertOptions>>(m => m.CurrentValue == new AlertOptions { WebhookUrl = "http://127.0.0.1:9/alerts", Format = format });
        var publisher = new AlertPublisher(new HttpClient(handler), options, NullLogger<AlertPublisher>.Instance);

        await publisher.PublishAsync(Sample, CancellationToken.None);

        Assert.NotNull(JsonNode.Parse(Assert.Single(handler.Bodies))![field]);
    }

    [Theory]
    [InlineData("json", true)]
    [InlineData("slack", true)]
    [InlineData("teams", true)]
    [InlineData("Slack", false)]
    [InlineData("xml", false)]
    public void Only_the_three_formats_pass_validation(string format, bool valid) =>
        Assert.Equal(valid, new AlertOptionsValidator().Validate(null, new AlertOptions { Format = format }).Succeeded);

    [Fact]
    public void A_renotification_interval_of_zero_fails_validation() =>
        Assert.False(new AlertOptionsValidator().Validate(null, new AlertOptions { RenotifyMinutes = 0 }).Succeeded);

    private sealed class CapturingHandler : HttpMessageHandler
    {
        public List<string> Bodies { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Bodies.Add(await request.Content!.ReadAsStringAsync(cancellationToken));
            return new HttpResponseMessage(HttpStatusCode.OK);
        }
    }
}
