using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Integration.Activities.Storage;
using Microsoft.Extensions.Configuration;

namespace Integration.Tests.Unit.Activities.Storage;

/// <summary>
/// The product's storage clients for the development account on a loopback port the test chooses: one nothing
/// listens on (every call refused, as while Azurite is stopped), or one the test serves badly itself.
/// </summary>
internal static class StorageOnPort
{
    /// <summary>Azurite's well-known development account key (not a secret).</summary>
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public static StorageClients Clients(int port)
    {
        string endpoint = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/devstoreaccount1");
        return new StorageClients(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [StorageClients.SettingName] = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};BlobEndpoint={endpoint};QueueEndpoint={endpoint};TableEndpoint={endpoint};",
            })
            .Build());
    }

    /// <summary>A loopback port that was free a moment ago, so nothing listens there.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
