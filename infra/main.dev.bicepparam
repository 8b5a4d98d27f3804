// Development environment. Deploy with:
//   az deployment group create -g <rg> -f infra/main.bicep -p infra/main.dev.bicepparam
// Secret values never go in this file. Each secure parameter below reads an environment variable
// when az compiles the file (empty when unset, and then nothing is written to Key Vault); you can
// also pass them inline (-p name=value). See docs/deploy.md.
using 'main.bicep'

param namePrefix = 'intg'
param environmentName = 'dev'

param storageSkuName = 'Standard_LRS'
param instanceMemoryMB = 2048
param maximumInstanceCount = 40

// The sandbox API for development companies.
param quickBooksBaseUrl = 'https://sandbox-quickbooks.api.intuit.com'
param quickBooksRealmId = ''

// Dev vaults are throwaway: short recovery window, no purge protection (cannot be undone once on).
param keyVaultEnablePurgeProtection = false
param keyVaultSoftDeleteRetentionInDays = 7
param keyVaultSecretsOfficerPrincipalIds = []

param logRetentionInDays = 30
param enablePoisonQueueAlert = false

param crmWebhookSecret = readEnvironmentVariable('INTEGRATION_CRM_WEBHOOK_SECRET', '')
param appWebhookSecret = readEnvironmentVariable('INTEGRATION_APP_WEBHOOK_SECRET', '')
param hubSpotAccessToken = readEnvironmentVariable('INTEGRATION_HUBSPOT_ACCESS_TOKEN', '')
param quickBooksAccessToken = readEnvironmentVariable('INTEGRATION_QUICKBOOKS_ACCESS_TOKEN', '')
param alertsWebhookUrl = readEnvironmentVariable('INTEGRATION_ALERTS_WEBHOOK_URL', '')
param operationsApiKey = readEnvironmentVariable('INTEGRATION_OPERATIONS_API_KEY', '')
