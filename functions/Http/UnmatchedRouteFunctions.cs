using Integration.Activities.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Integration.Functions.Http;

/// <summary>
/// The Functions host answers a request no function's route takes with a bare 404 before the worker sees it, so
/// these catch-alls bring such requests to the shared <see cref="UnmatchedRouteHandler"/> (404 or 405 problem+json).
/// The host tries routes in the order it registers functions, not by how specific they are, so no catch-all may
/// match a request a product function takes: one takes every path that is not a product route (regex lookahead),
/// and one per method set takes the product paths under every other method. <c>UnmatchedRouteFunctionsTests</c>
/// replays the host's router in several orders against <see cref="ProductRoutes"/>.
/// </summary>
public static class UnmatchedRouteFunctions
{
    /// <summary>The paths (after /api/) of the GET routes in <see cref="ProductRoutes"/>.</summary>
    public const string GetPaths = "health|v1/instances(/[^/]+(/history)?)?|v1/api-calls/[^/]+|v1/dead-letters|v1/alerts|v1/evidence/offboardings(/[^/]+)?|v1/audit|v1/bulk-jobs/[^/]+|v1/caller|console(/.*)?";

    /// <summary>The paths (after /api/) of the POST routes in <see cref="ProductRoutes"/>.</summary>
    public const string PostPaths = "v1/webhooks/[^/]+|v1/reviews/[^/]+|v1/dead-letters/[^/]+/replay|v1/alerts/[^/]+/(acknowledge|resolve)|v1/instances/[^/]+/(?!history/?$)[^/]+|v1/bulk-jobs|v1/bulk-jobs/[^/]+/cancel";

    /// <summary>The catch-all's value for "/api" itself: a regex constraint refuses a missing value, so it gets a default.</summary>
    private const string NoPath = "none";

    [Function("UnmatchedRoute")]
    public static IActionResult UnmatchedRoute(
        [HttpTrigger(AuthorizationLevel.Anonymous, Route = "{*path:regex(^(?!(" + GetPaths + "|" + PostPaths + ")/?$).*$)=" + NoPath + "}")] HttpRequest request) =>
        new ResultActionResult(UnmatchedRouteHandler.Handle(request));

    [Function("GetRouteOtherMethod")]
    public static IActionResult GetRouteOtherMethod(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", "put", "patch", "delete", "head", "options", "trace",
            Route = "{*path:regex(^(" + GetPaths + ")/?$)}")] HttpRequest request) =>
        new ResultActionResult(UnmatchedRouteHandler.Handle(request));

    [Function("PostRouteOtherMethod")]
    public static IActionResult PostRouteOtherMethod(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "put", "patch", "delete", "head", "options", "trace",
            Route = "{*path:regex(^(" + PostPaths + ")/?$)}")] HttpRequest request) =>
        new ResultActionResult(UnmatchedRouteHandler.Handle(request));
}
