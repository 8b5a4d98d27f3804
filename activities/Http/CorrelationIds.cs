using Microsoft.AspNetCore.Http;

namespace Integration.Activities.Http;

/// <summary>
/// The correlation id that ties a webhook to its queue message, workflow and outbound API calls:
/// the caller's X-Correlation-Id when it is sane, otherwise a new one.
/// </summary>
public static class CorrelationIds
{
    public const string HeaderName = "X-Correlation-Id";

    private const string ItemKey = "Integration.CorrelationId";

    /// <summary>
    /// The request's id; the same on every call for one request, so a 500 answered after a handler failed
    /// carries the id the handler logged under.
    /// </summary>
    public static string FromRequest(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        IDictionary<object, object?> items = request.HttpContext.Items;
        if (items.TryGetValue(ItemKey, out object? known) && known is string id)
        {
            return id;
        }

        string? offered = request.Headers[HeaderName];
        string chosen = IsAcceptable(offered) ? offered! : New();
        items[ItemKey] = chosen;
        return chosen;
    }

    public static string New() => Guid.NewGuid().ToString("N");

    private static bool IsAcceptable(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= 64 &&
        value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');
}
