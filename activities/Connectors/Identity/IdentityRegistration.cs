using Integration.Activities.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Integration.Activities.Connectors.Identity;

/// <summary>Registers the identity targets (validated at start-up), the target resolver and one typed client per connector kind.</summary>
public static class IdentityRegistration
{
    public static IServiceCollection AddIdentityTargets(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<IdentityOptions>().Bind(configuration.GetSection(IdentityOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IdentityOptions>, IdentityOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IdentityTargets>();
        services.TryAddTransient<IdentityConnectors>();

        Add<GraphConnector>(services, IdentityKinds.Graph, configuration);
        Add<OktaConnector>(services, IdentityKinds.Okta, configuration);
        Add<GoogleWorkspaceConnector>(services, IdentityKinds.GoogleWorkspace, configuration);
        Add<SlackScimConnector>(services, IdentityKinds.SlackScim, configuration);
        Add<GitHubConnector>(services, IdentityKinds.GitHub, configuration);
        Add<AtlassianConnector>(services, IdentityKinds.Atlassian, configuration);
        Add<ZoomConnector>(services, IdentityKinds.Zoom, configuration);
        Add<RestTargetConnector>(services, IdentityKinds.Rest, configuration);
        return services;
    }

    /// <summary>The typed client with the resilience pipeline and call log (logged under its kind), also resolvable as an <see cref="IIdentityConnector"/>.</summary>
    private static void Add<TConnector>(IServiceCollection services, string kind, IConfiguration configuration)
        where TConnector : class, IIdentityConnector
    {
        services.AddConnector<TConnector>(kind, configuration);
        services.AddTransient<IIdentityConnector>(sp => sp.GetRequiredService<TConnector>());
    }
}
