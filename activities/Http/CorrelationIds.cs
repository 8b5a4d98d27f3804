using Microsoft.AspNetCore.Http;

namespace Integration.Activities.Http;

/// <summary>
/// The correlation id that ties a webhook to its queue message, workflow and outbound API calls:
/// the caller's X-Correlation-Id when it is sane, otherwise a new one.
/// </summary>
public static class CorrelationIds
{
    public const string HeaderName = "X-Correlation-Id";

    public static string FromRequest(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        string? offered = request.Headers[HeaderName];
        return IsAcceptable(offered) ? offered! : New();
    }

    public static string New() => Guid.NewGuid().ToString("N");

    private static bool IsAcceptable(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= 64 &&
        value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');
}
