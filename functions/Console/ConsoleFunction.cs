using Integration.Activities.Console;
using Integration.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Integration.Functions.Console;

/// <summary>Binds the browser console's files to the shared handler, as the standalone host does.</summary>
public sealed class ConsoleFunction(ConsoleHandler handler)
{
    [Function("Console")]
    public IActionResult Serve(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/{*path}")] HttpRequest request,
        string? path) =>
        new ResultActionResult(handler.Serve(request, path));
}
