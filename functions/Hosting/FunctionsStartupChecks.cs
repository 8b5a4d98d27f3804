using Integration.Activities.Storage;
using Microsoft.Extensions.Configuration;

namespace Integration.Functions.Hosting;

/// <summary>
/// Settings only the Functions host can get wrong: the queue triggers read the events queue's name from an
/// app setting, which must match the task hub the product derives its names from, or events would sit unread.
/// </summary>
public static class FunctionsStartupChecks
{
    /// <exception cref="InvalidOperationException">A setting is missing or contradicts the task hub; the message names it.</exception>
    public static void ThrowIfMisconfigured(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration[TaskHubName.StandaloneSetting] is { Length: > 0 })
        {
            throw new InvalidOperationException(
                $"'{TaskHubName.StandaloneSetting}' is a standalone-host setting; under Functions name the hub in host.json or with '{TaskHubName.FunctionsSetting}'.");
        }

        StorageNames names = StorageNames.For(TaskHubName.Resolve(configuration));
        if (names.FunctionsQueueSettingProblem(configuration) is { } problem)
        {
            throw new InvalidOperationException(problem);
        }
    }
}
