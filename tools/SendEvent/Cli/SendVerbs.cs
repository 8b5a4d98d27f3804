namespace Integration.SendEvent.Cli;

/// <summary>The verbs the CLI knows; a new scenario is one new <see cref="ISendVerb"/> added here.</summary>
public static class SendVerbs
{
    /// <summary>Every verb, in the order usage lists them.</summary>
    public static IReadOnlyList<ISendVerb> All { get; } =
    [
        new DealClosedVerb(),
        new DealChangedVerb(),
        new AppEventVerb(),
        new ScenarioVerb(),
        new HiredVerb(),
        new TerminatedVerb(),
        new CancelledVerb(),
        new OrderPlacedVerb(),
        new OrderCancelledVerb(),
    ];

    /// <summary>The verb with this name, or null.</summary>
    public static ISendVerb? Find(string name) =>
        All.FirstOrDefault(verb => string.Equals(verb.Name, name, StringComparison.OrdinalIgnoreCase));
}
