metadata name = 'Function app (Flex Consumption)'
metadata description = 'Flex Consumption (FC1) plan and the .NET 10 isolated function app: user-assigned identity, HTTPS only, TLS 1.2, FTP and basic publishing credentials off, identity-based AzureWebJobsStorage and Key Vault references for every secret.'

import { identityTargetsType, operationsKeyType, ordersRoutingType, secretNames, shopifyShopsType } from 'shared.bicep'

@description('Required. Name of the function app (globally unique; becomes <name>.azurewebsites.net unless a unique default hostname is assigned).')
@maxLength(60)
param name string

@description('Required. Name of the Flex Consumption plan.')
param planName string

@description('Optional. Location for the plan and the app.')
param location string = resourceGroup().location

@description('Optional. Tags for the plan and the app.')
param tags object = {}

@description('Required. Resource ID of the user-assigned managed identity the app runs as.')
param identityResourceId string

@description('Required. Client ID of that identity (AzureWebJobsStorage__clientId and Application Insights authentication).')
param identityClientId string

@description('Required. Name of the storage account used as AzureWebJobsStorage (same resource group).')
param storageAccountName string

@description('Required. Blob container in that account that Flex Consumption deploys the app package into.')
param deploymentContainerName string

@description('Required. Name of the Application Insights component (same resource group).')
param appInsightsName string

@description('Required. Name of the Key Vault that holds the secrets referenced by app settings.')
param keyVaultName string

@description('Optional. .NET isolated worker version.')
@allowed([
  '8.0'
  '9.0'
  '10.0'
])
param dotnetVersion string = '10.0'

@description('Optional. Memory per instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Optional. Upper bound for scale-out instances.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Optional. Public https base URL callers use to reach the app (custom domain or front end), without a trailing slash. Empty means https://<default hostname>.')
param publicBaseUrl string = ''

@description('Required. Durable Functions task hub; overrides host.json so the app and its storage names agree.')
param taskHubName string

@description('Required. The events queue the queue triggers read ("<hub in lower case>-events"); the app checks it matches the hub at start-up.')
param eventsQueueName string

@description('Required. HubSpot API base URL.')
param hubSpotBaseUrl string

@description('Optional. BambooHR API base URL of the company ("https://<companyDomain>.bamboohr.com/api/v1/").')
param bambooHrBaseUrl string = ''

@description('Required. QuickBooks Online API base URL (production or sandbox).')
param quickBooksBaseUrl string

@description('Optional. QuickBooks company (realm) ID. Not a secret.')
param quickBooksRealmId string = ''

@description('Optional. ERP that invoices are booked into.')
@allowed([
  'quickbooks'
  'xero'
])
param erpSystem string = 'quickbooks'

@description('Optional. How a re-opened deal takes back its invoice: void it or issue a credit note.')
@allowed([
  'void'
  'credit'
])
param erpReopenReversal string = 'void'

@description('Required. Xero API root without "/api.xro/2.0" (the connector appends it).')
param xeroBaseUrl string

@description('Optional. Xero organisation (tenant) ID, a GUID. Not a secret.')
param xeroTenantId string = ''

@description('Optional. Xero revenue account code for invoice and credit-note lines; empty sends none.')
param xeroSalesAccountCode string = '200'

@description('Optional. Company time zone (IANA id).')
param businessCalendarTimeZone string = 'America/New_York'

@description('Optional. Public-holiday region (a file in config/holidays), or "none".')
param businessCalendarRegion string = 'us'

@description('Optional. Largest invoice-total vs deal-amount difference invoiced without review, as decimal text.')
param pricingAmountTolerance string = '0.01'

@description('Optional. Whether the app offboards leavers (Offboarding__Enabled). On with no target that takes part in offboarding stops the app at start-up, naming Identity:Targets.')
param offboardingEnabled bool = true

@description('Optional. Identity targets by name, written as Identity__Targets__<name>__<Setting> app settings; each token is a Key Vault reference to the target\'s tokenSecretName.')
param identityTargets identityTargetsType = {}

@description('Optional. Shopify Admin API version every store is called with (Connectors__Shopify__ApiVersion).')
param shopifyApiVersion string = '2026-01'

@description('Optional. Shopify stores by shop handle ("-" or "_" alike; written "_" in setting names): Connectors__Shopify__Shops__<shop>__BaseUrl and __AccessToken (a Key Vault reference to accessTokenSecretName), and the "shopify" webhook source\'s Webhooks__Sources__shopify__Shops__<shop>__Secrets__0 (a Key Vault reference to webhookSecretName, default "webhooks-shopify-<shop>-secret"). None: no orders and no "shopify" source.')
param shopifyShops shopifyShopsType = {}

@description('Optional. ShipBob API root without the version. Set: ShipBob is a warehouse (Connectors__ShipBob__*) and the "shipbob" webhook source exists. Empty: neither.')
param shipBobBaseUrl string = ''

@description('Optional. ShipBob channel id orders are created in (digits). Required when shipBobBaseUrl is set.')
param shipBobChannelId string = ''

@description('Optional. ShipBob dated API version.')
param shipBobApiVersion string = '2026-01'

@description('Optional. ShipStation v1 API root. Set: ShipStation is a warehouse (Connectors__ShipStation__*) and the "shipstation" webhook source exists, accepting SHIP_NOTIFY pointers only to this origin (ResourceBaseUrl). Empty: neither.')
param shipStationBaseUrl string = ''

@description('Optional. ShipStation v2 API root for the Inventory add-on (the connector appends "/inventory"). Empty: the account has no stock API, and the app treats ShipStation stock as unlimited.')
param shipStationInventoryBaseUrl string = ''

@description('Optional. The warehouse routing rule, written as Orders__Routing__<key>__<index>. Its names must be warehouses configured above, or the app stops at start-up naming the rule.')
param ordersRouting ordersRoutingType = {}

@description('Optional. How long a warehouse may take to ship an order before an alert (Orders__ShippingSla, a TimeSpan).')
param ordersShippingSla string = '2.00:00:00'

@description('Optional. How often warehouse stock is read and pushed to the stores (Orders__Stock__PollInterval, a TimeSpan).')
param ordersStockPollInterval string = '00:01:00'

@description('Optional. Operations API keys by hash, written as Operations__Keys__<index>__Name|Role|Hash app settings.')
param operationsKeys operationsKeyType[] = []

@description('Optional. Client ID of the Entra ID app registration for the operations API. Set: App Service authentication in front of the app (authsettingsV2) and Operations__TrustAppServiceAuthentication=true. Empty: neither.')
param entraClientId string = ''

@description('Optional. Tenant ID of that app registration (the issuer is this tenant\'s v2.0 endpoint in the deployment\'s cloud).')
param entraTenantId string = ''

@description('Optional. Allow basic-auth (publishing profile) credentials on the SCM endpoint. Keep false: zip deploy and Core Tools publish with an Entra ID token.')
param allowScmBasicAuth bool = false

resource storageAccount 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

// HubSpot v3 signs the full request URI, so the app must know the URL its callers used.
var effectivePublicBaseUrl = empty(publicBaseUrl) ? 'https://${functionApp.properties.defaultHostName}' : publicBaseUrl

// A store is named once, in shopifyShops: its connector settings and its "shopify" webhook secret both come from that entry.
// App setting names on Linux allow no "-", so a shop's "-" is written "_" (shop handles hold no "_"; the app reads it back
// as "-"); Key Vault secret names allow no "_", so the default webhook secret name uses the handle with "-". A "--" would
// become "__", the section separator, so such a handle is refused rather than misread.
var shopHandleCharacters = 'abcdefghijklmnopqrstuvwxyz0123456789-'
var invalidShopifyShops = filter(
  objectKeys(shopifyShops),
  key => contains(
    [
      empty(key)
      length(key) > 60
      startsWith(replace(key, '_', '-'), '-')
      endsWith(replace(key, '_', '-'), '-')
      contains(replace(key, '_', '-'), '--')
      !empty(filter(range(0, length(key)), i => !contains(shopHandleCharacters, substring(replace(key, '_', '-'), i, 1))))
      length(filter(objectKeys(shopifyShops), other => replace(other, '_', '-') == replace(key, '_', '-'))) > 1
    ],
    true
  )
)

// The webhook sources of order fulfilment exist exactly when what they report on is configured: "shopify" with a
// store, "shipbob" and "shipstation" with their warehouse (the app refuses a shipstation source without the API origin).
var orderWebhookSettings = shallowMerge([
  empty(shopifyShops) ? {} : shallowMerge([
    { Webhooks__Sources__shopify__Scheme: 'shopify' }
    toObject(
      items(shopifyShops),
      shop => 'Webhooks__Sources__shopify__Shops__${replace(shop.key, '-', '_')}__Secrets__0',
      shop => '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${shop.value.?webhookSecretName ?? 'webhooks-shopify-${replace(shop.key, '_', '-')}-secret'})'
    )
  ])
  empty(shipBobBaseUrl) ? {} : {
    Webhooks__Sources__shipbob__Scheme: 'shipbob'
    Webhooks__Sources__shipbob__Secrets__0: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${secretNames.shipBobWebhookSecret})'
  }
  empty(shipStationBaseUrl) ? {} : {
    Webhooks__Sources__shipstation__Scheme: 'shipstation'
    Webhooks__Sources__shipstation__Secrets__0: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${secretNames.shipStationWebhookToken})'
    Webhooks__Sources__shipstation__ResourceBaseUrl: shipStationBaseUrl
  }
])

// Operations keys as app settings "Operations__Keys__<index>__<Setting>": hashes only, so plain values, no Key Vault.
var operationsKeySettings = toObject(
  flatten(map(range(0, length(operationsKeys)), i => [
    ['Operations__Keys__${i}__Name', operationsKeys[i].name]
    ['Operations__Keys__${i}__Role', operationsKeys[i].role]
    ['Operations__Keys__${i}__Hash', operationsKeys[i].hash]
  ])),
  setting => setting[0],
  setting => setting[1]
)

// Identity targets as app settings: "Identity__Targets__<name>__<Setting>", lists as "__0", "__1", ... and the REST
// calls under "__Rest__". An unset property writes no setting, so the app's default applies. The token is never a
// value here: always a Key Vault reference to the target's tokenSecretName.
var identityTargetSettings = toObject(
  filter(
    flatten(map(items(identityTargets), target => map(
      concat(
        [
          ['Kind', target.value.kind]
          ['BaseUrl', target.value.baseUrl]
          ['Token', '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${target.value.tokenSecretName})']
          ['AccountField', target.value.?accountField]
          ['Offboarding', target.value.?offboarding == null ? null : (target.value.offboarding! ? 'true' : 'false')]
          ['Onboarding', target.value.?onboarding == null ? null : (target.value.onboarding! ? 'true' : 'false')]
          ['Organization', target.value.?organization]
          ['DirectoryId', target.value.?directoryId]
          ['Rest__AuthHeader', target.value.?rest.?authHeader]
          ['Rest__AuthScheme', target.value.?rest.?authScheme]
          ['Rest__RevokeMethod', target.value.?rest.?revokeMethod]
          ['Rest__RevokeUrl', target.value.?rest.?revokeUrl]
          ['Rest__RevokeBody', target.value.?rest.?revokeBody]
          ['Rest__CreateMethod', target.value.?rest.?createMethod]
          ['Rest__CreateUrl', target.value.?rest.?createUrl]
          ['Rest__CreateBody', target.value.?rest.?createBody]
        ],
        flatten(map(
          [
            ['Departments', target.value.?departments ?? []]
            ['Rest__SuccessCodes', target.value.?rest.?successCodes ?? []]
            ['Rest__AlreadyDoneCodes', target.value.?rest.?alreadyDoneCodes ?? []]
            ['Rest__NoAccountCodes', target.value.?rest.?noAccountCodes ?? []]
            ['Rest__CreateSuccessCodes', target.value.?rest.?createSuccessCodes ?? []]
            ['Rest__ExistsCodes', target.value.?rest.?existsCodes ?? []]
          ],
          list => map(range(0, length(list[1])), i => ['${list[0]}__${i}', string(list[1][i])])
        ))
      ),
      setting => ['Identity__Targets__${target.key}__${setting[0]}', setting[1]]
    ))),
    setting => setting[1] != null
  ),
  setting => setting[0],
  setting => setting[1]
)

// Order fulfilment as app settings: each store (its token a Key Vault reference), each warehouse whose base URL is given
// (its secrets Key Vault references under fixed names; docs/deploy.md), and the routing rule, lists as "__0", "__1", ...
var orderSettings = toObject(
  concat(
    flatten(map(items(shopifyShops), shop => [
      ['Connectors__Shopify__Shops__${replace(shop.key, '-', '_')}__BaseUrl', shop.value.baseUrl]
      ['Connectors__Shopify__Shops__${replace(shop.key, '-', '_')}__AccessToken', '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${shop.value.accessTokenSecretName})']
    ])),
    empty(shipBobBaseUrl) ? [] : [
      ['Connectors__ShipBob__BaseUrl', shipBobBaseUrl]
      ['Connectors__ShipBob__AccessToken', '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${secretNames.shipBobAccessToken})']
      ['Connectors__ShipBob__ChannelId', shipBobChannelId]
      ['Connectors__ShipBob__ApiVersion', shipBobApiVersion]
    ],
    empty(shipStationBaseUrl) ? [] : [
      ['Connectors__ShipStation__BaseUrl', shipStationBaseUrl]
      ['Connectors__ShipStation__ApiKey', '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${secretNames.shipStationApiKey})']
      ['Connectors__ShipStation__ApiSecret', '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${secretNames.shipStationApiSecret})']
    ],
    empty(shipStationBaseUrl) || empty(shipStationInventoryBaseUrl) ? [] : [
      ['Connectors__ShipStation__InventoryBaseUrl', shipStationInventoryBaseUrl]
      ['Connectors__ShipStation__InventoryApiKey', '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${secretNames.shipStationInventoryApiKey})']
    ],
    flatten(map(items(ordersRouting), rule => map(range(0, length(rule.value)), i => ['Orders__Routing__${rule.key}__${i}', rule.value[i]])))
  ),
  setting => setting[0],
  setting => setting[1]
)

// Azure allows only letters, digits, "." and "_" in app setting names (Linux turns "." into "_"), and "__" is the
// section separator: a name outside letters and digits joined by single underscores would be refused or misread.
var identityTargetNameCharacters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_'
var invalidIdentityTargetNames = filter(
  objectKeys(identityTargets),
  name => contains(
    [
      empty(name)
      startsWith(name, '_')
      endsWith(name, '_')
      contains(name, '__')
      !empty(filter(range(0, length(name)), i => !contains(identityTargetNameCharacters, substring(name, i, 1))))
    ],
    true
  )
)

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true // Linux; Flex Consumption is Linux-only.
  }
}

resource functionApp 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityResourceId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    publicNetworkAccess: 'Enabled'
    // Key Vault references resolve with the user-assigned identity (default would be a system-assigned one).
    keyVaultReferenceIdentity: identityResourceId
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    // Flex Consumption: runtime, scale and deployment live here, not in app settings
    // (FUNCTIONS_WORKER_RUNTIME, WEBSITE_RUN_FROM_PACKAGE, WEBSITE_CONTENT* are not used on this plan).
    functionAppConfig: {
      runtime: {
        name: 'dotnet-isolated'
        version: dotnetVersion
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storageAccount.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityResourceId
          }
        }
      }
    }
  }
}

// App settings live in their own config resource so they can use the app's real default hostname
// (Webhooks__PublicBaseUrl) without a self-reference. Deploying replaces the whole set: settings
// added by hand in the portal are removed on the next deployment; add them here instead.
resource appSettings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: functionApp
  name: 'appsettings'
  properties: {
    // The task hub, and the events queue named from it (the queue triggers read it from this setting).
    AzureFunctionsJobHost__extensions__durableTask__hubName: taskHubName
    EventsQueueName: eventsQueueName

    // Host storage (Durable Functions task hub, queues, tables) via the managed identity.
    AzureWebJobsStorage__accountName: storageAccount.name
    AzureWebJobsStorage__blobServiceUri: storageAccount.properties.primaryEndpoints.blob
    AzureWebJobsStorage__queueServiceUri: storageAccount.properties.primaryEndpoints.queue
    AzureWebJobsStorage__tableServiceUri: storageAccount.properties.primaryEndpoints.table
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId

    // Telemetry. The authentication string makes the host send telemetry with the identity (Entra ID).
    APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'

    // Webhook sources: signature scheme plus the signing secret (Key Vault reference).
    Webhooks__Sources__crm__Scheme: 'hubspot-v3'
    Webhooks__Sources__crm__Secrets__0: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${secretNames.crmWebhookSecret})'
    Webhooks__Sources__app__Scheme: 'standard-webhooks'
    Webhooks__Sources__app__Secrets__0: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${secretNames.appWebhookSecret})'
    Webhooks__Sources__hr__Scheme: 'bamboohr'
    Webhooks__Sources__hr__Secrets__0: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${secretNames.hrWebhookSecret})'
    // The order sources (shopify, shipbob, shipstation): only those whose store or warehouse is configured.
    ...(empty(invalidShopifyShops)
      ? orderWebhookSettings
      : fail('shopifyShops: ${join(invalidShopifyShops, ', ')} is not a shop handle, or names a shop twice (the domain without .myshopify.com: 1-60 of a-z, 0-9 and "-", not at either end, no "--"; "_" may stand for "-").'))
    Webhooks__PublicBaseUrl: effectivePublicBaseUrl

    // ERP in use. The app checks only the selected ERP's connector settings at start-up; the other
    // ERP's settings (and its Key Vault reference) are present but unused.
    Erp__System: erpSystem
    Erp__ReopenReversal: erpReopenReversal

    // Connectors.
    Connectors__HubSpot__BaseUrl: hubSpotBaseUrl
    Connectors__HubSpot__AccessToken: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${secretNames.hubSpotAccessToken})'
    Connectors__BambooHr__BaseUrl: bambooHrBaseUrl
    Connectors__BambooHr__ApiKey: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${secretNames.bambooHrApiKey})'
    Connectors__QuickBooks__BaseUrl: quickBooksBaseUrl
    Connectors__QuickBooks__RealmId: quickBooksRealmId
    Connectors__QuickBooks__AccessToken: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${secretNames.quickBooksAccessToken})'
    Connectors__Xero__BaseUrl: xeroBaseUrl
    Connectors__Xero__TenantId: xeroTenantId
    Connectors__Xero__AccessToken: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${secretNames.xeroAccessToken})'
    Connectors__Xero__SalesAccountCode: xeroSalesAccountCode

    // Business settings: the company's calendar and the pricing tolerance. The other BusinessCalendar,
    // Pricing and DataDictionary settings keep the app's defaults.
    BusinessCalendar__TimeZone: businessCalendarTimeZone
    BusinessCalendar__Region: businessCalendarRegion
    Pricing__AmountTolerance: pricingAmountTolerance

    // Operations.
    Alerts__WebhookUrl: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${secretNames.alertsWebhookUrl})'
    Operations__ApiKey: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${secretNames.operationsApiKey})'
    // Believe X-MS-CLIENT-PRINCIPAL only when App Service authentication sets it (and strips any the caller sent).
    Operations__TrustAppServiceAuthentication: empty(entraClientId) ? 'false' : 'true'
    ...operationsKeySettings

    // Order fulfilment: the stores, the warehouses and the routing rule (README "Order fulfilment").
    Connectors__Shopify__ApiVersion: shopifyApiVersion
    Orders__ShippingSla: ordersShippingSla
    Orders__Stock__PollInterval: ordersStockPollInterval
    ...orderSettings

    // Offboarding, and the identity targets it revokes access in (docs/identity-targets.md).
    Offboarding__Enabled: offboardingEnabled ? 'true' : 'false'
    ...(empty(invalidIdentityTargetNames)
      ? identityTargetSettings
      : fail('identityTargets: target name(s) ${join(invalidIdentityTargetNames, ', ')} cannot be app setting names; use letters and digits, optionally joined by single underscores (e.g. payroll_portal).'))
  }
}

// App Service authentication with Entra ID, only when a client ID is given. Callers without a valid token get 401
// (an API, so no redirect to a sign-in page). Excluded paths pass through without a token: the webhooks verify
// their own signatures and /api/health is probed; "/*" at the end of an excluded path covers everything below it.
resource authSettings 'Microsoft.Web/sites/config@2025-03-01' = if (!empty(entraClientId)) {
  parent: functionApp
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'Return401'
      excludedPaths: [
        '/api/v1/webhooks/*'
        '/api/health'
        // The console's static files: the page signs the person in itself (/.auth/login/aad) and calls the API, which needs it.
        '/api/console'
        '/api/console/*'
      ]
    }
    httpSettings: {
      requireHttps: true
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: entraClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${entraTenantId}/v2.0'
        }
        validation: {
          allowedAudiences: [
            'api://${entraClientId}'
            entraClientId
          ]
        }
      }
    }
    login: {
      tokenStore: {
        enabled: false
      }
    }
  }
}

resource ftpPublishingPolicy 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: functionApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishingPolicy 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: functionApp
  name: 'scm'
  properties: {
    allow: allowScmBasicAuth
  }
}

@description('The name of the function app.')
output name string = functionApp.name

@description('The resource ID of the function app.')
output resourceId string = functionApp.id

@description('The default hostname of the function app.')
output defaultHostName string = functionApp.properties.defaultHostName

@description('The public base URL the app uses to verify webhook signatures.')
output publicBaseUrl string = effectivePublicBaseUrl

@description('The name of the Flex Consumption plan.')
output planName string = plan.name
