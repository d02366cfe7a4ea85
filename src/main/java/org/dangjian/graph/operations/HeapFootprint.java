package org.dangjian.graph.operations;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Gives back to the operating system the heap an idle service does not use. The JVM's defaults keep
 * what a burst of work (the sample's load, an import, a dashboard's questions) made it commit, up to
 * 70 % of it free, until the next collection, which an idle service never has: a department's service
 * sat at twice its working set between bursts. Three of HotSpot's <em>manageable</em> options, set here
 * at start unless the command line set them (an operator's {@code -XX:} wins):
 *
 * <ul>
 *   <li>{@code G1PeriodicGCInterval} = {@code party-graph.memory.idle-collection} (default 15 s; 0 = off):
 *       after that long without a collection, G1 runs a concurrent one, which uncommits the free heap;
 *   <li>{@code MaxHeapFreeRatio} / {@code MinHeapFreeRatio} = {@code party-graph.memory.max-free-percent}
 *       (default 30) / a third of it: how much of the committed heap may stay free after a collection.
 * </ul>
 */
@Component
class HeapFootprint {

    private static final Logger log = LoggerFactory.getLogger(HeapFootprint.class);

    private final Duration idleCollection;
    private final int maxFreePercent;

    HeapFootprint(
            @Value("${party-graph.memory.idle-collection:15s}") Duration idleCollection,
            @Value("${party-graph.memory.max-free-percent:30}") int maxFreePercent) {
        if (maxFreePercent < 10 || maxFreePercent > 100) {
            throw new IllegalArgumentException("party-graph.memory.max-free-percent must be within 10..100");
        }
        this.idleCollection = idleCollection;
        this.maxFreePercent = maxFreePercent;
    }

    @EventListener(ApplicationStartedEvent.class)
    void apply() {
        var wanted = new LinkedHashMap<String, String>();
        wanted.put("MinHeapFreeRatio", Integer.toString(maxFreePercent / 3));
        wanted.put("MaxHeapFreeRatio", Integer.toString(maxFreePercent));
        wanted.put("G1PeriodicGCInterval", Long.toString(idleCollection.toMillis()));
        log.info("Heap footprint: {}", applied(wanted));
    }

    /** Sets each option still at its default; returns what each one is now and who set it. */
    static Map<String, String> applied(Map<String, String> wanted) {
        var bean = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        var now = new LinkedHashMap<String, String>();
        wanted.forEach((name, value) -> {
            try {
                VMOption option = bean.getVMOption(name);
                if (option.getOrigin() == VMOption.Origin.DEFAULT && option.isWriteable()) {
                    bean.setVMOption(name, value);
                    now.put(name, value);
                } else {
                    now.put(
                            name,
                            option.getValue() + " (" + option.getOrigin().name().toLowerCase() + ")");
                }
            } catch (IllegalArgumentException e) { // not this JVM's option (another collector or VM)
                now.put(name, "unavailable");
            }
        });
        return now;
    }
}
