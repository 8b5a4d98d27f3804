using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Integration.Activities.ApiCalls;
using Integration.Activities.Calendar;
using Integration.Activities.Composition;
using Integration.Activities.Configuration;
using Integration.Activities.Http;
using Integration.Activities.Connectors.Erp;
using Integration.Activities.Connectors.Identity;
using Integration.Activities.Connectors.Shopify;
using Integration.Activities.Connectors.Warehouses;
using Integration.Activities.Invoicing;
using Integration.Activities.Offboarding;
using Integration.Activities.Operations;
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
        "offboardingEnabled",
        "identityTargets",
        "shopifyShops",
        "shipBobBaseUrl",
        "shipBobChannelId",
        "shipStationBaseUrl",
        "shipStationInventoryBaseUrl",
        "ordersRouting",
    ];

    // The Key Vault the tests evaluate the function app module with (its real name holds a uniqueString only Azure knows).
    private const string Vault = "kv-intg-test";

    // The fifteen sandbox identity targets of local.settings.sample.json as the identityTargets parameter.
    private const string SandboxTargetsParameterFile = "tests/Unit/Infra/sandbox-identity-targets.bicepparam";

    private const string IdentityTargetsPrefix = "Identity__Targets__";
    private const string ShopifyShopsPrefix = "Connectors__Shopify__Shops__";
    private const string ShopifyWebhookShopsPrefix = "Webhooks__Sources__shopify__Shops__";

    // The order webhook sources, which exist only when their store or warehouse is configured.
    private static readonly string[] OrderWebhookSettings =
    [
        "Webhooks__Sources__shopify__Scheme",
        "Webhooks__Sources__shopify__Shops__store_a__Secrets__0",
        "Webhooks__Sources__shipbob__Scheme",
        "Webhooks__Sources__shipbob__Secrets__0",
        "Webhooks__Sources__shipstation__Scheme",
        "Webhooks__Sources__shipstation__Secrets__0",
        "Webhooks__Sources__shipstation__ResourceBaseUrl",
    ];

    // The order settings: the stores, the warehouses, the "Orders" section and the order webhook sources.
    private static readonly string[] OrderSettingPrefixes =
    [
        "Connectors__Shopify__", "Connectors__ShipBob__", "Connectors__ShipStation__", "Orders__",
        "Webhooks__Sources__shopify__", "Webhooks__Sources__shipbob__", "Webhooks__Sources__shipstation__",
    ];

    // The main parameters the sandbox parameter file gives for order fulfilment (its stores, warehouses and routing rule).
    private static readonly string[] OrderParameters =
        ["shopifyShops", "shipBobBaseUrl", "shipBobChannelId", "shipStationBaseUrl", "shipStationInventoryBaseUrl", "ordersRouting", "ordersStockPollInterval"];

    // local.settings.sample.json keys that belong to the local Functions host only (Flex Consumption gets them elsewhere).
    private static readonly string[] LocalHostOnlySettings = ["AzureWebJobsStorage", "FUNCTIONS_WORKER_RUNTIME"];

    // Variables the .bicepparam files read for secret parameters; cleared so the check sees the files alone.
    private static readonly string[] SecretEnvironmentVariables =
    [
        "INTEGRATION_CRM_WEBHOOK_SECRET",
        "INTEGRATION_APP_WEBHOOK_SECRET",
        "INTEGRATION_HR_WEBHOOK_SECRET",
        "INTEGRATION_SHIPBOB_WEBHOOK_SECRET",
        "INTEGRATION_SHIPSTATION_WEBHOOK_TOKEN",
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
    public async Task App_settings_are_complete_and_every_secret_looking_setting_is_a_key_vault_reference()
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

        // The order webhook sources come with their stores and warehouses (here the sandbox's): complete, and their
        // secrets (with every other secret-looking setting then written) Key Vault references too.
        var withOrders = DeployedAppSettings(fixture.Template, await SandboxOrderParameters());
        Assert.All(OrderWebhookSettings, name => Assert.True(withOrders.ContainsKey(name), $"App setting '{name}' is missing with the sandbox's stores and warehouses."));
        Assert.Equal("shopify", withOrders["Webhooks__Sources__shopify__Scheme"]);
        Assert.Equal("shipbob", withOrders["Webhooks__Sources__shipbob__Scheme"]);
        Assert.Equal("shipstation", withOrders["Webhooks__Sources__shipstation__Scheme"]);
        var orderSecretLooking = withOrders
            .Where(s => SecretMarkers.Any(marker => s.Key.Contains(marker, StringComparison.OrdinalIgnoreCase)))
            .Where(s => !settings.ContainsKey(s.Key))
            .ToList();
        // 3 shops' webhook secrets, ShipBob's and ShipStation's webhook secret; 3 shops' tokens, ShipBob's token, ShipStation's key, secret and inventory key.
        Assert.Equal(12, orderSecretLooking.Count);
        Assert.All(orderSecretLooking, s => Assert.True(
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
            .Where(p => Definition(fixture.Template, p.Value).GetProperty("type").GetString()!.StartsWith("secure", StringComparison.OrdinalIgnoreCase))
            .Select(p => p.Name)
            .ToList();
        Assert.Equal(11, secureParameters.Count);
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
    public async Task The_app_starts_with_the_deployed_defaults_once_the_company_settings_are_set(string erpSystem)
    {
        // The operator's identity targets: here the sandbox's fifteen, through the identityTargets parameter.
        var values = DeployedDefaults(fixture.Template, new Dictionary<string, object?>
        {
            ["identityTargets"] = await ParameterFileValue(SandboxTargetsParameterFile, "identityTargets"),
        });
        Assert.Contains("Erp:System", values.Keys);
        Assert.Contains("BusinessCalendar:TimeZone", values.Keys);
        Assert.Contains("Pricing:AmountTolerance", values.Keys);
        Assert.Equal("true", values["Offboarding:Enabled"]);
        Assert.Equal("rest", values["Identity:Targets:payroll_portal:Kind"]);
        values["Erp:System"] = erpSystem;
        SetWhatOperatorsAndAzureSupply(values);

        using var services = Composition(values);
        services.GetRequiredService<IStartupValidator>().Validate();

        Assert.Equal(erpSystem, services.GetRequiredService<IErpConnector>().SystemName);
        Assert.True(services.GetRequiredService<IOptions<OffboardingOptions>>().Value.Enabled);
        Assert.Equal(15, services.GetRequiredService<IOptions<IdentityOptions>>().Value.Targets.Count);
    }

    [Fact]
    public void A_deployment_with_offboarding_on_and_no_identity_targets_stops_the_app_naming_Identity_Targets()
    {
        var values = DeployedDefaults(fixture.Template);
        SetWhatOperatorsAndAzureSupply(values);

        // The template's defaults: offboarding on, like the app's own default, and no targets.
        Assert.Equal(new OffboardingOptions().Enabled.ToString().ToLowerInvariant(), values["Offboarding:Enabled"]);
        Assert.DoesNotContain(values.Keys, k => k.StartsWith("Identity:", StringComparison.OrdinalIgnoreCase));
        using var services = Composition(values);
        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Identity:Targets names no system that takes part in offboarding", error.Message, StringComparison.Ordinal);
        Assert.Contains("Offboarding:Enabled=false", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dev_parameters_start_the_app_with_offboarding_switched_off()
    {
        var parameters = await ParameterFileValues("infra/main.dev.bicepparam");
        var values = DeployedDefaults(fixture.Template, parameters);
        SetWhatOperatorsAndAzureSupply(values);

        Assert.Equal(false, parameters["offboardingEnabled"]);
        Assert.Equal("false", values["Offboarding:Enabled"]);
        using var services = Composition(values);
        services.GetRequiredService<IStartupValidator>().Validate();
        Assert.False(services.GetRequiredService<IOptions<OffboardingOptions>>().Value.Enabled);
    }

    [Fact]
    public async Task The_prod_parameters_stop_the_app_naming_Identity_Targets_until_the_operator_adds_a_target_or_switches_offboarding_off()
    {
        var parameters = await ParameterFileValues("infra/main.prod.bicepparam");
        Assert.Equal(true, parameters["offboardingEnabled"]);

        var asShipped = DeployedDefaults(fixture.Template, parameters);
        SetWhatOperatorsAndAzureSupply(asShipped);
        using (var services = Composition(asShipped))
        {
            var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());
            Assert.Contains("Identity:Targets names no system that takes part in offboarding", error.Message, StringComparison.Ordinal);
        }

        using var target = JsonDocument.Parse("""{ "entra": { "kind": "graph", "baseUrl": "https://graph.example.internal", "tokenSecretName": "identity-entra-token" } }""");
        foreach (var (name, value) in new (string, object?)[] { ("identityTargets", ArmExpressions.FromJson(target.RootElement)), ("offboardingEnabled", false) })
        {
            var decided = DeployedDefaults(fixture.Template, new Dictionary<string, object?>(parameters) { [name] = value });
            SetWhatOperatorsAndAzureSupply(decided);
            using var services = Composition(decided);
            services.GetRequiredService<IStartupValidator>().Validate();
        }
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
    public async Task Every_local_sample_setting_is_also_a_deployed_app_setting()
    {
        // The fixed settings, the identity target settings the identityTargets parameter writes for the sample's targets,
        // and the order settings (webhook sources included) the order parameters write for the sample's stores and warehouses.
        var settings = AppSettings(fixture.Template).Keys
            .Concat(IdentitySettings(fixture.Template, await ParameterFileValue(SandboxTargetsParameterFile, "identityTargets")).Keys)
            .Concat(DeployedAppSettings(fixture.Template, await SandboxOrderParameters()).Keys)
            .ToHashSet(StringComparer.Ordinal);

        var local = SampleValues().Keys.Except(LocalHostOnlySettings).ToList();
        Assert.Contains("Erp__System", local);
        Assert.Contains("Connectors__Xero__AccessToken", local);
        Assert.Contains("Identity__Targets__payroll-portal__Rest__AlreadyDoneCodes__0", local);
        Assert.All(local, name => Assert.True(
            settings.Contains(AzureSettingName(name)),
            $"local.settings.sample.json sets '{name}', which the deployment does not (as '{AzureSettingName(name)}')."));
    }

    [Fact]
    public async Task The_sandbox_order_parameters_deploy_the_local_samples_order_settings_with_tokens_from_key_vault()
    {
        var deployed = DeployedAppSettings(fixture.Template, await SandboxOrderParameters())
            .Where(p => OrderSettingPrefixes.Any(prefix => p.Key.StartsWith(prefix, StringComparison.Ordinal)))
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var sample = SampleValues()
            .Where(p => OrderSettingPrefixes.Any(prefix => p.Key.StartsWith(prefix, StringComparison.Ordinal)))
            .ToDictionary(p => AzureSettingName(p.Key), p => p.Value, StringComparer.Ordinal);

        Assert.Contains("Connectors__Shopify__Shops__store_b__AccessToken", sample.Keys);
        Assert.Contains("Webhooks__Sources__shopify__Shops__store_b__Secrets__0", sample.Keys);
        Assert.Contains("Webhooks__Sources__shipstation__ResourceBaseUrl", sample.Keys);
        // The SLA is the one order setting the sample leaves to the app's default.
        Assert.Equal(sample.Keys.Append("Orders__ShippingSla").Order(StringComparer.Ordinal), deployed.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("2.00:00:00", deployed["Orders__ShippingSla"]);
        foreach (var (name, value) in sample)
        {
            bool secret = ((string[])["AccessToken", "ApiKey", "ApiSecret", "Secrets__0"]).Any(marker => name.EndsWith(marker, StringComparison.Ordinal));
            if (secret)
            {
                Assert.True(KeyVaultReference().IsMatch(deployed[name]), $"{name} must be a Key Vault reference, but is: {deployed[name]}");
            }
            else
            {
                Assert.True(value == deployed[name], $"{name}: expected '{value}', deployed '{deployed[name]}'.");
            }
        }

        Assert.Equal($"@Microsoft.KeyVault(VaultName={Vault};SecretName=shopify-sandbox-token)", deployed["Connectors__Shopify__Shops__store_a__AccessToken"]);
        Assert.Equal($"@Microsoft.KeyVault(VaultName={Vault};SecretName=shipbob-access-token)", deployed["Connectors__ShipBob__AccessToken"]);
        Assert.Equal($"@Microsoft.KeyVault(VaultName={Vault};SecretName=shipstation-inventory-api-key)", deployed["Connectors__ShipStation__InventoryApiKey"]);
        Assert.Equal($"@Microsoft.KeyVault(VaultName={Vault};SecretName=webhooks-shopify-store-b-secret)", deployed["Webhooks__Sources__shopify__Shops__store_b__Secrets__0"]);
        Assert.Equal($"@Microsoft.KeyVault(VaultName={Vault};SecretName=webhooks-shipbob-secret)", deployed["Webhooks__Sources__shipbob__Secrets__0"]);
        Assert.Equal($"@Microsoft.KeyVault(VaultName={Vault};SecretName=webhooks-shipstation-token)", deployed["Webhooks__Sources__shipstation__Secrets__0"]);
        // One shipStationBaseUrl: the connector's API and the origin the shipstation source accepts SHIP_NOTIFY pointers from.
        Assert.Equal(deployed["Connectors__ShipStation__BaseUrl"], deployed["Webhooks__Sources__shipstation__ResourceBaseUrl"]);
    }

    [Fact]
    public async Task The_app_starts_with_the_sandbox_order_parameters_reading_the_shops_handles_back_with_hyphens()
    {
        var parameters = await SandboxOrderParameters();
        parameters["identityTargets"] = await ParameterFileValue(SandboxTargetsParameterFile, "identityTargets");
        var values = DeployedDefaults(fixture.Template, parameters);
        SetWhatOperatorsAndAzureSupply(values);

        using var services = Composition(values);
        services.GetRequiredService<IStartupValidator>().Validate();

        Assert.Equal(["store-a", "store-b", "store-c"], services.GetRequiredService<IShopifyAdmin>().Shops);
        Assert.Equal(["shipbob", "shipstation"], services.GetRequiredService<WarehouseConnectors>().All.Select(w => w.Name));
        var sources = services.GetRequiredService<IOptions<WebhookOptions>>().Value.Sources;
        Assert.Equal(["store-a", "store-b", "store-c"], sources["shopify"].Shops.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(parameters["shipStationBaseUrl"], sources["shipstation"].ResourceBaseUrl);
        Assert.Single(sources["shipbob"].Secrets);
    }

    [Fact]
    public void Without_order_parameters_the_deployment_writes_no_store_warehouse_or_order_webhook_source_and_the_defaults_for_the_rest()
    {
        var deployed = DeployedAppSettings(fixture.Template)
            .Where(p => OrderSettingPrefixes.Any(prefix => p.Key.StartsWith(prefix, StringComparison.Ordinal)))
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

        Assert.Equal(
            new Dictionary<string, string> { ["Connectors__Shopify__ApiVersion"] = "2026-01", ["Orders__ShippingSla"] = "2.00:00:00", ["Orders__Stock__PollInterval"] = "00:01:00" },
            deployed);
    }

    [Fact]
    public async Task The_sandbox_targets_given_as_the_identityTargets_parameter_deploy_the_local_samples_identity_settings()
    {
        var deployed = IdentitySettings(fixture.Template, await ParameterFileValue(SandboxTargetsParameterFile, "identityTargets"));
        var sample = SampleValues()
            .Where(p => p.Key.StartsWith(IdentityTargetsPrefix, StringComparison.Ordinal))
            .ToDictionary(p => AzureSettingName(p.Key), p => p.Value, StringComparer.Ordinal);

        Assert.Equal(15, deployed.Keys.Select(TargetName).Distinct().Count());
        Assert.Equal(sample.Keys.Order(StringComparer.Ordinal), deployed.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, value) in sample)
        {
            // The token is the one setting that differs: a Key Vault reference in Azure, the sandbox's token locally.
            var expected = name.EndsWith("__Token", StringComparison.Ordinal)
                ? $"@Microsoft.KeyVault(VaultName={Vault};SecretName=identity-sandbox-token)"
                : value;
            Assert.True(expected == deployed[name], $"{name}: expected '{expected}', deployed '{deployed[name]}'.");
        }
        Assert.All(deployed.Where(s => s.Key.EndsWith("__Token", StringComparison.Ordinal)), s => Assert.Matches(KeyVaultReference(), s.Value));
    }

    [Fact]
    public void Every_identity_target_property_becomes_its_app_setting_and_an_unset_one_none()
    {
        using var targets = JsonDocument.Parse("""
            {
              "hr_portal": {
                "kind": "rest", "baseUrl": "https://hr.example.internal/api", "tokenSecretName": "identity-hr-portal-token",
                "accountField": "employeeNumber", "departments": [ "Engineering", "Sales" ], "offboarding": true, "onboarding": false,
                "rest": {
                  "authHeader": "X-Api-Key", "authScheme": "", "revokeMethod": "DELETE", "revokeUrl": "users/{account}",
                  "revokeBody": "{\"id\":\"{account}\"}", "successCodes": [ 200, 204 ], "alreadyDoneCodes": [ 410 ], "noAccountCodes": [ 404 ],
                  "createMethod": "PUT", "createUrl": "users/{workEmail}", "createBody": "{\"name\":\"{displayName}\"}",
                  "createSuccessCodes": [ 201 ], "existsCodes": [ 409, 422 ]
                }
              },
              "github": { "kind": "github", "baseUrl": "https://github.example.internal", "tokenSecretName": "identity-github-token",
                          "organization": "acme", "offboarding": false },
              "atlassian": { "kind": "atlassian", "baseUrl": "https://atlassian.example.internal", "tokenSecretName": "identity-atlassian-token",
                             "directoryId": "dir-1" }
            }
            """);

        var settings = IdentitySettings(fixture.Template, ArmExpressions.FromJson(targets.RootElement));

        var expected = new Dictionary<string, string>
        {
            ["Identity__Targets__hr_portal__Kind"] = "rest",
            ["Identity__Targets__hr_portal__BaseUrl"] = "https://hr.example.internal/api",
            ["Identity__Targets__hr_portal__Token"] = $"@Microsoft.KeyVault(VaultName={Vault};SecretName=identity-hr-portal-token)",
            ["Identity__Targets__hr_portal__AccountField"] = "employeeNumber",
            ["Identity__Targets__hr_portal__Departments__0"] = "Engineering",
            ["Identity__Targets__hr_portal__Departments__1"] = "Sales",
            ["Identity__Targets__hr_portal__Offboarding"] = "true",
            ["Identity__Targets__hr_portal__Onboarding"] = "false",
            ["Identity__Targets__hr_portal__Rest__AuthHeader"] = "X-Api-Key",
            ["Identity__Targets__hr_portal__Rest__AuthScheme"] = "",
            ["Identity__Targets__hr_portal__Rest__RevokeMethod"] = "DELETE",
            ["Identity__Targets__hr_portal__Rest__RevokeUrl"] = "users/{account}",
            ["Identity__Targets__hr_portal__Rest__RevokeBody"] = "{\"id\":\"{account}\"}",
            ["Identity__Targets__hr_portal__Rest__SuccessCodes__0"] = "200",
            ["Identity__Targets__hr_portal__Rest__SuccessCodes__1"] = "204",
            ["Identity__Targets__hr_portal__Rest__AlreadyDoneCodes__0"] = "410",
            ["Identity__Targets__hr_portal__Rest__NoAccountCodes__0"] = "404",
            ["Identity__Targets__hr_portal__Rest__CreateMethod"] = "PUT",
            ["Identity__Targets__hr_portal__Rest__CreateUrl"] = "users/{workEmail}",
            ["Identity__Targets__hr_portal__Rest__CreateBody"] = "{\"name\":\"{displayName}\"}",
            ["Identity__Targets__hr_portal__Rest__CreateSuccessCodes__0"] = "201",
            ["Identity__Targets__hr_portal__Rest__ExistsCodes__0"] = "409",
            ["Identity__Targets__hr_portal__Rest__ExistsCodes__1"] = "422",
            ["Identity__Targets__github__Kind"] = "github",
            ["Identity__Targets__github__BaseUrl"] = "https://github.example.internal",
            ["Identity__Targets__github__Token"] = $"@Microsoft.KeyVault(VaultName={Vault};SecretName=identity-github-token)",
            ["Identity__Targets__github__Organization"] = "acme",
            ["Identity__Targets__github__Offboarding"] = "false",
            ["Identity__Targets__atlassian__Kind"] = "atlassian",
            ["Identity__Targets__atlassian__BaseUrl"] = "https://atlassian.example.internal",
            ["Identity__Targets__atlassian__Token"] = $"@Microsoft.KeyVault(VaultName={Vault};SecretName=identity-atlassian-token)",
            ["Identity__Targets__atlassian__DirectoryId"] = "dir-1",
        };
        Assert.Equal(expected.OrderBy(p => p.Key, StringComparer.Ordinal), settings.OrderBy(p => p.Key, StringComparer.Ordinal));

        // What the app binds from them: the configured values, and its own defaults where nothing was set.
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(p => KeyValuePair.Create(p.Key.Replace("__", ":", StringComparison.Ordinal), (string?)p.Value)))
            .Build();
        var identity = configuration.GetSection(IdentityOptions.Section).Get<IdentityOptions>()!;
        Assert.Equal(["Engineering", "Sales"], identity.Targets["hr_portal"].Departments);
        Assert.Equal([409, 422], identity.Targets["hr_portal"].Rest!.ExistsCodes!);
        Assert.False(identity.Targets["hr_portal"].Onboarding);
        Assert.False(identity.Targets["github"].Offboarding);
        Assert.Equal(IdentityTargetOptions.WorkEmailField, identity.Targets["github"].AccountField);
        Assert.True(identity.Targets["atlassian"].Offboarding);
        Assert.Null(identity.Targets["atlassian"].Rest);
    }

    [Fact]
    public void Identity_target_names_that_cannot_be_app_setting_names_stop_the_deployment_naming_them()
    {
        using var targets = JsonDocument.Parse("""
            {
              "payroll-portal": { "kind": "graph", "baseUrl": "https://a.example.internal", "tokenSecretName": "t" },
              "wiki__v2": { "kind": "graph", "baseUrl": "https://b.example.internal", "tokenSecretName": "t" },
              "vpn_": { "kind": "graph", "baseUrl": "https://c.example.internal", "tokenSecretName": "t" },
              "file.share": { "kind": "graph", "baseUrl": "https://d.example.internal", "tokenSecretName": "t" },
              "badge_access": { "kind": "graph", "baseUrl": "https://e.example.internal", "tokenSecretName": "t" }
            }
            """);

        // Azure refuses "-" in app setting names (and Linux turns "." into "_"); "__" and a trailing "_" would split the name.
        var error = Assert.Throws<ArmFailException>(() => IdentitySettings(fixture.Template, ArmExpressions.FromJson(targets.RootElement)));

        Assert.StartsWith("identityTargets: target name(s) ", error.Message, StringComparison.Ordinal);
        Assert.Contains("payroll-portal", error.Message, StringComparison.Ordinal);
        Assert.Contains("wiki__v2", error.Message, StringComparison.Ordinal);
        Assert.Contains("vpn_", error.Message, StringComparison.Ordinal);
        Assert.Contains("file.share", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("badge_access", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_identityTargets_parameter_takes_the_kinds_and_methods_the_app_accepts_and_no_token()
    {
        var parameter = fixture.Template.GetProperty("parameters").GetProperty("identityTargets");
        var targets = Definition(fixture.Template, parameter);
        var target = Definition(fixture.Template, targets.GetProperty("additionalProperties"));
        var properties = target.GetProperty("properties");
        var rest = Definition(fixture.Template, properties.GetProperty("rest")).GetProperty("properties");

        Assert.Empty(parameter.GetProperty("defaultValue").EnumerateObject());
        Assert.Equal(IdentityKinds.All.Order(StringComparer.Ordinal), AllowedValues(properties.GetProperty("kind")).Order(StringComparer.Ordinal));
        foreach (var method in new[] { "revokeMethod", "createMethod" })
        {
            Assert.Equal(IdentityOptionsValidator.HttpMethods.Order(StringComparer.Ordinal), AllowedValues(Definition(fixture.Template, rest.GetProperty(method))).Order(StringComparer.Ordinal));
        }

        // Sealed, with no place for a token: a parameter file that writes one does not compile; the token is read from Key Vault.
        Assert.False(target.GetProperty("additionalProperties").GetBoolean());
        Assert.DoesNotContain(properties.EnumerateObject(), p => p.Name.Equals("token", StringComparison.OrdinalIgnoreCase));
        foreach (var required in new[] { "kind", "baseUrl", "tokenSecretName" })
        {
            Assert.False(properties.GetProperty(required).TryGetProperty("nullable", out _), $"{required} must be required.");
        }
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

    /// <summary>
    /// Configuration (":" keys) from every app setting whose value the template tells for these main parameter values
    /// (else the defaults): what Azure alone knows (resource properties, unique names) is left out, and Key Vault
    /// references stay references (see <see cref="SetWhatOperatorsAndAzureSupply"/>).
    /// </summary>
    private static Dictionary<string, string?> DeployedDefaults(JsonElement template, IReadOnlyDictionary<string, object?>? mainParameters = null) =>
        DeployedAppSettings(template, mainParameters)
            .ToDictionary(p => p.Key.Replace("__", ":", StringComparison.Ordinal), p => (string?)p.Value, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The app settings a deployment writes, evaluated for these main parameter values (else the defaults) with the
    /// vault named <see cref="Vault"/>: the fixed ones whose value the template tells, and those the spreads add.
    /// </summary>
    private static Dictionary<string, string> DeployedAppSettings(JsonElement template, IReadOnlyDictionary<string, object?>? mainParameters = null)
    {
        var arm = ArmExpressions.ForModule(template, FunctionAppDeployment(template), mainParameters, new Dictionary<string, object?> { ["keyVaultName"] = Vault });
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in AppSettingParts(template))
        {
            if (part.Expression is { } spread)
            {
                foreach (var (name, value) in (IDictionary<string, object?>)arm.Evaluate(spread)!)
                {
                    settings[name] = (string)value!;
                }
                continue;
            }
            foreach (var (name, value) in part.Entries!)
            {
                try
                {
                    settings[name] = (string)arm.Evaluate(value)!;
                }
                catch (ArmUnknownValueException)
                {
                    // Known only in Azure (an endpoint, the identity's client id, the default hostname).
                }
            }
        }
        return settings;
    }

    /// <summary>The Identity__Targets__* app settings a deployment writes for this identityTargets parameter value.</summary>
    private static Dictionary<string, string> IdentitySettings(JsonElement template, object? identityTargets) =>
        DeployedAppSettings(template, new Dictionary<string, object?> { ["identityTargets"] = identityTargets })
            .Where(p => p.Key.StartsWith(IdentityTargetsPrefix, StringComparison.Ordinal))
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    /// <summary>
    /// What the app gets beyond the template's values: the company ids and the BambooHR URL an operator sets (the app
    /// checks the BambooHR URL at start-up, though the parameter defaults to empty), the values Azure fills in, and the
    /// secrets every Key Vault reference resolves to once they are in the vault.
    /// </summary>
    private static void SetWhatOperatorsAndAzureSupply(Dictionary<string, string?> values)
    {
        values["Connectors:QuickBooks:RealmId"] = "9130350000000001";
        values["Connectors:Xero:TenantId"] = "7d3c1f0e-2b4a-4c6d-9e8f-1a2b3c4d5e6f";
        values["Connectors:BambooHr:BaseUrl"] = "https://acme.bamboohr.example/api/v1/";
        values.TryAdd("Webhooks:PublicBaseUrl", "https://func-intg-test.example");
        values.TryAdd("AzureWebJobsStorage:accountName", "stintgtest");
        foreach (var (name, value) in values.ToList())
        {
            if (value is not null && KeyVaultReference().Match(value) is { Success: true } reference && reference.Value == value)
            {
                values[name] = $"secret-from-{Vault}-{value.Split("SecretName=")[1].TrimEnd(')')}";
            }
        }
    }

    /// <summary>The product's one composition over these settings, as both hosts build it.</summary>
    private static ServiceProvider Composition(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddIntegration(configuration);
        return services.BuildServiceProvider();
    }

    /// <summary>The parameter values a parameter file gives (bicep build-params), as evaluator values.</summary>
    private async Task<Dictionary<string, object?>> ParameterFileValues(string parameterFile)
    {
        var result = await fixture.RunAsync(fixture.BicepPath, ["build-params", parameterFile, "--stdout"], SecretEnvironmentVariables);
        Assert.True(result.ExitCode == 0, $"bicep build-params {parameterFile} failed:\n{result.StdErr}");
        using var output = JsonDocument.Parse(result.StdOut);
        using var parameters = JsonDocument.Parse(output.RootElement.GetProperty("parametersJson").GetString()!);
        return parameters.RootElement.GetProperty("parameters").EnumerateObject()
            .ToDictionary(p => p.Name, p => ArmExpressions.FromJson(p.Value.GetProperty("value")), StringComparer.OrdinalIgnoreCase);
    }

    private async Task<object?> ParameterFileValue(string parameterFile, string name) => (await ParameterFileValues(parameterFile))[name];

    /// <summary>The order parameters of the sandbox parameter file, as main parameter values.</summary>
    private async Task<Dictionary<string, object?>> SandboxOrderParameters()
    {
        var all = await ParameterFileValues(SandboxTargetsParameterFile);
        return OrderParameters.ToDictionary(name => name, name => all[name]);
    }

    /// <summary>local.settings.sample.json's "Values".</summary>
    private Dictionary<string, string> SampleValues()
    {
        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(fixture.RepoRoot, "local.settings.sample.json")));
        return sample.RootElement.GetProperty("Values").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
    }

    /// <summary>A local setting's name in Azure: an identity target's or a shop's name (connector or webhook) with "_" for "-", which app setting names cannot hold.</summary>
    private static string AzureSettingName(string setting)
    {
        foreach (string prefix in (string[])[IdentityTargetsPrefix, ShopifyShopsPrefix, ShopifyWebhookShopsPrefix])
        {
            if (setting.StartsWith(prefix, StringComparison.Ordinal))
            {
                string name = setting[prefix.Length..].Split("__")[0];
                return prefix + name.Replace('-', '_') + setting[(prefix.Length + name.Length)..];
            }
        }

        return setting;
    }


    private static readonly string[] DevelopmentShops = ["store-a", "store-b", "store-c"];

    /// <summary>A shopifyShops parameter value: these shop keys, each with a connector and, when given, its own webhook secret name.</summary>
    private static object? Shops(IEnumerable<string> keys, string? webhookSecretName = null)
    {
        using var shops = JsonDocument.Parse(JsonSerializer.Serialize(keys.ToDictionary(
            key => key,
            key => webhookSecretName is null
                ? (object)new { baseUrl = $"https://{key.Replace('_', '-')}.myshopify.example", accessTokenSecretName = "shopify-token" }
                : new { baseUrl = $"https://{key.Replace('_', '-')}.myshopify.example", accessTokenSecretName = "shopify-token", webhookSecretName })));
        return ArmExpressions.FromJson(shops.RootElement);
    }

    /// <summary>The Webhooks__Sources__shopify__* app settings a deployment writes for this shopifyShops parameter value.</summary>
    private static Dictionary<string, string> ShopifySettings(JsonElement template, object? shops) =>
        DeployedAppSettings(template, new Dictionary<string, object?> { ["shopifyShops"] = shops })
            .Where(p => p.Key.StartsWith("Webhooks__Sources__shopify__", StringComparison.Ordinal))
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    [Fact]
    public void Each_shopify_shop_gets_its_key_vault_secret_under_a_name_app_settings_allow()
    {
        // Written with "-" or with "_", a store's handle is the same: "_" in app setting names, "-" in Key Vault names.
        foreach (var keys in new[] { DevelopmentShops, DevelopmentShops.Select(shop => shop.Replace('-', '_')).ToArray() })
        {
            var settings = ShopifySettings(fixture.Template, Shops(keys));

            Assert.Equal("shopify", settings["Webhooks__Sources__shopify__Scheme"]);
            Assert.Equal(
                $"@Microsoft.KeyVault(VaultName={Vault};SecretName=webhooks-shopify-store-a-secret)",
                settings["Webhooks__Sources__shopify__Shops__store_a__Secrets__0"]);
            Assert.Equal(4, settings.Count);
            // The same entry is the store's connector.
            var all = DeployedAppSettings(fixture.Template, new Dictionary<string, object?> { ["shopifyShops"] = Shops(keys) });
            Assert.Equal("https://store-a.myshopify.example", all["Connectors__Shopify__Shops__store_a__BaseUrl"]);
        }
        Assert.Empty(ShopifySettings(fixture.Template, Shops([])));
    }

    [Fact]
    public void A_store_that_names_its_webhook_secret_gets_that_key_vault_secret()
    {
        var settings = ShopifySettings(fixture.Template, Shops(["store-a"], webhookSecretName: "shopify-app-client-secret"));

        Assert.Equal(
            $"@Microsoft.KeyVault(VaultName={Vault};SecretName=shopify-app-client-secret)",
            settings["Webhooks__Sources__shopify__Shops__store_a__Secrets__0"]);
    }

    [Fact]
    public void A_shopify_shop_that_is_not_a_shop_handle_stops_the_deployment()
    {
        var error = Assert.Throws<ArmFailException>(() => ShopifySettings(fixture.Template, Shops(["store-a", "Store_B.myshopify.com"])));

        Assert.Contains("Store_B.myshopify.com", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("store-a", error.Message, StringComparison.Ordinal);

        // "--" would be written "__", the section separator; one shop given twice would write its settings twice.
        error = Assert.Throws<ArmFailException>(() => ShopifySettings(fixture.Template, Shops(["store--c", "store-d", "store_d", "store-e"])));
        Assert.Contains("store--c", error.Message, StringComparison.Ordinal);
        Assert.Contains("store-d, store_d", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("store-e", error.Message, StringComparison.Ordinal);
    }

    private static string TargetName(string setting) =>
        setting[IdentityTargetsPrefix.Length..].Split("__")[0];

    /// <summary>A type definition: the element itself, or the definition its "$ref" names.</summary>
    private static JsonElement Definition(JsonElement template, JsonElement element) =>
        element.TryGetProperty("$ref", out var reference)
            ? Definition(template, template.GetProperty("definitions").GetProperty(reference.GetString()!["#/definitions/".Length..]))
            : element;

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

    /// <summary>
    /// The fixed app settings (name and value as the template writes it) from sites/config 'appsettings' resources, a
    /// literal object or the createObject(...) parts of an object spread, and from siteConfig.appSettings arrays.
    /// </summary>
    private static Dictionary<string, string> AppSettings(JsonElement template)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in AppSettingParts(template).SelectMany(part => part.Entries ?? []))
        {
            settings[name] = value;
        }
        foreach (var resource in Resources(template))
        {
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

    /// <summary>The parts of the sites/config 'appsettings' properties: one literal object, or a spread's parts.</summary>
    private static List<ObjectPart> AppSettingParts(JsonElement template)
    {
        var parts = new List<ObjectPart>();
        foreach (var resource in Resources(template))
        {
            if (Type(resource) == "Microsoft.Web/sites/config"
                && resource.GetProperty("name").GetString()!.Contains("appsettings", StringComparison.OrdinalIgnoreCase))
            {
                var properties = resource.GetProperty("properties");
                parts.AddRange(properties.ValueKind == JsonValueKind.String
                    ? ArmExpressions.MergedObjectParts(properties.GetString()!)
                    : [new ObjectPart(properties.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.ToString())).ToList(), null)]);
            }
        }
        return parts;
    }

    // ---- App Service authentication (Entra ID) for the operations API -----------------------------------------

    [Fact]
    public void Without_an_entra_client_id_there_is_no_app_service_authentication_and_the_principal_header_is_not_believed()
    {
        var arm = FunctionAppModule(fixture.Template, new Dictionary<string, object?>());

        Assert.Equal(false, arm.Evaluate(AuthSettings(fixture.Template).GetProperty("condition")));
        Assert.Equal("false", DeployedAppSettings(fixture.Template)["Operations__TrustAppServiceAuthentication"]);
    }

    [Fact]
    public void With_an_entra_client_id_every_route_but_the_public_ones_needs_a_token_and_the_principal_header_is_believed()
    {
        const string clientId = "11111111-2222-3333-4444-555555555555";
        var main = new Dictionary<string, object?> { ["operationsEntraClientId"] = clientId };
        var arm = FunctionAppModule(fixture.Template, main);
        var auth = AuthSettings(fixture.Template);
        var properties = auth.GetProperty("properties");
        var validation = properties.GetProperty("globalValidation");

        Assert.Equal(true, arm.Evaluate(auth.GetProperty("condition")));
        Assert.Equal("true", DeployedAppSettings(fixture.Template, main)["Operations__TrustAppServiceAuthentication"]);
        Assert.True(properties.GetProperty("platform").GetProperty("enabled").GetBoolean());
        Assert.True(validation.GetProperty("requireAuthentication").GetBoolean());
        Assert.Equal("Return401", validation.GetProperty("unauthenticatedClientAction").GetString());
        var entra = properties.GetProperty("identityProviders").GetProperty("azureActiveDirectory");
        Assert.Equal(clientId, arm.Evaluate(entra.GetProperty("registration").GetProperty("clientId")));
        Assert.Contains($"api://{clientId}", arm.Strings(entra.GetProperty("validation").GetProperty("allowedAudiences")));

        // Excluded: exactly the routes anyone may call (webhooks check their signatures, health is probed).
        var excluded = arm.Strings(validation.GetProperty("excludedPaths"));
        foreach (var route in ProductRoutes.All)
        {
            string path = "/" + ProductRoutes.Prefix + "/" + RouteParameter().Replace(route.Template, "sample");
            bool isExcluded = excluded.Any(e => e.EndsWith("/*", StringComparison.Ordinal)
                ? path.StartsWith(e[..^1], StringComparison.OrdinalIgnoreCase)
                : string.Equals(path, e, StringComparison.OrdinalIgnoreCase));
            Assert.True(isExcluded == (route.Access == RouteAccess.Public), $"{route.Name} ({path}, {route.Access}) is {(isExcluded ? "" : "not ")}excluded from App Service authentication.");
        }
    }

    [Fact]
    public void Operations_keys_become_hash_settings_the_app_accepts_and_none_by_default()
    {
        using var keys = JsonDocument.Parse(JsonSerializer.Serialize(new object[]
        {
            new { name = "support team", role = "operator", hash = OperationsKeyHash.Of("key-1") },
            new { name = "auditors", role = "reader", hash = OperationsKeyHash.Of("key-2") },
        }));

        var settings = DeployedAppSettings(fixture.Template, new Dictionary<string, object?> { ["operationsKeys"] = ArmExpressions.FromJson(keys.RootElement) });

        Assert.Equal("support team", settings["Operations__Keys__0__Name"]);
        Assert.Equal("reader", settings["Operations__Keys__1__Role"]);
        Assert.Equal(OperationsKeyHash.Of("key-2"), settings["Operations__Keys__1__Hash"]);
        var options = new OperationsOptions();
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Where(s => s.Key.StartsWith("Operations__Keys__", StringComparison.Ordinal))
                .Select(s => KeyValuePair.Create(s.Key.Replace("__", ":", StringComparison.Ordinal), (string?)s.Value)))
            .Build().GetSection(OperationsOptions.Section).Bind(options);
        Assert.Equal(2, options.Keys.Count);
        Assert.True(new OperationsOptionsValidator().Validate(null, options).Succeeded);
        Assert.DoesNotContain(DeployedAppSettings(fixture.Template).Keys, k => k.StartsWith("Operations__Keys__", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();

    private static ArmExpressions FunctionAppModule(JsonElement template, IReadOnlyDictionary<string, object?> mainParameters) =>
        ArmExpressions.ForModule(template, FunctionAppDeployment(template), mainParameters, new Dictionary<string, object?> { ["keyVaultName"] = Vault });

    private static JsonElement AuthSettings(JsonElement template) =>
        Assert.Single(Resources(template), r => Type(r) == "Microsoft.Web/sites/config"
            && r.GetProperty("name").GetString()!.Contains("authsettingsV2", StringComparison.OrdinalIgnoreCase));
}
