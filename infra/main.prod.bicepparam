// Production environment. Deploy with:
//   az deployment group create -g <rg> -f infra/main.bicep -p infra/main.prod.bicepparam
// Secret values never go in this file. Each secure parameter below reads an environment variable
// when az compiles the file (empty when unset, and then nothing is written to Key Vault); you can
// also pass them inline (-p name=value). See docs/deploy.md.
using 'main.bicep'

param namePrefix = 'intg'
param environmentName = 'prod'

// Zone-redundant storage for the task hub; pick Standard_LRS if the region has no zones.
param storageSkuName = 'Standard_ZRS'
param instanceMemoryMB = 2048
param maximumInstanceCount = 100

// Set to the front end / custom domain URL if webhooks do not hit the default hostname directly.
param publicBaseUrl = ''

param hubSpotBaseUrl = 'https://api.hubapi.com'
param quickBooksBaseUrl = 'https://quickbooks.api.intuit.com'
param quickBooksRealmId = ''

// The ERP invoices go to, and how a re-opened deal takes its invoice back. Only the selected
// ERP's connector settings must be filled in (and its token put into Key Vault).
param erpSystem = 'quickbooks'
param erpReopenReversal = 'void'

param xeroBaseUrl = 'https://api.xero.com'
param xeroTenantId = ''
param xeroSalesAccountCode = '200'

// The company's BambooHR API: https://<companyDomain>.bamboohr.com/api/v1/ (empty until the HR workflows are used).
param bambooHrBaseUrl = ''

// The company's own calendar and pricing tolerance.
param businessCalendarTimeZone = 'America/New_York'
param businessCalendarRegion = 'us'
param pricingAmountTolerance = '0.01'

// Offboarding revokes leavers' access in the identity targets; decide before the first deployment. On with no
// target that takes part in offboarding, the app stops at start-up naming Identity:Targets: add the systems
// leavers' access must end in, or set offboardingEnabled = false to run without offboarding (terminations then
// end "offboarding-disabled", saying so). Each token goes into Key Vault under its tokenSecretName, never here.
// Target names: letters and digits, optionally joined by single underscores. Settings: docs/identity-targets.md.
param offboardingEnabled = true
param identityTargets = {
  // entra: {
  //   kind: 'graph'
  //   baseUrl: 'https://<graph host>'
  //   tokenSecretName: 'identity-entra-token'
  //   departments: [] // empty: everyone
  // }
}

// Order fulfilment (README "Order fulfilment", docs/deploy.md). Each store and warehouse is named once: the same
// parameter writes its connector and its webhook source ("shopify", "shipbob", "shipstation"); left empty, there is
// neither, and the app takes no orders. Tokens and webhook secrets go into Key Vault, never here. For example:
//   param shopifyShops = {
//     store_a: { baseUrl: 'https://store-a.myshopify.com', accessTokenSecretName: 'shopify-store-a-token' }
//     // webhook secret: Key Vault "webhooks-shopify-store-a-secret" (or set webhookSecretName)
//   }
//   param shipBobBaseUrl = 'https://api.shipbob.com'
//   param shipBobChannelId = '<channel id>'
//   param shipStationBaseUrl = 'https://ssapi.shipstation.com' // also the origin SHIP_NOTIFY pointers must have
//   param ordersRouting = { default: [ 'shipbob', 'shipstation' ] }
param shopifyShops = {}
param shipBobBaseUrl = ''
param shipBobChannelId = ''
param shipStationBaseUrl = ''
param shipStationInventoryBaseUrl = ''
param ordersRouting = {}

param keyVaultEnablePurgeProtection = true
param keyVaultSoftDeleteRetentionInDays = 90
// Object IDs of the operator group(s) that rotate secrets.
param keyVaultSecretsOfficerPrincipalIds = []

param logRetentionInDays = 90
param enablePoisonQueueAlert = true
param alertEmailAddresses = []

param crmWebhookSecret = readEnvironmentVariable('INTEGRATION_CRM_WEBHOOK_SECRET', '')
param appWebhookSecret = readEnvironmentVariable('INTEGRATION_APP_WEBHOOK_SECRET', '')
param hrWebhookSecret = readEnvironmentVariable('INTEGRATION_HR_WEBHOOK_SECRET', '')
param shipBobWebhookSecret = readEnvironmentVariable('INTEGRATION_SHIPBOB_WEBHOOK_SECRET', '')
param shipStationWebhookToken = readEnvironmentVariable('INTEGRATION_SHIPSTATION_WEBHOOK_TOKEN', '')
param hubSpotAccessToken = readEnvironmentVariable('INTEGRATION_HUBSPOT_ACCESS_TOKEN', '')
param bambooHrApiKey = readEnvironmentVariable('INTEGRATION_BAMBOOHR_API_KEY', '')
param quickBooksAccessToken = readEnvironmentVariable('INTEGRATION_QUICKBOOKS_ACCESS_TOKEN', '')
param xeroAccessToken = readEnvironmentVariable('INTEGRATION_XERO_ACCESS_TOKEN', '')
param alertsWebhookUrl = readEnvironmentVariable('INTEGRATION_ALERTS_WEBHOOK_URL', '')
param operationsApiKey = readEnvironmentVariable('INTEGRATION_OPERATIONS_API_KEY', '')
