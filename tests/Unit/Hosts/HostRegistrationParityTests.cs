using System.Reflection;
using Integration.Activities.Composition;
using Integration.Functions.Workflows;
using Integration.Orchestrations.Common;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Xunit;

namespace Integration.Tests.Unit.Hosts;

/// <summary>
/// The standalone host registers <see cref="IntegrationTasks"/>; the Functions app has one [Function] adapter per task.
/// These tests keep the two hosts running the same set of orchestrators and activities with the same contracts.
/// </summary>
public sealed class HostRegistrationParityTests
{
    private static readonly Assembly FunctionsAssembly = typeof(DealToInvoiceFunctions).Assembly;

    [Fact]
    public void Functions_orchestrator_triggers_match_the_registered_orchestrators()
    {
        AssertSameNames(
            FunctionsWithTrigger<OrchestrationTriggerAttribute>().Select(f => f.Name),
            IntegrationTasks.Orchestrators.Select(t => t.Name),
            "orchestrator");
    }

    [Fact]
    public void Functions_activity_triggers_match_the_registered_activities()
    {
        AssertSameNames(
            FunctionsWithTrigger<ActivityTriggerAttribute>().Select(f => f.Name),
            IntegrationTasks.Activities.Select(t => t.Name),
            "activity");
    }

    [Fact]
    public void Every_activity_name_an_orchestrator_calls_is_registered()
    {
        string[] constants = typeof(ActivityNames)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToArray();
        var registered = IntegrationTasks.Activities.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var adapters = FunctionsWithTrigger<ActivityTriggerAttribute>().Select(f => f.Name).ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(constants);
        string[] unregistered = constants.Where(c => !registered.Contains(c)).ToArray();
        string[] withoutAdapter = constants.Where(c => !adapters.Contains(c)).ToArray();
        Assert.True(unregistered.Length == 0, $"ActivityNames not in IntegrationTasks.Activities: {string.Join(", ", unregistered)}");
        Assert.True(withoutAdapter.Length == 0, $"ActivityNames without a Functions [ActivityTrigger] adapter: {string.Join(", ", withoutAdapter)}");
    }

    [Fact]
    public void Each_activity_adapter_takes_and_returns_what_its_task_activity_does()
    {
        var adapters = FunctionsWithTrigger<ActivityTriggerAttribute>().ToDictionary(f => f.Name, StringComparer.Ordinal);
        var mismatches = new List<string>();

        foreach (Type activity in IntegrationTasks.Activities)
        {
            if (!adapters.TryGetValue(activity.Name, out FunctionMethod? adapter))
            {
                mismatches.Add($"{activity.Name}: no adapter");
                continue;
            }

            (Type input, Type output) = GenericArgumentsOf(activity, typeof(TaskActivity<,>));
            Type triggerType = adapter.Trigger.ParameterType;
            if (triggerType != input)
            {
                mismatches.Add($"{activity.Name}: adapter takes {triggerType.Name}, activity takes {input.Name}");
            }

            Type expectedReturn = typeof(Task<>).MakeGenericType(output);
            if (adapter.Method.ReturnType != expectedReturn)
            {
                mismatches.Add($"{activity.Name}: adapter returns {adapter.Method.ReturnType}, activity returns {expectedReturn}");
            }
        }

        Assert.True(mismatches.Count == 0, string.Join(Environment.NewLine, mismatches));
    }

    [Fact]
    public void Each_orchestrator_adapter_takes_and_returns_what_its_task_orchestrator_does()
    {
        var adapters = FunctionsWithTrigger<OrchestrationTriggerAttribute>().ToDictionary(f => f.Name, StringComparer.Ordinal);
        var mismatches = new List<string>();

        foreach (Type orchestrator in IntegrationTasks.Orchestrators)
        {
            if (!adapters.TryGetValue(orchestrator.Name, out FunctionMethod? adapter))
            {
                mismatches.Add($"{orchestrator.Name}: no adapter");
                continue;
            }

            (Type input, Type output) = GenericArgumentsOf(orchestrator, typeof(TaskOrchestrator<,>));
            if (adapter.Trigger.ParameterType != typeof(TaskOrchestrationContext))
            {
                mismatches.Add($"{orchestrator.Name}: trigger parameter is {adapter.Trigger.ParameterType.Name}");
            }

            Type[] others = adapter.Method.GetParameters().Where(p => p != adapter.Trigger).Select(p => p.ParameterType).ToArray();
            if (others.Length != 1 || others[0] != input)
            {
                mismatches.Add($"{orchestrator.Name}: adapter input is [{string.Join(", ", others.Select(t => t.Name))}], orchestrator takes {input.Name}");
            }

            Type expectedReturn = typeof(Task<>).MakeGenericType(output);
            if (adapter.Method.ReturnType != expectedReturn)
            {
                mismatches.Add($"{orchestrator.Name}: adapter returns {adapter.Method.ReturnType}, orchestrator returns {expectedReturn}");
            }
        }

        Assert.True(mismatches.Count == 0, string.Join(Environment.NewLine, mismatches));
    }

    [Fact]
    public void Function_names_are_unique_across_the_functions_app()
    {
        string[] duplicates = AllFunctions().GroupBy(f => f.Name, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() > 1)
            .Select(g => g.Key)
            .ToArray();

        Assert.True(duplicates.Length == 0, $"Duplicate [Function] names: {string.Join(", ", duplicates)}");
    }

    private static void AssertSameNames(IEnumerable<string> functions, IEnumerable<string> registered, string kind)
    {
        var fromFunctions = functions.ToHashSet(StringComparer.Ordinal);
        var fromRegistry = registered.ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(fromRegistry);
        string[] missingInFunctions = fromRegistry.Except(fromFunctions).Order(StringComparer.Ordinal).ToArray();
        string[] missingInRegistry = fromFunctions.Except(fromRegistry).Order(StringComparer.Ordinal).ToArray();
        Assert.True(
            missingInFunctions.Length == 0 && missingInRegistry.Length == 0,
            $"{kind} sets differ. Registered in IntegrationTasks but no Functions adapter: [{string.Join(", ", missingInFunctions)}]. " +
            $"Functions adapter but not in IntegrationTasks: [{string.Join(", ", missingInRegistry)}].");
    }

    private static (Type Input, Type Output) GenericArgumentsOf(Type type, Type openBase)
    {
        for (Type? t = type; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericTypeDefinition() == openBase)
            {
                Type[] args = t.GetGenericArguments();
                return (args[0], args[1]);
            }
        }

        throw new InvalidOperationException($"{type.Name} does not derive from {openBase.Name}.");
    }

    private static IEnumerable<(string Name, MethodInfo Method)> AllFunctions() =>
        from type in FunctionsAssembly.GetTypes()
        from method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
        let function = method.GetCustomAttribute<FunctionAttribute>()
        where function is not null
        select (function.Name, method);

    private static IEnumerable<FunctionMethod> FunctionsWithTrigger<TTrigger>()
        where TTrigger : Attribute =>
        from function in AllFunctions()
        let trigger = function.Method.GetParameters().SingleOrDefault(p => p.IsDefined(typeof(TTrigger), inherit: false))
        where trigger is not null
        select new FunctionMethod(function.Name, function.Method, trigger);

    private sealed record FunctionMethod(string Name, MethodInfo Method, ParameterInfo Trigger);
}
