namespace Integration.Activities.Orders.Stock;

/// <summary>
/// The store SKUs each warehouse SKU stands for: the inverse of the data dictionary's <c>warehouseSkus</c>. An interface
/// so store sync does not wait on the dictionary's loader; the composition binds it to the loaded dictionary.
/// </summary>
public interface IWarehouseSkuMap
{
    /// <summary>Every store SKU mapped to <paramref name="warehouseSku"/>; empty when none is (nothing to push).</summary>
    IReadOnlyList<string> StoreSkusFor(string warehouseSku);
}
