using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Integration.Activities.ApiCalls;
using Integration.Activities.Calendar;
using Integration.Activities.Configuration;
using Integration.Activities.Connectors.Erp;
using Integration.Activities.Invoicing;
using Integration.Activities.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
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
        "Webhooks__Sources__hr__Scheme",
        "Webhooks__Sources__hr__Secrets__0",
        "Webhooks__PublicBaseUrl",
        "Connectors__HubSpot__BaseUrl",
        "Connectors__HubSpot__AccessToken",
        "Connectors__BambooHr__BaseUrl",
        "Connectors__BambooHr__ApiKey",
        "Connectors__QuickBooks__BaseUrl",
        "Connectors__QuickBooks__RealmId",
        "Connectors__QuickBooks__AccessToken",
        "Erp__System",
        "Erp__ReopenReversal",
        "Connectors__Xero__BaseUrl",
        "Connectors__Xero__TenantId",
        "Connectors__Xero__AccessToken",
        "Connectors__Xero__SalesAccountCode",
        "BusinessCalendar__TimeZone",
        "BusinessCalendar__Region",
        "Pricing__AmountTolerance",
        "Alerts__WebhookUrl",
        "Operations__ApiKey",
    ];

    // Settings an operator sets per company, explicit in every parameter file (not left to template defaults).
    private static readonly string[] CompanyParameters =
    [
        "quickBooksBaseUrl",
        "quickBooksRealmId",
        "erpSystem",
        "erpReopenReversal",
        "xeroBaseUrl",
        "xeroTenantId",
        "xeroSalesAccountCode",
        "bambooHrBaseUrl",
        "businessCalendarTimeZone",
        "businessCalendarRegion",
        "pricingAmountTolerance",
    ];

    // local.settings.sample.json keys that belong to the local Functions host only (Flex Consumption gets them elsewhere).
    private static readonly string[] LocalHostOnlySettings = ["AzureWebJobsStorage", "FUNCTIONS_WORKER_RUNTIME"];

    // Variables the .bicepparam files read for secret parameters; cleared so the check sees the files alone.
    private static readonly string[] SecretEnvironmentVariables =
    [
        "INTEGRATION_CRM_WEBHOOK_SECRET",
        "INTEGRATION_APP_WEBHOOK_SECRET",
        "INTEGRATION_HR_WEBHOOK_SECRET",
        "INTEGRATION_HUBSPOT_ACCESS_TOKEN",
        "INTEGRATION_BAMBOOHR_API_KEY",
        "INTEGRATION_QUICKBOOKS_ACCESS_TOKEN",
        "INTEGRATION_XERO_ACCESS_TOKEN",
        "INTEGRATION_ALERTS_WEBHOOK_URL",
        "INTEGRATION_OPERATIONS_API_KEY",
    ];

    [GeneratedRegex(@"@Microsoft\.KeyVault\(VaultName=[^;()]+;SecretName=[^;()]+\)")]
    private static partial Regex KeyVaultReference();

    [GeneratedRegex(@"^\[parameters\('(?<name>[^']+)'\)\]$")]
    private static partial Regex ParameterReference();

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
        Assert.Equal("bamboohr", settings["Webhooks__Sources__hr__Scheme"]);
        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.DoesNotContain(settings.Keys, name => name == "AzureWebJobsStorage");

        var secretLooking = settings
            .Where(s => SecretMarkers.Any(marker => s.Key.Contains(marker, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        Assert.Equal(9, secretLooking.Count);
        Assert.All(secretLooking, s => Assert.True(
            KeyVaultReference().IsMatch(s.Value),
            $"App setting '{s.Key}' must be a Key Vault reference, but is: {s.Value}"));
    }

    [Fact]
    public void Storage_creates_the_queues_and_tables_the_app_names_from_its_task_hub()
    {
        var storage = Assert.Single(Resources(fixture.Template), r => Type(r) == "Microsoft.Resources/deployments"
            && NestedResources(r).Any(n => Type(n) == "Microsoft.Storage/storageAccounts/queueServices/queues"));
        var parameters = storage.GetProperty("properties").GetProperty("parameters");
        var arm = new ArmExpressions(fixture.Template);
        string hub = (string)arm.Evaluate(fixture.Template.GetProperty("parameters").GetProperty("taskHubName").GetProperty("defaultValue"))!;
        StorageNames expected = StorageNames.For(hub);

        // The hosts create StorageNames' queues and tables at start-up; the templates must create the same ones.
        Assert.Equal("IntegrationHub", hub);
        Assert.Equal(expected.Queues, arm.Strings(parameters.GetProperty("queueNames").GetProperty("value")));
        Assert.Equal(["integrationhub-events", "integrationhub-events-poison"], expected.Queues);
        var tables = arm.Strings(parameters.GetProperty("tableNames").GetProperty("value"));
        Assert.Equal(expected.Tables.Order(StringComparer.Ordinal), tables.Order(StringComparer.Ordinal));
        Assert.Contains("IntegrationHubOffboardingEvidence", tables);
        Assert.Contains(NestedResources(storage), n => Type(n) == "Microsoft.Storage/storageAccounts/tableServices/tables");
    }

    [Fact]
    public void The_app_runs_on_the_templates_task_hub_and_reads_its_events_queue()
    {
        var settings = AppSettings(fixture.Template);
        var functionApp = Assert.Single(Resources(fixture.Template), r => Type(r) == "Microsoft.Resources/deployments"
            && NestedResources(r).Any(n => Type(n) == "Microsoft.Web/sites/config"));
        var parameters = functionApp.GetProperty("properties").GetProperty("parameters");
        var arm = new ArmExpressions(fixture.Template);
        string hub = (string)arm.Evaluate(parameters.GetProperty("taskHubName").GetProperty("value"))!;

        Assert.Equal("[parameters('taskHubName')]", settings["AzureFunctionsJobHost__extensions__durableTask__hubName"]);
        Assert.Equal("[parameters('eventsQueueName')]", settings[StorageNames.EventsQueueSetting]);
        Assert.Equal(StorageNames.For(hub).EventsQueue, (string)arm.Evaluate(parameters.GetProperty("eventsQueueName").GetProperty("value"))!);
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
        Assert.Equal(9, secureParameters.Count);
        foreach (var name in secureParameters)
        {
            // Every secret can be supplied through its environment variable, so each file names all of them.
            Assert.True(
                parameters.RootElement.GetProperty("parameters").TryGetProperty(name, out _),
                $"{parameterFile} does not read secure parameter '{name}' from its environment variable.");
            if (parameters.RootElement.GetProperty("parameters").TryGetProperty(name, out var value))
            {
                Assert.True(
                    value.GetProperty("value").GetString() == "",
                    $"{parameterFile} sets secure parameter '{name}' to a value; secrets are supplied at deploy time only.");
            }
        }
    }

    [Theory]
    [InlineData("infra/main.dev.bicepparam")]
    [InlineData("infra/main.prod.bicepparam")]
    public async Task Parameter_files_set_the_erp_connector_and_business_parameters_explicitly(string parameterFile)
    {
        var result = await fixture.RunAsync(fixture.BicepPath, ["build-params", parameterFile, "--stdout"], SecretEnvironmentVariables);
        Assert.True(result.ExitCode == 0, $"bicep build-params {parameterFile} failed:\n{result.StdErr}");

        using var output = JsonDocument.Parse(result.StdOut);
        using var parameters = JsonDocument.Parse(output.RootElement.GetProperty("parametersJson").GetString()!);
        var set = parameters.RootElement.GetProperty("parameters");
        Assert.All(CompanyParameters, name => Assert.True(set.TryGetProperty(name, out _), $"{parameterFile} does not set '{name}'."));
        Assert.Equal(ErpOptions.QuickBooks, set.GetProperty("erpSystem").GetProperty("value").GetString());
        Assert.Equal(ErpOptions.ReverseByVoid, set.GetProperty("erpReopenReversal").GetProperty("value").GetString());
    }

    [Fact]
    public void Erp_parameters_allow_exactly_the_values_the_app_accepts_and_default_like_the_app()
    {
        var main = fixture.Template.GetProperty("parameters");
        var module = FunctionAppDeployment(fixture.Template).GetProperty("properties").GetProperty("template").GetProperty("parameters");

        foreach (var parameters in new[] { main, module })
        {
            Assert.Equal(ErpOptions.Systems, AllowedValues(parameters.GetProperty("erpSystem")));
            Assert.Equal(ErpOptions.ReversalModes, AllowedValues(parameters.GetProperty("erpReopenReversal")));
        }
        var defaults = new ErpOptions();
        Assert.Equal(defaults.System, DeployedDefault(fixture.Template, "Erp__System"));
        Assert.Equal(defaults.ReopenReversal, DeployedDefault(fixture.Template, "Erp__ReopenReversal"));
    }

    [Fact]
    public void Xero_and_business_settings_default_to_the_app_defaults()
    {
        var xero = new XeroOptions();
        var calendar = new BusinessCalendarOptions();
        var pricing = new PricingOptions();

        Assert.Equal(xero.SalesAccountCode, DeployedDefault(fixture.Template, "Connectors__Xero__SalesAccountCode"));
        Assert.Equal(calendar.TimeZone, DeployedDefault(fixture.Template, "BusinessCalendar__TimeZone"));
        Assert.Equal(calendar.Region, DeployedDefault(fixture.Template, "BusinessCalendar__Region"));
        Assert.Equal(pricing.AmountTolerance, decimal.Parse(DeployedDefault(fixture.Template, "Pricing__AmountTolerance")!, NumberStyles.Number, CultureInfo.InvariantCulture));
        Assert.Equal("America/New_York", calendar.TimeZone);
        Assert.Equal("us", calendar.Region);
        Assert.Equal(0.01m, pricing.AmountTolerance);

        // BaseUrl is the API root: the connector appends /api.xro/2.0/ itself.
        var baseUrl = DeployedDefault(fixture.Template, "Connectors__Xero__BaseUrl");
        Assert.True(Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps, $"Xero base URL default '{baseUrl}' is not an absolute https URL.");
        Assert.DoesNotContain("api.xro", baseUrl, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("/", uri.AbsolutePath);
    }

    [Theory]
    [InlineData("quickbooks")]
    [InlineData("xero")]
    public void The_app_starts_with_the_deployed_defaults_once_the_company_settings_are_set(string erpSystem)
    {
        var values = DeployedDefaults(fixture.Template);
        Assert.Contains("Erp:System", values.Keys);
        Assert.Contains("BusinessCalendar:TimeZone", values.Keys);
        Assert.Contains("Pricing:AmountTolerance", values.Keys);
        values["Erp:System"] = erpSystem;
        // What an operator sets: the company ids, and the tokens the Key Vault references resolve to.
        values["Connectors:QuickBooks:RealmId"] = "9130350000000001";
        values["Connectors:QuickBooks:AccessToken"] = "qbo-token";
        values["Connectors:Xero:TenantId"] = "7d3c1f0e-2b4a-4c6d-9e8f-1a2b3c4d5e6f";
        values["Connectors:Xero:AccessToken"] = "xero-token";

        using var services = Integration.Tests.Unit.Activities.Connectors.ErpTestServices.Build(values, withBusinessSettings: true);
        services.GetRequiredService<IStartupValidator>().Validate();

        Assert.Equal(erpSystem, services.GetRequiredService<IErpConnector>().SystemName);
    }

    [Fact]
    public void Xero_in_use_without_a_tenant_id_stops_the_app_naming_the_setting()
    {
        var values = DeployedDefaults(fixture.Template);
        values["Erp:System"] = ErpOptions.Xero;
        values["Connectors:Xero:AccessToken"] = "xero-token";

        using var services = Integration.Tests.Unit.Activities.Connectors.ErpTestServices.Build(values, withBusinessSettings: true);
        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Connectors:Xero:TenantId '' is not a GUID", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_local_sample_setting_is_also_a_deployed_app_setting()
    {
        var settings = AppSettings(fixture.Template);
        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(fixture.RepoRoot, "local.settings.sample.json")));

        var local = sample.RootElement.GetProperty("Values").EnumerateObject().Select(p => p.Name).Except(LocalHostOnlySettings).ToList();
        Assert.Contains("Erp__System", local);
        Assert.Contains("Connectors__Xero__AccessToken", local);
        Assert.All(local, name => Assert.True(settings.ContainsKey(name), $"local.settings.sample.json sets '{name}', which the deployment does not."));
    }

    // ---- Defaults and start-up validation --------------------------------------------------------

    /// <summary>
    /// The value a deployment without parameter overrides gives an app setting that is a plain module
    /// parameter: the main template's default for the parameter passed in, else the module's default.
    /// </summary>
    private static string? DeployedDefault(JsonElement template, string setting)
    {
        var value = AppSettings(template)[setting];
        var moduleParameter = ParameterReference().Match(value);
        Assert.True(moduleParameter.Success, $"App setting '{setting}' is '{value}', not a module parameter.");
        var name = moduleParameter.Groups["name"].Value;

        var deployment = FunctionAppDeployment(template).GetProperty("properties");
        if (deployment.GetProperty("parameters").TryGetProperty(name, out var passed))
        {
            var mainParameter = ParameterReference().Match(passed.GetProperty("value").GetString()!);
            Assert.True(mainParameter.Success, $"Module parameter '{name}' is not passed a main template parameter.");
            return template.GetProperty("parameters").GetProperty(mainParameter.Groups["name"].Value).GetProperty("defaultValue").GetString();
        }
        return deployment.GetProperty("template").GetProperty("parameters").GetProperty(name).GetProperty("defaultValue").GetString();
    }

    /// <summary>Configuration (":" keys) from every app setting that has a deployed default.</summary>
    private static Dictionary<string, string?> DeployedDefaults(JsonElement template)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var deployment = FunctionAppDeployment(template).GetProperty("properties");
        foreach (var (setting, value) in AppSettings(template))
        {
            var moduleParameter = ParameterReference().Match(value);
            if (!moduleParameter.Success)
            {
                continue;
            }
            var name = moduleParameter.Groups["name"].Value;
            var hasDefault = deployment.GetProperty("parameters").TryGetProperty(name, out var passed)
                ? ParameterReference().Match(passed.GetProperty("value").GetString()!) is { Success: true } main
                  && template.GetProperty("parameters").GetProperty(main.Groups["name"].Value).TryGetProperty("defaultValue", out _)
                : deployment.GetProperty("template").GetProperty("parameters").GetProperty(name).TryGetProperty("defaultValue", out _);
            if (hasDefault)
            {
                values[setting.Replace("__", ":", StringComparison.Ordinal)] = DeployedDefault(template, setting);
            }
        }
        return values;
    }

    private static List<string> AllowedValues(JsonElement parameter) =>
        parameter.GetProperty("allowedValues").EnumerateArray().Select(v => v.GetString()!).ToList();

    private static JsonElement FunctionAppDeployment(JsonElement template) =>
        Assert.Single(Resources(template), r => Type(r) == "Microsoft.Resources/deployments"
            && NestedResources(r).Any(n => Type(n) == "Microsoft.Web/sites"));

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
}
