package org.rait.registry.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.rait.config.AddressFamily;
import org.rait.peers.Endpoint;

import java.util.List;

/** A node's endpoints, stored as one JSON array column. */
final class EndpointsColumn {
    private record Row(String addressFamily, int sendPort, String address) {
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE);

    private EndpointsColumn() {
    }

    static String write(List<Endpoint> endpoints) {
        try {
            return JSON.writeValueAsString(endpoints.stream()
                    .map(e -> new Row(e.addressFamily().spelling(), e.sendPort(), e.address())).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("endpoints cannot be written as JSON", e);
        }
    }

    static List<Endpoint> read(String json) {
        try {
            List<Row> rows = JSON.readValue(json, new TypeReference<List<Row>>() { });
            return rows.stream().map(r -> new Endpoint(AddressFamily.parse(r.addressFamily()), r.sendPort(), r.address())).toList();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored endpoints are not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
