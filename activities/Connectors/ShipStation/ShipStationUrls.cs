namespace Integration.Activities.Connectors.ShipStation;

/// <summary>
/// The one check that a URL is ShipStation's (the scheme, host and port of Connectors:ShipStation:BaseUrl, no user info):
/// a SHIP_NOTIFY pointer is unsigned, so the ingress, the read-back activity and the client all refuse any other origin
/// before the product's credentials could go there.
/// </summary>
public static class ShipStationUrls
{
    /// <summary>Whether <paramref name="url"/> is an absolute http(s) URL with the scheme, host and port of <paramref name="baseUrl"/>.</summary>
    public static bool PointsAt(string? url, string? baseUrl) =>
        Uri.TryCreate(baseUrl, UriKind.Absolute, out Uri? allowed) &&
        Uri.TryCreate(url, UriKind.Absolute, out Uri? target) &&
        (target.Scheme == Uri.UriSchemeHttp || target.Scheme == Uri.UriSchemeHttps) &&
        string.IsNullOrEmpty(target.UserInfo) &&
        Uri.Compare(target, allowed, UriComponents.SchemeAndServer | UriComponents.Port, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
}
