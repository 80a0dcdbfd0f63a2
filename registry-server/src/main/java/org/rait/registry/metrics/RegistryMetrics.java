package org.rait.registry.metrics;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.rait.registry.health.MeshHealth;
import org.rait.registry.snapshot.SnapshotPublisher;
import org.rait.registry.store.RegistryStore;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What `rait-registry serve` exposes at /metrics, in its own Prometheus registry: requests by route and status
 * (counted by the HTTP layer), and, read from the store at each scrape, nodes by state, nodes reporting,
 * report freshness, the snapshot, registrations and curation actions (from the audit log, so they survive a
 * restart and add up across registries sharing one database).
 */
public final class RegistryMetrics {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter requests;
    /** Each label set's counter, found once: a snapshot poll then costs one map lookup, not a label-list lookup. */
    private final Map<Served, CounterDataPoint> requestCounts = new ConcurrentHashMap<>();

    private record Served(String route, String method, int status) {
    }

    public RegistryMetrics(RegistryStore store, MeshHealth health, SnapshotPublisher publisher, Clock clock) {
        requests = Counter.builder().name("rait_registry_requests_total").help("HTTP requests by route template, method and status")
                .labelNames("route", "method", "status").register(registry);
        registry.register(new StoreCollector(store, health, publisher, clock));
        Info.builder().name("rait_registry_build_info").help("This rait-registry build").labelNames("version").register(registry)
                .setLabelValues(version());
        JvmMetrics.builder().register(registry);
    }

    /** @param route the route's template ("/v1/admin/nodes/{key}"), never the raw path: keys stay out of label values */
    public void request(String route, String method, int status) {
        Served served = new Served(route, method, status);
        CounterDataPoint count = requestCounts.get(served);
        if (count == null) {
            count = requestCounts.computeIfAbsent(served, s -> requests.labelValues(s.route(), s.method(), Integer.toString(s.status())));
        }
        count.inc();
    }

    public String contentType() {
        return PrometheusTextFormatWriter.CONTENT_TYPE;
    }

    /** The text exposition format (0.0.4). */
    public void write(OutputStream out) throws IOException {
        PrometheusTextFormatWriter.create().write(out, registry.scrape());
    }

    private static String version() {
        String v = RegistryMetrics.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }
}
