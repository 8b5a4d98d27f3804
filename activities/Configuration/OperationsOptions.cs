namespace Integration.Activities.Configuration;

/// <summary>Operations API settings (section "Operations"): the key support tools send as X-Api-Key.</summary>
public sealed class OperationsOptions
{
    public const string Section = "Operations";

    /// <summary>When empty the operations API refuses every request.</summary>
    public string? ApiKey { get; set; }
}
