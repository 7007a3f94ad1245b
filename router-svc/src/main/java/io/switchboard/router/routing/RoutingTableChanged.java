package io.switchboard.router.routing;

/** Fired, synchronously, when a new routing table has replaced the old one. */
public record RoutingTableChanged(RoutingTable table) {
}
