using System.Text;
using Integration.Activities.Configuration;
using Microsoft.Extensions.Configuration;

namespace Integration.Tests.Unit.Activities.Connectors.Identity;

/// <summary>Binds an "Identity" section from JSON the way the hosts bind configuration.</summary>
internal static class IdentityTestConfig
{
    public static IdentityOptions Bind(string json)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        return configuration.GetSection(IdentityOptions.Section).Get<IdentityOptions>() ?? new IdentityOptions();
    }
}
