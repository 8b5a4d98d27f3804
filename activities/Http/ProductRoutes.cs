using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace Integration.Activities.Http;

/// <summary>Who may call a route: anyone (webhooks check their own signatures; health), or a caller with an operations role.</summary>
public enum RouteAccess
{
    Public,
    Reader,
    Operator,
}

/// <summary>One HTTP route of the product: the method it takes, its template under <c>/api</c> and who may call it, named as its Functions trigger is.</summary>
public sealed record ProductRoute(string Name, string Method, string Template, RouteAccess Access)
{
    private readonly TemplateMatcher matcher = new(TemplateParser.Parse(ProductRoutes.Prefix + "/" + Template), new RouteValueDictionary());

    /// <summary>The route's regex constraints by parameter (the template matcher checks only the shape), as both hosts apply them.</summary>
    private readonly (string Name, System.Text.RegularExpressions.Regex Pattern)[] constraints =
        TemplateParser.Parse(Template).Parameters
            .SelectMany(p => p.InlineConstraints.Select(c => (p.Name!, c.Constraint)))
            .Where(c => c.Constraint.StartsWith("regex(", StringComparison.Ordinal) && c.Constraint.EndsWith(')'))
            .Select(c => (c.Item1, new System.Text.RegularExpressions.Regex(c.Constraint[6..^1], System.Text.RegularExpressions.RegexOptions.CultureInvariant | System.Text.RegularExpressions.RegexOptions.IgnoreCase)))
            .ToArray();

    /// <summary>Whether the path (as the request has it, with the <c>/api</c> prefix) is this route's, whatever the method.</summary>
    public bool MatchesPath(PathString path)
    {
        var values = new RouteValueDictionary();
        return matcher.TryMatch(path, values) &&
            constraints.All(c => c.Pattern.IsMatch(Convert.ToString(values[c.Name], System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty));
    }
}

/// <summary>
/// Every HTTP route the product serves, in one list that both hosts are checked against: the standalone host
/// refuses to start when what it maps differs, and a unit test compares the Functions triggers. A request no
/// route takes is answered here too, so "no such route" (404) and "not with this method" (405) are decided once.
/// </summary>
public static class ProductRoutes
{
    /// <summary>The route prefix both hosts serve under (host.json's http.routePrefix default).</summary>
    public const string Prefix = "api";

    /// <summary>
    /// The instance view's id segment: any id but "summary", so the Functions host (which tries routes in registration
    /// order, not by how specific they are) never gives GET v1/instances/summary to the instance view.
    /// </summary>
    public const string InstanceIdSegment = "{instanceId:regex(^(?!summary$))}";

    /// <summary>
    /// The action segment of POST v1/instances/{instanceId}/{action}: any word but "history", so a POST to the history
    /// is a 405 (GET only) in both hosts rather than an unknown action; an unknown action gets the handler's 404 naming the actions.
    /// </summary>
    public const string InstanceActionSegment = "{action:regex(^(?!history$))}";

    public static readonly IReadOnlyList<ProductRoute> All =
    [
        new("Webhook", HttpMethods.Post, "v1/webhooks/{source}", RouteAccess.Public),
        new("Health", HttpMethods.Get, "health", RouteAccess.Public),
        new("GetInstance", HttpMethods.Get, "v1/instances/" + InstanceIdSegment, RouteAccess.Reader),
        new("ListApiCalls", HttpMethods.Get, "v1/api-calls/{correlationId}", RouteAccess.Reader),
        new("ListDeadLetters", HttpMethods.Get, "v1/dead-letters", RouteAccess.Reader),
        new("ListOffboardingEvidence", HttpMethods.Get, "v1/evidence/offboardings", RouteAccess.Reader),
        new("GetOffboardingEvidence", HttpMethods.Get, "v1/evidence/offboardings/{offboardingId}", RouteAccess.Reader),
        new("DecideReview", HttpMethods.Post, "v1/reviews/{instanceId}", RouteAccess.Operator),
        new("ListAudit", HttpMethods.Get, "v1/audit", RouteAccess.Reader),
        new("ReplayDeadLetter", HttpMethods.Post, "v1/dead-letters/{deadLetterId}/replay", RouteAccess.Operator),
        new("ListAlerts", HttpMethods.Get, "v1/alerts", RouteAccess.Reader),
        new("AcknowledgeAlert", HttpMethods.Post, "v1/alerts/{alertId}/acknowledge", RouteAccess.Operator),
        new("ResolveAlert", HttpMethods.Post, "v1/alerts/{alertId}/resolve", RouteAccess.Operator),
        new("ActOnInstance", HttpMethods.Post, "v1/instances/{instanceId}/" + InstanceActionSegment, RouteAccess.Operator),
        new("StartBulkJob", HttpMethods.Post, "v1/bulk-jobs", RouteAccess.Operator),
        new("GetBulkJob", HttpMethods.Get, "v1/bulk-jobs/{jobId}", RouteAccess.Reader),
        new("CancelBulkJob", HttpMethods.Post, "v1/bulk-jobs/{jobId}/cancel", RouteAccess.Operator),
        new("ListInstances", HttpMethods.Get, "v1/instances", RouteAccess.Reader),
        new("GetInstanceSummary", HttpMethods.Get, "v1/instances/summary", RouteAccess.Reader),
        new("GetInstanceHistory", HttpMethods.Get, "v1/instances/{instanceId}/history", RouteAccess.Reader),
        new("GetCaller", HttpMethods.Get, "v1/caller", RouteAccess.Reader),
        // The console's static files: public, since the page holds no data and every API call it makes carries the caller's key.
        new("Console", HttpMethods.Get, "console/{*path}", RouteAccess.Public),
    ];

    /// <summary>The methods the product serves on this path, in a stable order; empty when no route has the path.</summary>
    public static IReadOnlyList<string> MethodsFor(PathString path) =>
        All.Where(r => r.MatchesPath(path)).Select(r => r.Method).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// How a host's bound routes differ from the list, one line per difference (empty when they agree).
    /// Templates compare without the <c>/api/</c> prefix and case; methods without case.
    /// </summary>
    public static IReadOnlyList<string> Differences(IEnumerable<(string Method, string Template)> bound)
    {
        ArgumentNullException.ThrowIfNull(bound);
        var expected = All.Select(r => Key(r.Method, r.Template)).ToHashSet(StringComparer.Ordinal);
        var actual = bound.Select(b => Key(b.Method, b.Template)).ToHashSet(StringComparer.Ordinal);
        return
        [
            .. expected.Except(actual).Order(StringComparer.Ordinal).Select(r => $"in ProductRoutes but not bound: {r}"),
            .. actual.Except(expected).Order(StringComparer.Ordinal).Select(r => $"bound but not in ProductRoutes: {r}"),
        ];
    }

    private static string Key(string method, string template)
    {
        string trimmed = template.Trim('/');
        if (trimmed.StartsWith(Prefix + "/", StringComparison.OrdinalIgnoreCase))
        {
            trimmed = trimmed[(Prefix.Length + 1)..];
        }

        return $"{method.ToUpperInvariant()} {trimmed.ToLowerInvariant()}";
    }
}
