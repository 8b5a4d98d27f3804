metadata name = 'Monitoring'
metadata description = 'Log Analytics workspace and workspace-based Application Insights for the function app.'

import { roleAssignmentType } from 'shared.bicep'

@description('Required. Name of the Log Analytics workspace.')
param logAnalyticsName string

@description('Required. Name of the Application Insights component.')
param appInsightsName string

@description('Optional. Location for both resources.')
param location string = resourceGroup().location

@description('Optional. Tags for both resources.')
param tags object = {}

@description('Optional. Log Analytics data retention in days.')
@minValue(30)
@maxValue(730)
param retentionInDays int = 30

@description('Optional. Daily ingestion cap in GB; -1 means no cap.')
param dailyQuotaGb int = -1

@description('Optional. Disable instrumentation-key (local) authentication on Application Insights, so only Entra ID authenticated telemetry is accepted. Only set true when every telemetry sender in the app (host and worker) authenticates with the managed identity.')
param disableLocalAuth bool = false

@description('Optional. Role assignments to create on the Application Insights component (e.g. Monitoring Metrics Publisher for Entra ID authenticated ingestion).')
param roleAssignments roleAssignmentType[] = []

resource workspace 'Microsoft.OperationalInsights/workspaces@2025-07-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
    workspaceCapping: {
      dailyQuotaGb: dailyQuotaGb
    }
    features: {
      enableLogAccessUsingOnlyResourcePermissions: true
    }
    publicNetworkAccessForIngestion: 'Enabled'
    publicNetworkAccessForQuery: 'Enabled'
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
    DisableLocalAuth: disableLocalAuth
    publicNetworkAccessForIngestion: 'Enabled'
    publicNetworkAccessForQuery: 'Enabled'
  }
}

resource appInsightsRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for assignment in roleAssignments: {
    name: guid(appInsights.id, assignment.principalId, assignment.roleDefinitionId)
    scope: appInsights
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', assignment.roleDefinitionId)
      principalId: assignment.principalId
      principalType: assignment.?principalType
      description: assignment.?description
    }
  }
]

@description('The name of the Log Analytics workspace.')
output logAnalyticsName string = workspace.name

@description('The resource ID of the Log Analytics workspace.')
output logAnalyticsResourceId string = workspace.id

@description('The name of the Application Insights component. Consumers read its connection string through an existing reference, so it never travels through deployment outputs.')
output appInsightsName string = appInsights.name

@description('The resource ID of the Application Insights component.')
output appInsightsResourceId string = appInsights.id
