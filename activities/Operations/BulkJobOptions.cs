using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Integration.Activities.Operations;

/// <summary>
/// How fast bulk jobs go (section "BulkJobs"). Modest by default, so a job over thousands of workflows never crowds
/// out live work; each job keeps the pace it started with.
/// </summary>
public sealed class BulkJobOptions
{
    public const string Section = "BulkJobs";

    /// <summary>At most this many targets are acted on per second (on average: a batch at once, then a pause).</summary>
    public double TargetsPerSecond { get; set; } = 5;

    /// <summary>Targets acted on side by side before each pause.</summary>
    public int BatchSize { get; set; } = 10;

    /// <summary>Targets read per page of the list.</summary>
    public int PageSize { get; set; } = 50;

    /// <summary>Pages a job reads before it continues as new, which keeps its history short.</summary>
    public int PagesPerGeneration { get; set; } = 5;

    /// <summary>The pause after each batch that keeps the rate.</summary>
    public TimeSpan PauseBetweenBatches => TimeSpan.FromSeconds(BatchSize / TargetsPerSecond);
}

/// <summary>Start-up checks of <see cref="BulkJobOptions"/>, naming the setting.</summary>
public sealed class BulkJobOptionsValidator : IValidateOptions<BulkJobOptions>
{
    public ValidateOptionsResult Validate(string? name, BulkJobOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [];
        if (!(options.TargetsPerSecond is > 0 and <= 1000))
        {
            failures.Add($"{BulkJobOptions.Section}:TargetsPerSecond must be more than 0 and at most 1000 (it is {options.TargetsPerSecond}).");
        }

        if (options.BatchSize is < 1 or > 100)
        {
            failures.Add($"{BulkJobOptions.Section}:BatchSize must be 1 to 100 (it is {options.BatchSize}).");
        }

        if (options.PageSize is < 1 or > 1000)
        {
            failures.Add($"{BulkJobOptions.Section}:PageSize must be 1 to 1000 (it is {options.PageSize}).");
        }

        if (options.PagesPerGeneration is < 1 or > 100)
        {
            failures.Add($"{BulkJobOptions.Section}:PagesPerGeneration must be 1 to 100 (it is {options.PagesPerGeneration}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>Registers bulk jobs' settings and route handler; AddIntegration calls it.</summary>
public static class BulkJobServiceCollectionExtensions
{
    public static IServiceCollection AddBulkJobs(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<BulkJobOptions>().Bind(configuration.GetSection(BulkJobOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BulkJobOptions>, BulkJobOptionsValidator>();
        services.AddSingleton<BulkJobHandler>();
        return services;
    }
}
