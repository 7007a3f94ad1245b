package io.switchboard.router.routing;

import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.switchboard.router.RouterConfig;

/** Holds the routing table in force, read from the routing file at start. */
@ApplicationScoped
public class LiveRoutingTable {

    private static final Logger LOGGER = Logger.getLogger(LiveRoutingTable.class);

    private final RoutingTable table;

    LiveRoutingTable(RouterConfig config) {
        var file = Path.of(config.routingFile());
        this.table = new RoutingFileLoader(System::getenv).load(file);
        LOGGER.infof("routing table loaded: file=%s models=%d providers=%d keys=%d priceVersion=%s", file,
                table.models().size(), table.providers().size(), table.callersByKeyHash().size(),
                table.priceVersion());
    }

    public RoutingTable current() {
        return table;
    }
}
