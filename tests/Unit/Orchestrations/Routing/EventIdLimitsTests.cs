using System.Text.Json;
using Integration.Orchestrations.Routing;
using Xunit;

namespace Integration.Tests.Unit.Orchestrations.Routing;

/// <summary>The documented id limits: a subject that fits makes a valid instance id for every workflow; one that does not is refused with a reason, and the routing table never builds an instance id the engine refuses.</summary>
public sealed class EventIdLimitsTests
{
    private static readonly DateTimeOffset Now = new(2026, 2, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("crm.deal.closed.v1")]
    [InlineData("crm.deal.stage_changed.v1")]
    [InlineData("hr.employee.employment_changed.v1")]
    [InlineData("hr.employee.hired.v1")]
    public void The_longest_subject_within_the_limit_makes_an_instance_id_the_engine_accepts(string type)
    {
        string subject = new('9', EventIdLimits.MaxSubjectLength);
        Assert.Null(EventIdLimits.SubjectProblem(subject));

        var route = Assert.IsType<EventRoute.Reconcile>(EventRoutingTable.Route(Envelope(type, subject)));

        Assert.Null(EventIdLimits.InstanceIdProblem(route.InstanceId));
    }

    [Theory]
    [InlineData("", "1 to 64")]
    [InlineData("a/b", "'/'")]
    [InlineData("a\\b", "'/'")]
    [InlineData("a#b", "'#'")]
    [InlineData("a?b", "'?'")]
    [InlineData("a\nb", "control character (U+000A) at position 1")]
    [InlineData("ab\u0085", "control character (U+0085) at position 2")]
    public void A_subject_that_cannot_be_part_of_an_instance_id_is_refused_with_the_reason(string subject, string reason)
    {
        string? problem = EventIdLimits.SubjectProblem(subject);

        Assert.NotNull(problem);
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_subject_with_an_unpaired_surrogate_is_refused()
    {
        // Not theory data: xunit would turn the lone surrogate into U+FFFD on the way.
        Assert.Contains("unpaired surrogate (U+D800) at position 1", EventIdLimits.SubjectProblem("a\uD800"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_two_thousand_character_subject_is_refused_naming_its_length_and_the_limit()
    {
        Assert.Equal("is 2000 characters long; the limit is 1 to 64", EventIdLimits.SubjectProblem(new string('7', 2000)));
    }

    [Theory]
    [InlineData("msg_2KWPBgLlAfxdpx2AI54pPJ85f4W")]
    [InlineData("msg/with#odd?chars^")]
    [InlineData("9007199254740993")]
    public void A_delivery_id_may_hold_any_printable_character(string id) => Assert.Null(EventIdLimits.DeliveryIdProblem(id));

    [Theory]
    [InlineData("")]
    [InlineData("a\u001bb")]
    public void A_delivery_id_that_is_empty_or_holds_a_control_character_is_refused(string id) => Assert.NotNull(EventIdLimits.DeliveryIdProblem(id));

    [Fact]
    public void A_delivery_id_over_128_characters_is_refused()
    {
        Assert.Null(EventIdLimits.DeliveryIdProblem(new string('x', EventIdLimits.MaxDeliveryIdLength)));
        Assert.NotNull(EventIdLimits.DeliveryIdProblem(new string('x', EventIdLimits.MaxDeliveryIdLength + 1)));
    }

    [Theory]
    [InlineData("@deal")]
    [InlineData("deal/1")]
    public void Instance_ids_the_engine_documents_as_invalid_are_refused(string instanceId) => Assert.NotNull(EventIdLimits.InstanceIdProblem(instanceId));

    [Fact]
    public void An_event_queued_before_the_limits_with_a_subject_no_instance_id_can_hold_is_not_routed_to_a_start()
    {
        // It throws, so the dispatcher never asks the engine to start it: the message goes to the poison queue and becomes a dead letter.
        var thrown = Assert.Throws<ArgumentException>(() => EventRoutingTable.Route(Envelope("crm.deal.closed.v1", new string('7', 2000))));

        Assert.Contains("2013 characters long", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_event_no_workflow_handles_is_ignored_whatever_its_subject()
    {
        Assert.IsType<EventRoute.Ignore>(EventRoutingTable.Route(Envelope("crm.contact.creation.v1", new string('7', 2000))));
    }

    private static EventEnvelope Envelope(string type, string subject) =>
        new("crm-1001", "crm", type, Now, Now, "corr-1", subject, JsonDocument.Parse("{}").RootElement);
}
