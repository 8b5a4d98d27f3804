using Integration.Activities.Configuration;
using Integration.Activities.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Integration.Activities.Operations;

/// <summary>
/// GET /api/v1/caller: who the operations API takes the caller to be (<c>{name, role, readOnly}</c>), so a client such
/// as the console can say who is signed in and offer only what the role allows; readOnly is true when the deployment
/// refuses every action (Operations:ReadOnly), whatever the role. An unknown caller gets the usual 401.
/// </summary>
public sealed class CallerHandler(OperationsAccess access, IOptionsMonitor<OperationsOptions> options)
{
    public IResult Describe(HttpRequest request)
    {
        string correlationId = CorrelationIds.FromRequest(request);
        if (access.Refuse(request, OperationsRole.Reader, correlationId, out OperationsCaller caller) is { } refused)
        {
            return refused;
        }

        return Results.Json(new { name = caller.Name, role = caller.RoleName, readOnly = options.CurrentValue.ReadOnly });
    }
}
