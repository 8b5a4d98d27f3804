using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Integration.Activities.Evidence;

/// <summary>Registers the offboarding evidence store, its API handler and its activity; calling it twice registers nothing twice.</summary>
public static class OffboardingEvidenceServiceCollectionExtensions
{
    /// <remarks>Needs what AddIntegration registers: StorageClients and OperationsAccess.</remarks>
    public static IServiceCollection AddOffboardingEvidence(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<OffboardingEvidenceStore>();
        services.TryAddSingleton<EvidenceHandler>();
        services.TryAddTransient<RecordOffboardingEvidenceActivity>();
        return services;
    }
}
