using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Integration.Functions.Workflows;

/// <summary>The TaskActivityContext a class-based activity expects, built from a Functions activity invocation.</summary>
public sealed class FunctionsActivityContext(string name, FunctionContext function) : TaskActivityContext
{
    public override TaskName Name { get; } = new(name);

    public override string InstanceId { get; } =
        function?.BindingContext.BindingData.TryGetValue("instanceId", out object? id) == true ? id?.ToString() ?? string.Empty : string.Empty;
}
