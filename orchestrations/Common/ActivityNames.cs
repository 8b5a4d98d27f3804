namespace Integration.Orchestrations.Common;

/// <summary>
/// Activity names as orchestrators call them. Activities live in another assembly that orchestrations
/// may not reference, so the names are constants here and a test checks each one is registered.
/// </summary>
public static class ActivityNames
{
    public const string FetchCrmDeal = "FetchCrmDealActivity";
    public const string EnsureErpCustomer = "EnsureErpCustomerActivity";
    public const string CreateErpInvoice = "CreateErpInvoiceActivity";
    public const string PatchCrmDeal = "PatchCrmDealActivity";
    public const string RecordDeadLetter = "RecordDeadLetterActivity";
    public const string RaiseReviewAlert = "RaiseReviewAlertActivity";
    public const string BuildInvoiceDraft = "BuildInvoiceDraftActivity";
    public const string PlanInvoiceDate = "PlanInvoiceDateActivity";
    public const string ReverseErpInvoice = "ReverseErpInvoiceActivity";
    public const string RaiseAlert = "RaiseAlertActivity";
    public const string LoadEmployeeAccess = "LoadEmployeeAccessActivity";
    public const string RevokeAccess = "RevokeAccessActivity";
    public const string ProvisionAccess = "ProvisionAccessActivity";
    public const string RecordOffboardingEvidence = "RecordOffboardingEvidenceActivity";
    public const string FindBulkJobTargets = "FindBulkJobTargetsActivity";
    public const string ApplyBulkJobAction = "ApplyBulkJobActionActivity";
    public const string PlanOrderFulfilment = "PlanOrderFulfilmentActivity";
    public const string ReserveOrderStock = "ReserveOrderStockActivity";
    public const string ReleaseOrderStock = "ReleaseOrderStockActivity";
    public const string CommitShippedStock = "CommitShippedStockActivity";
    public const string SyncStoreStock = "SyncStoreStockActivity";
    public const string CreateWarehouseOrder = "CreateWarehouseOrderActivity";
    public const string CancelWarehouseOrder = "CancelWarehouseOrderActivity";
    public const string CreateShopFulfilment = "CreateShopFulfilmentActivity";
    public const string AddOrderCrmNote = "AddOrderCrmNoteActivity";
    public const string FetchShipStationShipments = "FetchShipStationShipmentsActivity";
}
