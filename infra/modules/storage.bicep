metadata name = 'Storage'
metadata description = 'StorageV2 account used as AzureWebJobsStorage (Durable Functions task hub, host state), the Flex Consumption deployment container, the integration queues and the app tables. Identity-based access only by default.'

import { roleAssignmentType } from 'shared.bicep'

@description('Required. Storage account name (3-24 lowercase letters and digits, globally unique).')
@minLength(3)
@maxLength(24)
param name string

@description('Optional. Location for the storage account.')
param location string = resourceGroup().location

@description('Optional. Tags for the storage account.')
param tags object = {}

@description('Optional. Storage redundancy. ZRS is recommended for production where the region supports it.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
  'Standard_RAGRS'
  'Standard_RAGZRS'
])
param skuName string = 'Standard_LRS'

@description('Optional. Allow account-key (shared key) and SAS access. Keep false: the app, the Functions host and Flex deployments all use the managed identity.')
param allowSharedKeyAccess bool = false

@description('Required. Blob container that Flex Consumption deploys the app package into.')
param deploymentContainerName string

@description('Optional. Storage queues to create.')
param queueNames string[] = []

@description('Optional. Storage tables to create (names are letters and digits only).')
param tableNames string[] = []

@description('Optional. Role assignments to create on the storage account.')
param roleAssignments roleAssignmentType[] = []

resource storageAccount 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: allowSharedKeyAccess
    defaultToOAuthAuthentication: true
    allowCrossTenantReplication: false
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
    encryption: {
      keySource: 'Microsoft.Storage'
      services: {
        blob: {
          enabled: true
        }
        file: {
          enabled: true
        }
        queue: {
          enabled: true
          keyType: 'Account'
        }
        table: {
          enabled: true
          keyType: 'Account'
        }
      }
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-06-01' = {
  parent: storageAccount
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2025-06-01' = {
  parent: storageAccount
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-06-01' = [
  for queueName in queueNames: {
    parent: queueService
    name: queueName
  }
]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2025-06-01' = {
  parent: storageAccount
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2025-06-01' = [
  for tableName in tableNames: {
    parent: tableService
    name: tableName
  }
]

resource storageRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for assignment in roleAssignments: {
    name: guid(storageAccount.id, assignment.principalId, assignment.roleDefinitionId)
    scope: storageAccount
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', assignment.roleDefinitionId)
      principalId: assignment.principalId
      principalType: assignment.?principalType
      description: assignment.?description
    }
  }
]

@description('The name of the storage account.')
output name string = storageAccount.name

@description('The resource ID of the storage account.')
output resourceId string = storageAccount.id

@description('The name of the Flex Consumption deployment container.')
output deploymentContainerName string = deploymentContainer.name
