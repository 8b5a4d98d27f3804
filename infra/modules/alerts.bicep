metadata name = 'Poison queue alert'
metadata description = 'Log search alert that fires when the Functions host moves a message to the poison queue, plus an optional e-mail action group.'

@description('Required. Name of the scheduled query (log search) alert rule.')
param alertName string

@description('Required. Resource ID of the Application Insights component the alert queries.')
param appInsightsResourceId string

@description('Required. Poison queue to watch.')
param poisonQueueName string

@description('Optional. Location for the alert rule.')
param location string = resourceGroup().location

@description('Optional. Tags for the alert resources.')
param tags object = {}

@description('Optional. E-mail addresses notified when the alert fires. Empty creates no action group; the alert still shows in Azure Monitor.')
param emailAddresses string[] = []

@description('Optional. Alert severity (0 critical to 4 verbose).')
@minValue(0)
@maxValue(4)
param severity int = 2

var actionGroupName = 'ag-${alertName}'

// The queue trigger logs "Message has reached MaxDequeueCount of N. Moving message to queue '<queue>-poison'."
// (warning level) each time it gives up on a message. Storage queue metrics are account-wide, with no
// per-queue dimension, so a metric alert cannot single out the poison queue; this log query can.
var query = 'traces\n| where message contains "Moving message to queue \'${poisonQueueName}\'"\n| summarize PoisonedMessages = count()'

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = if (!empty(emailAddresses)) {
  name: actionGroupName
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'poisonq'
    enabled: true
    emailReceivers: [
      for (address, index) in emailAddresses: {
        name: 'email-${index}'
        emailAddress: address
        useCommonAlertSchema: true
      }
    ]
  }
}

// 2023-12-01 is the newest GA version whose log-alert schema this template was written against.
#disable-next-line use-recent-api-versions
resource poisonQueueAlert 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: alertName
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'Messages moved to ${poisonQueueName}'
    description: 'One or more integration events exhausted their retries and were moved to the poison queue ${poisonQueueName}. Inspect the queue, fix the cause, then replay or discard the messages.'
    severity: severity
    enabled: true
    scopes: [
      appInsightsResourceId
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [
        {
          query: query
          timeAggregation: 'Total'
          metricMeasureColumn: 'PoisonedMessages'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: empty(emailAddresses) ? [] : [actionGroup.id]
    }
  }
}

@description('The name of the alert rule.')
output name string = poisonQueueAlert.name

@description('The resource ID of the alert rule.')
output resourceId string = poisonQueueAlert.id
