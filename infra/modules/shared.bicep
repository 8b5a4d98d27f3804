metadata name = 'Shared definitions'
metadata description = 'Types and constants imported by main.bicep and the modules (compile-time only; deploys nothing).'

@export()
@description('A role assignment that a module creates on the resource it owns (Azure Verified Modules style).')
type roleAssignmentType = {
  @description('Required. Object ID of the principal (managed identity, user or group) that receives the role.')
  principalId: string

  @description('Required. GUID of the built-in role definition, as Azure publishes it.')
  roleDefinitionId: string

  @description('Optional. Principal type. Set "ServicePrincipal" for managed identities so the assignment does not wait for directory replication. Leave unset when unknown.')
  principalType: ('ServicePrincipal' | 'User' | 'Group')?

  @description('Optional. Free-text description stored on the assignment.')
  description: string?
}

@export()
@description('Built-in role definition GUIDs used by this deployment (published by Azure; identical in every tenant).')
var builtInRoleIds = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

@export()
@description('Key Vault secret names. The Key Vault module writes them (when values are supplied) and the function app references them.')
var secretNames = {
  crmWebhookSecret: 'webhooks-crm-secret'
  appWebhookSecret: 'webhooks-app-secret'
  hrWebhookSecret: 'webhooks-hr-secret'
  shipBobWebhookSecret: 'webhooks-shipbob-secret'
  shipStationWebhookToken: 'webhooks-shipstation-token'
  hubSpotAccessToken: 'hubspot-access-token'
  bambooHrApiKey: 'bamboohr-api-key'
  quickBooksAccessToken: 'quickbooks-access-token'
  xeroAccessToken: 'xero-access-token'
  alertsWebhookUrl: 'alerts-webhook-url'
  operationsApiKey: 'operations-api-key'
  shipBobAccessToken: 'shipbob-access-token'
  shipStationApiKey: 'shipstation-api-key'
  shipStationApiSecret: 'shipstation-api-secret'
  shipStationInventoryApiKey: 'shipstation-inventory-api-key'
}

// ---------------------------------------------------------------------------------------------
// Identity targets (the app's "Identity:Targets" section; docs/identity-targets.md)
// ---------------------------------------------------------------------------------------------

@minValue(100)
@maxValue(599)
type httpStatusCodeType = int

@description('An HTTP method a generic REST target is called with.')
type httpMethodType = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

@export()
@sealed()
@description('A generic REST target\'s calls (kind "rest"; app settings "Identity__Targets__<name>__Rest__<Setting>"). Unset properties keep the app\'s defaults.')
type restIdentityTargetType = {
  @description('Optional. Header the token is sent in. App default "Authorization".')
  authHeader: string?

  @description('Optional. Put before the token with a space; "" sends the token alone. App default "Bearer".')
  authScheme: string?

  @description('Optional. Method of the revoke call. App default "POST".')
  revokeMethod: httpMethodType?

  @description('Optional. Revoke URL relative to baseUrl, with {account}; required while the target takes part in offboarding.')
  revokeUrl: string?

  @description('Optional. JSON body template of the revoke call.')
  revokeBody: string?

  @description('Optional. Answers that mean revoked. App default [200, 204].')
  successCodes: httpStatusCodeType[]?

  @description('Optional. Answers that mean the access was already revoked. App default none.')
  alreadyDoneCodes: httpStatusCodeType[]?

  @description('Optional. Answers that mean there is no such account. App default [404].')
  noAccountCodes: httpStatusCodeType[]?

  @description('Optional. Method of the create call. App default "POST".')
  createMethod: httpMethodType?

  @description('Optional. Create URL relative to baseUrl; required while the target takes part in onboarding.')
  createUrl: string?

  @description('Optional. JSON body template of the create call.')
  createBody: string?

  @description('Optional. Answers that mean created. App default [200, 201].')
  createSuccessCodes: httpStatusCodeType[]?

  @description('Optional. Answers that mean the account already exists (linked). App default [409].')
  existsCodes: httpStatusCodeType[]?
}

@export()
@sealed()
@description('One identity target (app settings "Identity__Targets__<name>__<Setting>"). Sealed: there is no token property, the token is read from Key Vault.')
type identityTargetType = {
  @description('Required. Connector kind.')
  kind: 'graph' | 'okta' | 'google-workspace' | 'slack-scim' | 'github' | 'atlassian' | 'zoom' | 'rest'

  @description('Required. The http(s) base URL the vendor paths are appended to.')
  baseUrl: string

  @description('Required. Name of the Key Vault secret that holds the target\'s API token (put the value there; see docs/deploy.md).')
  @minLength(1)
  @maxLength(127)
  tokenSecretName: string

  @description('Optional. The HR field whose value is the employee\'s account key in this system. App default "workEmail".')
  accountField: string?

  @description('Optional. HR departments the target applies to; unset or empty means everyone.')
  departments: string[]?

  @description('Optional. Whether offboarding revokes access here. App default true.')
  offboarding: bool?

  @description('Optional. Whether onboarding creates (or links) an account here. App default true.')
  onboarding: bool?

  @description('Optional. GitHub organisation login (required for kind "github").')
  organization: string?

  @description('Optional. Atlassian SCIM directory id (required for kind "atlassian").')
  directoryId: string?

  @description('Optional. The generic REST target\'s calls (required for kind "rest").')
  rest: restIdentityTargetType?
}

@export()
@description('Identity targets by name. A name becomes part of app setting names, which Azure limits to letters, digits and underscores: use letters and digits, optionally joined by single underscores (e.g. "payroll_portal").')
type identityTargetsType = {
  *: identityTargetType
}

// ---------------------------------------------------------------------------------------------
// Order fulfilment: Shopify stores and the warehouse routing rule (the app's "Connectors:Shopify" and "Orders")
// ---------------------------------------------------------------------------------------------

@export()
@sealed()
@description('One Shopify store: its connector (app settings "Connectors__Shopify__Shops__<shop>__BaseUrl|AccessToken") and its "shopify" webhook secret ("Webhooks__Sources__shopify__Shops__<shop>__Secrets__0"). Sealed: there is no token or secret property, both are read from Key Vault.')
type shopifyShopType = {
  @description('Required. The store\'s Admin API root, "https://<shop>.myshopify.com".')
  baseUrl: string

  @description('Required. Name of the Key Vault secret that holds the store\'s Admin API access token (put the value there; see docs/deploy.md).')
  @minLength(1)
  @maxLength(127)
  accessTokenSecretName: string

  @description('Optional. Name of the Key Vault secret that holds the store\'s webhook signing secret (the Shopify app\'s client secret). Default "webhooks-shopify-<shop>-secret", the handle with "-".')
  @minLength(1)
  @maxLength(127)
  webhookSecretName: string?
}

@export()
@description('Shopify stores by shop handle (the domain without .myshopify.com), each named once for its connector and its webhook secret. App setting names take no "-", so the template writes "_" for "-" and the app reads it back; "store-a" and "store_a" are the same shop, give one.')
type shopifyShopsType = {
  *: shopifyShopType
}

@export()
@description('The warehouse routing rule: by "US", "US_CA" (country_region; no "-" in app setting names) or "default", the warehouse names ("shipbob", "shipstation") most preferred first.')
type ordersRoutingType = {
  *: ('shipbob' | 'shipstation')[]
}

// ---------------------------------------------------------------------------------------------
// Operations API keys (the app's "Operations:Keys" section; README "Who may do what")
// ---------------------------------------------------------------------------------------------

@export()
@sealed()
@description('An operations API key, stored only as its hash (app settings "Operations__Keys__<index>__Name|Role|Hash"). Not a secret: the key itself never appears.')
type operationsKeyType = {
  @description('Required. Who holds the key (e.g. "support team", "nightly script"); written to the audit trail.')
  name: string

  @description('Required. What the key may do: readers look, operators also act.')
  role: 'reader' | 'operator'

  @description('Required. "sha256:" and the lower-case hex SHA-256 of the key (dotnet run --project tools/SendEvent -- hash-key <key>).')
  @minLength(71)
  @maxLength(71)
  hash: string
}
