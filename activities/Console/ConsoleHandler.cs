using Integration.Activities.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Integration.Activities.Console;

/// <summary>
/// GET /api/console/ and GET /api/console/{*path}: the browser console's static files (<see cref="ConsoleAssets"/>).
/// The page is public (it holds no data; every API call it makes carries the caller's key or sign-in), so this route
/// checks no key. Every answer carries a strict Content-Security-Policy (files from this origin only, no inline script
/// or style, no framing), nosniff and no-referrer; files are revalidated by ETag (304) so a new deployment shows at once.
/// "/api/console" without the slash is redirected, so the page's relative links resolve under /api/console/.
/// </summary>
public sealed class ConsoleHandler
{
    /// <summary>Only this origin's files and API; no inline code, no plugins, never inside a frame.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; font-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public const string IndexFile = "index.html";

    public IResult Serve(HttpRequest request, string? path)
    {
        ArgumentNullException.ThrowIfNull(request);
        string file = string.IsNullOrEmpty(path) ? string.Empty : path;
        if (file.Length == 0 && !request.Path.Value!.EndsWith('/'))
        {
            string location = $"{request.PathBase}{request.Path}/{request.QueryString}";
            return new SecuredResult(Results.Redirect(location, permanent: true));
        }

        if (file.Length == 0 || file.EndsWith('/'))
        {
            file += IndexFile;
        }

        if (ConsoleAssets.Find(file) is not { } asset)
        {
            string correlationId = CorrelationIds.FromRequest(request);
            return new SecuredResult(Problems.Create(StatusCodes.Status404NotFound, "console-file-not-found", "No such console file",
                $"The console has no file '{file}'. Open the console at {request.PathBase}/{ProductRoutes.Prefix}/console/.", correlationId));
        }

        return new SecuredResult(new AssetResult(asset, IsCurrent(request, asset)));
    }

    /// <summary>Whether the browser's copy (If-None-Match) is this file's version.</summary>
    private static bool IsCurrent(HttpRequest request, ConsoleAsset asset)
    {
        IList<EntityTagHeaderValue> offered = request.GetTypedHeaders().IfNoneMatch;
        return offered.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(new EntityTagHeaderValue(asset.ETag), useStrongComparison: false));
    }

    /// <summary>Adds the console's security headers to whatever it answers (file, 304, redirect or problem).</summary>
    private sealed class SecuredResult(IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            IHeaderDictionary headers = httpContext.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            return inner.ExecuteAsync(httpContext);
        }
    }

    /// <summary>The file's bytes, or 304 when the browser has them; "no-cache" means "ask each time", answered cheaply by the ETag.</summary>
    private sealed class AssetResult(ConsoleAsset asset, bool notModified) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            HttpResponse response = httpContext.Response;
            response.Headers.ETag = asset.ETag;
            response.Headers.CacheControl = "no-cache";
            if (notModified)
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }

            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = asset.ContentType;
            response.ContentLength = asset.Content.Length;
            await response.Body.WriteAsync(asset.Content, httpContext.RequestAborted).ConfigureAwait(false);
        }
    }
}
