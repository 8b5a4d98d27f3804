namespace Integration.Activities.Invoicing;

/// <summary>Where a CRM product is booked in the ERP.</summary>
/// <param name="ItemCode">The ERP item's id (QuickBooks: the Item Id that ItemRef carries).</param>
/// <param name="Description">For the people who maintain the dictionary; an invoice line shows it only when the CRM line has no name.</param>
public sealed record ProductMapping(string ItemCode, string? Description);

/// <summary>How a store SKU ships: the warehouse systems' SKU for it (section "warehouseSkus", from v2).</summary>
public sealed record WarehouseSkuMapping(string WarehouseSku, string? Description);
