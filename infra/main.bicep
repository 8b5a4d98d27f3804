metadata name = 'Integration workflow orchestrator'
metadata description = 'Deploys the durable integration-workflow orchestrator: Flex Consumption function app (.NET 10 isolated), identity-based storage (task hub, queues, tables), Key Vault for secrets, Application Insights + Log Analytics, and an optional poison-queue alert. See docs/deploy.md.'

targetScope = 'resourceGroup'

import { builtInRoleIds, identityTargetsType, operationsKeyType, ordersRoutingType, secretNames, shopifyShopsType } from 'modules/shared.bicep'

// ---------------------------------------------------------------------------------------------
// Naming and placement
// ---------------------------------------------------------------------------------------------

@description('Required. Short workload prefix used in every resource name (2-8 lowercase letters or digits, e.g. "intg").')
@minLength(2)
@maxLength(8)
param namePrefix string

@description('Required. Deployment environment; part of every resource name.')
@allowed([
  'dev'
  'test'
  'prod'
])
param environmentName string

@description('Optional. Azure region for all resources. Must offer the Flex Consumption plan.')
param location string = resourceGroup().location

@description('Optional. Extra tags applied to every resource.')
param tags object = {}

// ---------------------------------------------------------------------------------------------
// Storage
// ---------------------------------------------------------------------------------------------

@description('Optional. Storage redundancy for the AzureWebJobsStorage account.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
  'Standard_RAGRS'
  'Standard_RAGZRS'
])
param storageSkuName string = 'Standard_LRS'

@description('Optional. Durable Functions task hub (3-40 letters or digits, starting with a letter). The app names its own queues and tables from it ("<hub>-events", "<Hub>DeadLetters", ...), so deployments that share a storage account need different hubs.')
@minLength(3)
@maxLength(40)
param taskHubName string = 'IntegrationHub'

// ---------------------------------------------------------------------------------------------
// Function app
// ---------------------------------------------------------------------------------------------

@description('Optional. Memory per Flex Consumption instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Optional. Maximum number of Flex Consumption instances the app scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Optional. Public https base URL of the app as webhook senders see it (custom domain or front end), no trailing slash. Empty uses https://<function app default hostname>.')
param publicBaseUrl string = ''

@description('Optional. HubSpot API base URL.')
param hubSpotBaseUrl string = 'https://api.hubapi.com'

@description('Optional. BambooHR API base URL for the company, "https://<companyDomain>.bamboohr.com/api/v1/" (the connector appends "employees/..."). Empty until the HR workflows are used.')
param bambooHrBaseUrl string = ''

@description('Optional. QuickBooks Online API base URL (production by default; use the sandbox URL for dev).')
param quickBooksBaseUrl string = 'https://quickbooks.api.intuit.com'

@description('Optional. QuickBooks company (realm) ID. Not a secret.')
param quickBooksRealmId string = ''

// ---------------------------------------------------------------------------------------------
// ERP
// ---------------------------------------------------------------------------------------------

@description('Optional. ERP that invoices are booked into. Only the selected ERP\'s connector settings are checked when the app starts.')
@allowed([
  'quickbooks'
  'xero'
])
param erpSystem string = 'quickbooks'

@description('Optional. What a deal that leaves closed-won does to its invoice: void it, or issue a credit note.')
@allowed([
  'void'
  'credit'
])
param erpReopenReversal string = 'void'

@description('Optional. Xero API root, without "/api.xro/2.0" (the connector appends it). Used when erpSystem is "xero".')
param xeroBaseUrl string = 'https://api.xero.com'

@description('Optional. Xero organisation (tenant) ID, a GUID. Not a secret. Required when erpSystem is "xero".')
param xeroTenantId string = ''

@description('Optional. Xero revenue account code for invoice and credit-note lines. Empty sends none (every item then needs its own sales account).')
param xeroSalesAccountCode string = '200'

// ---------------------------------------------------------------------------------------------
// Business settings (the company's own; the app checks them at start-up)
// ---------------------------------------------------------------------------------------------

@description('Optional. Company time zone as an IANA id (e.g. "America/New_York", "Europe/London"). Sets the invoicing window and the holiday dates.')
param businessCalendarTimeZone string = 'America/New_York'

@description('Optional. Public-holiday region: a file <region>.json in config/holidays (e.g. "us", "gb-eng"), or "none".')
param businessCalendarRegion string = 'us'

@description('Optional. Largest difference, in the deal currency, between the invoice total and the deal amount that is invoiced without review. A decimal number as text, "." as separator.')
param pricingAmountTolerance string = '0.01'

// ---------------------------------------------------------------------------------------------
// Offboarding and identity targets (the app checks them at start-up; docs/identity-targets.md)
// ---------------------------------------------------------------------------------------------

@description('Optional. Whether the app offboards leavers. On (the default) needs at least one identity target that takes part in offboarding, or the app stops at start-up naming Identity:Targets. Off ends every termination "offboarding-disabled", saying so.')
param offboardingEnabled bool = true

@description('Optional. Identity targets by name (letters and digits, optionally joined by single underscores): { kind, baseUrl, tokenSecretName, accountField?, departments?, offboarding?, onboarding?, organization?, directoryId?, rest? }. The token goes into Key Vault under tokenSecretName, never here.')
param identityTargets identityTargetsType = {}

// ---------------------------------------------------------------------------------------------
// Order fulfilment: stores, warehouses and the routing rule (the app checks them at start-up; README "Order fulfilment")
// ---------------------------------------------------------------------------------------------

@description('Optional. Shopify Admin API version every store is called with.')
param shopifyApiVersion string = '2026-01'

@description('Optional. Shopify stores by shop handle (the domain without .myshopify.com; "store_a" or \'store-a\', the same shop): { baseUrl: "https://<shop>.myshopify.com", accessTokenSecretName, webhookSecretName? }. Each store gets its connector and its "shopify" webhook source entry; the Admin API token goes into Key Vault under accessTokenSecretName and the webhook secret under webhookSecretName (default "webhooks-shopify-<shop>-secret"), never here. An invalid handle stops the deployment. None: the app takes no orders and has no "shopify" source.')
param shopifyShops shopifyShopsType = {}

@description('Optional. ShipBob API root, without the version (e.g. "https://api.shipbob.com"). Set: ShipBob is a warehouse and the "shipbob" webhook source exists; its token goes into Key Vault as "shipbob-access-token", the webhook secret as "webhooks-shipbob-secret". Empty: neither.')
param shipBobBaseUrl string = ''

@description('Optional. ShipBob channel id (digits) orders are created in. Required when shipBobBaseUrl is set.')
param shipBobChannelId string = ''

@description('Optional. ShipStation v1 API root (e.g. "https://ssapi.shipstation.com"). Set: ShipStation is a warehouse and the "shipstation" webhook source exists, fetching SHIP_NOTIFY resource_urls only from this origin; the key and secret go into Key Vault as "shipstation-api-key" and "shipstation-api-secret", the webhook token as "webhooks-shipstation-token". Empty: neither.')
param shipStationBaseUrl string = ''

@description('Optional. ShipStation v2 API root, for accounts with the Inventory add-on (key in Key Vault as "shipstation-inventory-api-key"). Empty: no stock API; ShipStation stock counts as unlimited.')
param shipStationInventoryBaseUrl string = ''

@description('Optional. Warehouse routing rule: by "US", "US_CA" or "default", the warehouses most preferred first, e.g. { US: ["shipbob", "shipstation"], default: ["shipstation", "shipbob"] }. Every name must be a warehouse configured above, and a non-empty rule needs "default".')
param ordersRouting ordersRoutingType = {}

@description('Optional. How long a warehouse may take to ship an order before an alert (a TimeSpan, "d.hh:mm:ss").')
param ordersShippingSla string = '2.00:00:00'

@description('Optional. How often warehouse stock is read and pushed to the stores (a TimeSpan).')
param ordersStockPollInterval string = '00:01:00'

// ---------------------------------------------------------------------------------------------
// Key Vault
// ---------------------------------------------------------------------------------------------

@description('Optional. Enable Key Vault purge protection (recommended for prod; irreversible once on).')
param keyVaultEnablePurgeProtection bool = true

@description('Optional. Days a deleted vault or secret stays recoverable.')
@minValue(7)
@maxValue(90)
param keyVaultSoftDeleteRetentionInDays int = 90

@description('Optional. Object IDs of users or groups that may write secrets (Key Vault Secrets Officer), e.g. the operators who rotate tokens.')
param keyVaultSecretsOfficerPrincipalIds string[] = []

// Secret values: optional, never in parameter files, never in outputs. A secret is written only
// when its value is supplied; otherwise put it into Key Vault afterwards (docs/deploy.md).

@description('Optional. HubSpot webhook signing secret (client secret of the HubSpot app) for source "crm".')
@secure()
param crmWebhookSecret string = ''

@description('Optional. Standard Webhooks signing secret ("whsec_...") for source "app".')
@secure()
param appWebhookSecret string = ''

@description('Optional. BambooHR webhook private key for source "hr" (shown once when the webhook is created).')
@secure()
param hrWebhookSecret string = ''

@description('Optional. ShipBob webhook signing secret ("whsec_...", Standard Webhooks) for source "shipbob", which exists when shipBobBaseUrl is set.')
@secure()
param shipBobWebhookSecret string = ''

@description('Optional. The secret token ShipStation calls the "shipstation" source with (?token=<value> in the webhook URL; ShipStation v1 signs nothing). The source exists when shipStationBaseUrl is set.')
@secure()
param shipStationWebhookToken string = ''

@description('Optional. HubSpot private-app access token.')
@secure()
param hubSpotAccessToken string = ''

@description('Optional. BambooHR API key (sent as the Basic auth user name).')
@secure()
param bambooHrApiKey string = ''

@description('Optional. QuickBooks Online OAuth access token.')
@secure()
param quickBooksAccessToken string = ''

@description('Optional. Xero OAuth access token (needed when erpSystem is "xero").')
@secure()
param xeroAccessToken string = ''

@description('Optional. Alert webhook URL (may embed a token).')
@secure()
param alertsWebhookUrl string = ''

@description('Optional. API key for the operations endpoints.')
@secure()
param operationsApiKey string = ''

@description('Optional. Operations API keys by hash, several per role so a key can be rotated: add the new one, move its holders over, remove the old one. Not secrets: only hashes are given.')
param operationsKeys operationsKeyType[] = []

@description('Optional. Client ID of the Entra ID app registration for the operations API. Set: App Service authentication (Entra ID) guards every route except the webhooks and /api/health (no token: 401), and the app takes the caller\'s role from the app roles Operations.Reader and Operations.Operator. Empty: no App Service authentication, operations keys only.')
param operationsEntraClientId string = ''

@description('Optional. Tenant ID of that app registration; defaults to the deployment\'s tenant.')
param operationsEntraTenantId string = tenant().tenantId

// ---------------------------------------------------------------------------------------------
// Monitoring and alerting
// ---------------------------------------------------------------------------------------------

@description('Optional. Log Analytics data retention in days.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

@description('Optional. Create a log search alert that fires when messages are moved to the poison queue.')
param enablePoisonQueueAlert bool = false

@description('Optional. E-mail addresses notified by the poison-queue alert.')
param alertEmailAddresses string[] = []

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

var prefix = toLower(namePrefix)
var token = uniqueString(resourceGroup().id, prefix, environmentName)
var baseName = '${prefix}-${environmentName}'

var names = {
  identity: 'id-${baseName}-${token}'
  storage: take('st${replace(prefix, '-', '')}${environmentName}${token}', 24)
  logAnalytics: 'log-${baseName}-${token}'
  appInsights: 'appi-${baseName}-${token}'
  keyVault: take('kv-${baseName}-${token}', 24)
  plan: 'asp-${baseName}-${token}'
  functionApp: 'func-${baseName}-${token}'
  poisonAlert: 'alert-${baseName}-poison-queue'
}

var allTags = union(tags, {
  workload: 'integration-orchestrator'
  environment: environmentName
})

var deploymentContainerName = 'app-package'

// The app's tables are "<hub><suffix>" and its queue "<hub in lower case>-events" (StorageNames in the code).
var tableSuffixes = [
  'DeadLetters'
  'ApiCallLog'
  'CrossReferences'
  'ReceivedEvents'
  'OffboardingEvidence'
  'ReviewClaims'
  'Audit'
  'Alerts'
  'StockLedger'
  'StoreStock'
]
var tableNames = [for suffix in tableSuffixes: '${taskHubName}${suffix}']
var eventsQueueName = '${toLower(taskHubName)}-events'
var eventsPoisonQueueName = '${eventsQueueName}-poison'

// ---------------------------------------------------------------------------------------------
// Modules
// ---------------------------------------------------------------------------------------------

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: names.identity
    location: location
    tags: allTags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: names.storage
    location: location
    tags: allTags
    skuName: storageSkuName
    deploymentContainerName: deploymentContainerName
    queueNames: [
      eventsQueueName
      eventsPoisonQueueName
    ]
    tableNames: tableNames
    roleAssignments: [
      {
        principalId: identity.outputs.principalId
        roleDefinitionId: builtInRoleIds.storageBlobDataOwner
        principalType: 'ServicePrincipal'
        description: 'Function app: host state, Durable task hub blobs, deployment package.'
      }
      {
        principalId: identity.outputs.principalId
        roleDefinitionId: builtInRoleIds.storageQueueDataContributor
        principalType: 'ServicePrincipal'
        description: 'Function app: integration queues and Durable task hub queues.'
      }
      {
        principalId: identity.outputs.principalId
        roleDefinitionId: builtInRoleIds.storageTableDataContributor
        principalType: 'ServicePrincipal'
        description: 'Function app: app tables and Durable task hub history/instances tables.'
      }
    ]
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    logAnalyticsName: names.logAnalytics
    appInsightsName: names.appInsights
    location: location
    tags: allTags
    retentionInDays: logRetentionInDays
    roleAssignments: [
      {
        principalId: identity.outputs.principalId
        roleDefinitionId: builtInRoleIds.monitoringMetricsPublisher
        principalType: 'ServicePrincipal'
        description: 'Function app: Entra ID authenticated telemetry ingestion.'
      }
    ]
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    name: names.keyVault
    location: location
    tags: allTags
    enablePurgeProtection: keyVaultEnablePurgeProtection
    softDeleteRetentionInDays: keyVaultSoftDeleteRetentionInDays
    secretValues: {
      '${secretNames.crmWebhookSecret}': crmWebhookSecret
      '${secretNames.appWebhookSecret}': appWebhookSecret
      '${secretNames.hrWebhookSecret}': hrWebhookSecret
      '${secretNames.shipBobWebhookSecret}': shipBobWebhookSecret
      '${secretNames.shipStationWebhookToken}': shipStationWebhookToken
      '${secretNames.hubSpotAccessToken}': hubSpotAccessToken
      '${secretNames.bambooHrApiKey}': bambooHrApiKey
      '${secretNames.quickBooksAccessToken}': quickBooksAccessToken
      '${secretNames.xeroAccessToken}': xeroAccessToken
      '${secretNames.alertsWebhookUrl}': alertsWebhookUrl
      '${secretNames.operationsApiKey}': operationsApiKey
    }
    roleAssignments: concat(
      [
        {
          principalId: identity.outputs.principalId
          roleDefinitionId: builtInRoleIds.keyVaultSecretsUser
          principalType: 'ServicePrincipal'
          description: 'Function app: resolve Key Vault references in app settings.'
        }
      ],
      map(keyVaultSecretsOfficerPrincipalIds, principalId => {
        principalId: principalId
        roleDefinitionId: builtInRoleIds.keyVaultSecretsOfficer
        description: 'Operator: set and rotate integration secrets.'
      })
    )
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  dependsOn: [
    storage
    monitoring
    keyVault
  ]
  params: {
    name: names.functionApp
    planName: names.plan
    location: location
    tags: allTags
    identityResourceId: identity.outputs.resourceId
    identityClientId: identity.outputs.clientId
    // Names, not module outputs, so What-If can predict the existing-resource lookups; dependsOn
    // keeps the order: the identity's role assignments exist before the app first starts.
    storageAccountName: names.storage
    deploymentContainerName: deploymentContainerName
    appInsightsName: names.appInsights
    keyVaultName: names.keyVault
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    publicBaseUrl: publicBaseUrl
    taskHubName: taskHubName
    eventsQueueName: eventsQueueName
    hubSpotBaseUrl: hubSpotBaseUrl
    bambooHrBaseUrl: bambooHrBaseUrl
    quickBooksBaseUrl: quickBooksBaseUrl
    quickBooksRealmId: quickBooksRealmId
    erpSystem: erpSystem
    erpReopenReversal: erpReopenReversal
    xeroBaseUrl: xeroBaseUrl
    xeroTenantId: xeroTenantId
    xeroSalesAccountCode: xeroSalesAccountCode
    businessCalendarTimeZone: businessCalendarTimeZone
    businessCalendarRegion: businessCalendarRegion
    pricingAmountTolerance: pricingAmountTolerance
    offboardingEnabled: offboardingEnabled
    identityTargets: identityTargets
    shopifyApiVersion: shopifyApiVersion
    shopifyShops: shopifyShops
    shipBobBaseUrl: shipBobBaseUrl
    shipBobChannelId: shipBobChannelId
    shipStationBaseUrl: shipStationBaseUrl
    shipStationInventoryBaseUrl: shipStationInventoryBaseUrl
    ordersRouting: ordersRouting
    ordersShippingSla: ordersShippingSla
    ordersStockPollInterval: ordersStockPollInterval
    operationsKeys: operationsKeys
    entraClientId: operationsEntraClientId
    entraTenantId: operationsEntraTenantId
  }
}

module poisonQueueAlert 'modules/alerts.bicep' = if (enablePoisonQueueAlert) {
  name: 'poison-queue-alert'
  params: {
    alertName: names.poisonAlert
    appInsightsResourceId: monitoring.outputs.appInsightsResourceId
    poisonQueueName: eventsPoisonQueueName
    location: location
    tags: allTags
    emailAddresses: alertEmailAddresses
  }
}

// ---------------------------------------------------------------------------------------------
// Outputs (names only; never secrets)
// ---------------------------------------------------------------------------------------------

@description('Name of the function app (for publishing: func azure functionapp publish <name>).')
output functionAppName string = functionApp.outputs.name

@description('Default hostname of the function app.')
output functionAppDefaultHostName string = functionApp.outputs.defaultHostName

@description('Public base URL used to verify webhook signatures; webhooks are at <url>/api/v1/webhooks/{source}.')
output webhooksPublicBaseUrl string = functionApp.outputs.publicBaseUrl

@description('Name of the AzureWebJobsStorage account.')
output storageAccountName string = storage.outputs.name

@description('Name of the Key Vault that holds the secrets.')
output keyVaultName string = keyVault.outputs.name
