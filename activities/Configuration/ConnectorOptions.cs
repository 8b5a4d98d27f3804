namespace Integration.Activities.Configuration;

/// <summary>HubSpot CRM connector settings (section "Connectors:HubSpot").</summary>
public sealed class HubSpotOptions
{
    public const string Section = "Connectors:HubSpot";

    public string BaseUrl { get; set; } = string.Empty;

    public string AccessToken { get; set; } = string.Empty;
}

/// <summary>QuickBooks Online connector settings (section "Connectors:QuickBooks").</summary>
public sealed class QuickBooksOptions
{
    public const string Section = "Connectors:QuickBooks";

    public string BaseUrl { get; set; } = string.Empty;

    public string RealmId { get; set; } = string.Empty;

    public string AccessToken { get; set; } = string.Empty;

    public int MinorVersion { get; set; } = 75;

    /// <summary>The ERP item every invoice line is booked against until the mapping table names one.</summary>
    public string DefaultItemId { get; set; } = "1";
}

/// <summary>Where alerts go (section "Alerts"): a webhook (chat, paging or ticketing system).</summary>
public sealed class AlertOptions
{
    public const string Section = "Alerts";

    public string? WebhookUrl { get; set; }

    /// <summary>The payload posted to <see cref="WebhookUrl"/>: "json" (the product's own shape), "slack" (incoming webhook) or "teams" (Workflows webhook, Adaptive Card).</summary>
    public string Format { get; set; } = "json";

    /// <summary>An alert nobody acknowledged is sent again this often (minutes).</summary>
    public double RenotifyMinutes { get; set; } = 60;

    /// <summary>How often open alerts are checked for re-notification and for resolving themselves (seconds).</summary>
    public double CheckSeconds { get; set; } = 60;

    /// <summary>This many failed calls in a row to one system raise a "connector-failing" alert.</summary>
    public int ConnectorFailureThreshold { get; set; } = 5;
}

/// <summary>
/// The inner (HTTP-level) resilience pipeline for every connector (section "Connectors:Resilience").
/// Seconds, not minutes: the workflow's activity retries are the outer layer.
/// </summary>
public sealed class ConnectorResilienceOptions
{
    public const string Section = "Connectors:Resilience";

    public double AttemptTimeoutSeconds { get; set; } = 10;

    public double TotalTimeoutSeconds { get; set; } = 60;

    public int MaxRetryAttempts { get; set; } = 5;

    public double RetryBaseDelayMilliseconds { get; set; } = 200;

    public double CircuitBreakerFailureRatio { get; set; } = 0.7;

    public int CircuitBreakerMinimumThroughput { get; set; } = 20;

    public double CircuitBreakerBreakSeconds { get; set; } = 15;
}
