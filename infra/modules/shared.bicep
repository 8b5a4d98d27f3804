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
  hubSpotAccessToken: 'hubspot-access-token'
  bambooHrApiKey: 'bamboohr-api-key'
  quickBooksAccessToken: 'quickbooks-access-token'
  xeroAccessToken: 'xero-access-token'
  alertsWebhookUrl: 'alerts-webhook-url'
  operationsApiKey: 'operations-api-key'
}
