using System.Text.Json;
using Integration.Orchestrations.Orders;
using Xunit;

namespace Integration.Tests.Unit.Orchestrations.Orders;

/// <summary>Both warehouses' shipments read into one shape the fulfilment workflow acts on.</summary>
public sealed class WarehouseShipmentReaderTests
{
    public const string ShipBobShipped = """
        {"id": 730001, "order_id": 610001, "reference_id": "store-a-1001", "status": "Completed",
         "tracking": {"carrier": "USPS", "carrier_service": "Ground", "tracking_number": "9400100000000000000001", "tracking_url": "https://tools.usps.example/track?n=1", "shipping_date": "2026-03-01T15:00:00Z"},
         "products": [{"reference_id": "WH-TEE-BLK-M", "sku": "WH-TEE-BLK-M", "quantity": 2}], "actual_fulfillment_date": "2026-03-01T15:00:00Z"}
        """;

    public const string ShipStationShipment = """
        {"shipmentId": 9001, "orderId": 8001, "orderKey": "store-b-2002", "orderNumber": "#2002", "trackingNumber": "1Z999AA10123456784",
         "carrierCode": "ups", "serviceCode": "ups_ground", "shipDate": "2026-03-01", "voided": false,
         "shipmentItems": [{"lineItemKey": "5001", "sku": "WH-MUG-CLASSIC", "name": "Mug", "quantity": 1}, {"lineItemKey": "5002", "sku": "WH-HAT-RED", "name": "Hat", "quantity": 3}]}
        """;

    [Fact]
    public void A_shipbob_shipment_carries_its_order_key_tracking_and_warehouse_skus()
    {
        WarehouseShipment shipment = Read("shipbob", ShipBobShipped);

        Assert.Equal(("shipbob", "store-a-1001", "610001", "730001", WarehouseShipment.Shipped), (shipment.Warehouse, shipment.OrderKey, shipment.WarehouseOrderId, shipment.ShipmentId, shipment.Status));
        Assert.Equal(("USPS", "9400100000000000000001", "https://tools.usps.example/track?n=1"), (shipment.Carrier, shipment.TrackingNumber, shipment.TrackingUrl));
        Assert.Equal([new ShipmentLine("WH-TEE-BLK-M", 2)], shipment.Lines);
    }

    [Theory]
    [InlineData("Exception", WarehouseShipment.Exception)]
    [InlineData("OnHold", WarehouseShipment.Exception)]
    [InlineData("Cancelled", WarehouseShipment.Cancelled)]
    public void A_shipbob_problem_status_and_its_details_are_kept(string status, string expected)
    {
        string json = ShipBobShipped.Replace("\"Completed\"", $"\"{status}\", \"status_details\": [{{\"name\": \"AddressIssue\", \"description\": \"Street not found\"}}]", StringComparison.Ordinal);

        WarehouseShipment shipment = Read("shipbob", json);

        Assert.Equal(expected, shipment.Status);
        Assert.Equal("AddressIssue: Street not found", shipment.Detail);
    }

    [Fact]
    public void A_shipstation_shipment_carries_its_order_key_tracking_and_every_item()
    {
        WarehouseShipment shipment = Read("shipstation", ShipStationShipment);

        Assert.Equal(("shipstation", "store-b-2002", "8001", "9001", WarehouseShipment.Shipped), (shipment.Warehouse, shipment.OrderKey, shipment.WarehouseOrderId, shipment.ShipmentId, shipment.Status));
        Assert.Equal(("ups", "1Z999AA10123456784"), (shipment.Carrier, shipment.TrackingNumber));
        Assert.Equal([new ShipmentLine("WH-MUG-CLASSIC", 1), new ShipmentLine("WH-HAT-RED", 3)], shipment.Lines);
    }

    [Fact]
    public void A_voided_shipstation_label_is_a_cancelled_shipment()
    {
        Assert.Equal(WarehouseShipment.Cancelled, Read("shipstation", ShipStationShipment.Replace("\"voided\": false", "\"voided\": true", StringComparison.Ordinal)).Status);
    }

    [Fact]
    public void Under_another_source_name_the_shape_tells_the_warehouse()
    {
        Assert.Equal("shipstation", Read("wms-2", ShipStationShipment).Warehouse);
        Assert.Equal("shipbob", Read("wms-1", ShipBobShipped).Warehouse);
    }

    [Theory]
    [InlineData("shipbob", """{"id": 1, "products": []}""", "reference_id")]
    [InlineData("shipbob", """{"reference_id": "store-a-1"}""", "'id'")]
    [InlineData("shipbob", """{"id": 1, "reference_id": "store-a-1", "products": [{"sku": "X", "quantity": "two"}]}""", "whole number")]
    [InlineData("shipstation", """{"shipmentId": 1}""", "orderKey")]
    public void A_body_that_is_not_a_shipment_is_refused_naming_what_is_missing(string source, string json, string expected)
    {
        Assert.Contains(expected, Assert.Throws<FormatException>(() => Read(source, json)).Message, StringComparison.Ordinal);
    }

    private static WarehouseShipment Read(string source, string json)
    {
        using JsonDocument doc = JsonDocument.Parse(json);
        return WarehouseShipmentReader.Read(source, doc.RootElement);
    }
}
