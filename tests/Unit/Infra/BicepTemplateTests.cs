using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace Integration.Tests.Unit.Infra;

/// <summary>
/// The Bicep in infra/ must build and lint cleanly (infra/check.sh), and the compiled ARM template must
/// keep the security-relevant properties operators rely on (docs/deploy.md).
/// </summary>
public sealed partial class BicepTemplateTests(BicepFixture fixture) : IClassFixture<BicepFixture>
{
    private static readonly string[] SecretMarkers = ["Secret", "Token", "ApiKey", "WebhookUrl"];

    private static readonly string[] RequiredAppSettings =
    [
        "AzureWebJobsStorage__accountName",
        "AzureWebJobsStorage__credential",
        "APPLICATIONINSIGHTS_CONNECTION_STRING",
        "Webhooks__Sources__crm__Scheme",
        "Webhooks__Sources__crm__Secrets__0",
        "Webhooks__Sources__app__Scheme",
        "Webhooks__Sources__app__Secrets__0",
        "Webhooks__PublicBaseUrl",
        "Connectors__HubSpot__BaseUrl",
        "Connectors__HubSpot__AccessToken",
        "Connectors__QuickBooks__BaseUrl",
        "Connectors__QuickBooks__RealmId",
        "Connectors__QuickBooks__AccessToken",
        "Alerts__WebhookUrl",
        "Operations__ApiKey",
    ];

    // Variables the .bicepparam files read for secret parameters; cleared so the check sees the files alone.
    private static readonly string[] SecretEnvironmentVariables =
    [
        "INTEGRATION_CRM_WEBHOOK_SECRET",
        "INTEGRATION_APP_WEBHOOK_SECRET",
        "INTEGRATION_HUBSPOT_ACCESS_TOKEN",
        "INTEGRATION_QUICKBOOKS_ACCESS_TOKEN",
        "INTEGRATION_ALERTS_WEBHOOK_URL",
        "INTEGRATION_OPERATIONS_API_KEY",
    ];

    [GeneratedRegex(@"@Microsoft\.KeyVault\(VaultName=[^;()]+;SecretName=[^;()]+\)")]
    private static partial Regex KeyVaultReference();

    [GeneratedRegex(@"^\[variables\('(?<name>[^']+)'\)(?<path>(\.[A-Za-z0-9_]+)*)\]$")]
    private static partial Regex VariableReference();

    [Fact]
    public async Task Check_script_builds_and_lints_the_bicep_without_errors_or_warnings()
    {
        var result = await fixture.RunAsync("bash", ["infra/check.sh"]);

        Assert.True(result.ExitCode == 0, $"bash infra/check.sh exited {result.ExitCode}.\n{result.Output}");
        Assert.Contains("infra check: PASSED", result.StdOut);
    }

    [Fact]
    public void Function_app_has_a_managed_identity_https_only_and_tls_1_2()
    {
        var site = Assert.Single(Resources(fixture.Template), r => Type(r) == "Microsoft.Web/sites");

        var identityType = site.GetProperty("identity").GetProperty("type").GetString();
        Assert.Contains(identityType, new[] { "SystemAssigned", "UserAssigned", "SystemAssigned, UserAssigned" });
        var properties = site.GetProperty("properties");
        Assert.True(properties.GetProperty("httpsOnly").GetBoolean(), "httpsOnly must be true");
        Assert.Equal("1.2", properties.GetProperty("siteConfig").GetProperty("minTlsVersion").GetString());
        Assert.Equal("Disabled", properties.GetProperty("siteConfig").GetProperty("ftpsState").GetString());
        var runtime = properties.GetProperty("functionAppConfig").GetProperty("runtime");
        Assert.Equal("dotnet-isolated", runtime.GetProperty("name").GetString());
    }

    [Fact]
    public void App_settings_are_complete_and_every_secret_looking_setting_is_a_key_vault_reference()
    {
        var settings = AppSettings(fixture.Template);

        Assert.All(RequiredAppSettings, name => Assert.True(settings.ContainsKey(name), $"App setting '{name}' is missing."));
        Assert.Equal("hubspot-v3", settings["Webhooks__Sources__crm__Scheme"]);
        Assert.Equal("standard-webhooks", settings["Webhooks__Sources__app__Scheme"]);
        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.DoesNotContain(settings.Keys, name => name == "AzureWebJobsStorage");

        var secretLooking = settings
            .Where(s => SecretMarkers.Any(marker => s.Key.Contains(marker, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        Assert.Equal(6, secretLooking.Count);
        Assert.All(secretLooking, s => Assert.True(
            KeyVaultReference().IsMatch(s.Value),
            $"App setting '{s.Key}' must be a Key Vault reference, but is: {s.Value}"));
    }

    [Fact]
    public void Storage_creates_the_integration_queues_and_tables()
    {
        var storage = Assert.Single(Resources(fixture.Template), r => Type(r) == "Microsoft.Resources/deployments"
            && NestedResources(r).Any(n => Type(n) == "Microsoft.Storage/storageAccounts/queueServices/queues"));
        var parameters = storage.GetProperty("properties").GetProperty("parameters");

        var queues = ResolveStrings(parameters.GetProperty("queueNames").GetProperty("value"), fixture.Template);
        Assert.Contains("integration-events", queues);
        Assert.Contains("integration-events-poison", queues);

        var tables = ResolveStrings(parameters.GetProperty("tableNames").GetProperty("value"), fixture.Template);
        Assert.Equal(new[] { "ApiCallLog", "CrossReferences", "DeadLetters", "ReceivedEvents" }, tables.Order());
        Assert.Contains(NestedResources(storage), n => Type(n) == "Microsoft.Storage/storageAccounts/tableServices/tables");
    }

    [Fact]
    public void Main_template_outputs_nothing_named_like_a_secret_or_key_except_the_vault_name()
    {
        var outputs = fixture.Template.GetProperty("outputs").EnumerateObject().ToList();

        Assert.Contains(outputs, o => o.Name == "keyVaultName");
        var suspicious = outputs
            .Select(o => o.Name)
            .Where(n => n.Contains("secret", StringComparison.OrdinalIgnoreCase) || n.Contains("key", StringComparison.OrdinalIgnoreCase))
            .Where(n => n != "keyVaultName")
            .ToList();
        Assert.True(suspicious.Count == 0, $"Outputs that look like secrets: {string.Join(", ", suspicious)}");
        Assert.All(outputs, o => Assert.DoesNotContain("secure", o.Value.GetProperty("type").GetString()!, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("infra/main.dev.bicepparam")]
    [InlineData("infra/main.prod.bicepparam")]
    public async Task Parameter_files_carry_no_secret_values(string parameterFile)
    {
        var result = await fixture.RunAsync(fixture.BicepPath, ["build-params", parameterFile, "--stdout"], SecretEnvironmentVariables);
        Assert.True(result.ExitCode == 0, $"bicep build-params {parameterFile} failed:\n{result.StdErr}");

        using var output = JsonDocument.Parse(result.StdOut);
        using var parameters = JsonDocument.Parse(output.RootElement.GetProperty("parametersJson").GetString()!);
        var secureParameters = fixture.Template.GetProperty("parameters").EnumerateObject()
            .Where(p => p.Value.GetProperty("type").GetString()!.StartsWith("secure", StringComparison.OrdinalIgnoreCase))
            .Select(p => p.Name)
            .ToList();
        Assert.Equal(6, secureParameters.Count);
        foreach (var name in secureParameters)
        {
            if (parameters.RootElement.GetProperty("parameters").TryGetProperty(name, out var value))
            {
                Assert.True(
                    value.GetProperty("value").GetString() == "",
                    $"{parameterFile} sets secure parameter '{name}' to a value; secrets are supplied at deploy time only.");
            }
        }
    }

    // ---- ARM JSON helpers -------------------------------------------------------------------------

    private static string? Type(JsonElement resource) =>
        resource.TryGetProperty("type", out var type) ? type.GetString() : null;

    /// <summary>Resources of a template (array, or object keyed by symbolic name), including nested deployments.</summary>
    private static IEnumerable<JsonElement> Resources(JsonElement template)
    {
        if (!template.TryGetProperty("resources", out var resources))
        {
            yield break;
        }
        var list = resources.ValueKind == JsonValueKind.Object
            ? resources.EnumerateObject().Select(p => p.Value)
            : resources.EnumerateArray();
        foreach (var resource in list)
        {
            yield return resource;
            foreach (var nested in NestedResources(resource))
            {
                yield return nested;
            }
        }
    }

    private static IEnumerable<JsonElement> NestedResources(JsonElement resource) =>
        Type(resource) == "Microsoft.Resources/deployments"
        && resource.GetProperty("properties").TryGetProperty("template", out var template)
            ? Resources(template)
            : [];

    /// <summary>App settings from sites/config 'appsettings' resources and from siteConfig.appSettings arrays.</summary>
    private static Dictionary<string, string> AppSettings(JsonElement template)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var resource in Resources(template))
        {
            if (Type(resource) == "Microsoft.Web/sites/config"
                && resource.GetProperty("name").GetString()!.Contains("appsettings", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var setting in resource.GetProperty("properties").EnumerateObject())
                {
                    settings[setting.Name] = setting.Value.ToString();
                }
            }
            if (Type(resource) == "Microsoft.Web/sites"
                && resource.GetProperty("properties").TryGetProperty("siteConfig", out var siteConfig)
                && siteConfig.TryGetProperty("appSettings", out var appSettings)
                && appSettings.ValueKind == JsonValueKind.Array)
            {
                foreach (var setting in appSettings.EnumerateArray())
                {
                    settings[setting.GetProperty("name").GetString()!] = setting.GetProperty("value").ToString();
                }
            }
        }
        return settings;
    }

    /// <summary>
    /// String values of a module parameter: literals, arrays of literals, or simple
    /// [variables('x').y] references into the template's variables.
    /// </summary>
    private static List<string> ResolveStrings(JsonElement value, JsonElement template)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Array:
                return value.EnumerateArray().SelectMany(v => ResolveStrings(v, template)).ToList();
            case JsonValueKind.String when !value.GetString()!.StartsWith('['):
                return [value.GetString()!];
            case JsonValueKind.String:
                var match = VariableReference().Match(value.GetString()!);
                Assert.True(match.Success, $"Cannot resolve ARM expression {value.GetString()} statically.");
                var resolved = template.GetProperty("variables").GetProperty(match.Groups["name"].Value);
                foreach (var segment in match.Groups["path"].Value.Split('.', StringSplitOptions.RemoveEmptyEntries))
                {
                    resolved = resolved.GetProperty(segment);
                }
                return ResolveStrings(resolved, template);
            default:
                Assert.Fail($"Unexpected parameter value {value}.");
                return [];
        }
    }
}
