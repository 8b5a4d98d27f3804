metadata name = 'Key Vault'
metadata description = 'RBAC-authorized Key Vault holding the webhook secrets and connector tokens. Secret values are written only when supplied at deploy time; otherwise operators set them afterwards.'

import { roleAssignmentType } from 'shared.bicep'

@description('Required. Key Vault name (3-24 letters, digits and hyphens, globally unique).')
@minLength(3)
@maxLength(24)
param name string

@description('Optional. Location for the vault.')
param location string = resourceGroup().location

@description('Optional. Tags for the vault and its secrets.')
param tags object = {}

@description('Optional. SKU of the vault.')
@allowed([
  'standard'
  'premium'
])
param skuName string = 'standard'

@description('Optional. Days a deleted vault or secret stays recoverable (soft delete is always on).')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int = 90

@description('Optional. Enable purge protection. Once enabled it cannot be turned off, and a deleted vault name stays reserved for the retention period.')
param enablePurgeProtection bool = true

@description('Optional. Secret values keyed by secret name. Entries with an empty value are skipped, so a redeploy without values never overwrites secrets set out of band.')
@secure()
param secretValues object = {}

@description('Optional. Role assignments to create on the vault.')
param roleAssignments roleAssignmentType[] = []

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: skuName
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    // Purge protection is irreversible and the API rejects an explicit false; null leaves it off.
    enablePurgeProtection: enablePurgeProtection ? true : null
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource secrets 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = [
  for secret in filter(items(secretValues), item => !empty(item.value)): {
    parent: vault
    name: secret.key
    tags: tags
    properties: {
      value: secret.value
      contentType: 'text/plain'
      attributes: {
        enabled: true
      }
    }
  }
]

resource vaultRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for assignment in roleAssignments: {
    name: guid(vault.id, assignment.principalId, assignment.roleDefinitionId)
    scope: vault
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', assignment.roleDefinitionId)
      principalId: assignment.principalId
      principalType: assignment.?principalType
      description: assignment.?description
    }
  }
]

@description('The name of the vault.')
output name string = vault.name

@description('The resource ID of the vault.')
output resourceId string = vault.id
