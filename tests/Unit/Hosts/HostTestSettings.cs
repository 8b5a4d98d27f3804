using Integration.Activities.Storage;

namespace Integration.Tests.Unit.Hosts;

/// <summary>The fewest command-line settings with which either host builds (not runs) outside its real environment.</summary>
internal static class HostTestSettings
{
    public static string[] Minimal(params string[] more) =>
    [
        .. more,
        $"--{StorageClients.SettingName}=UseDevelopmentStorage=true",
        $"--{StorageNames.EventsQueueSetting}=integrationhub-events",
        "--Offboarding:Enabled=false",
    ];
}
