using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Integration.Activities.Invoicing;

/// <summary>
/// Takes the dictionary in its constructor, so the host loads it while resolving its hosted services:
/// a bad file stops start-up with the loader's message instead of failing the first workflow.
/// </summary>
public sealed class DataDictionaryStartupCheck(DataDictionary dictionary, ILogger<DataDictionaryStartupCheck> log) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        log.LogInformation(
            "Data dictionary {Version} loaded from {Source}: {Products} products, {TaxCodes} tax codes, {Categories} customer categories",
            dictionary.Version,
            dictionary.Source,
            dictionary.Products.Count,
            dictionary.TaxCodes.Values.Count,
            dictionary.CustomerCategories.Values.Count);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
