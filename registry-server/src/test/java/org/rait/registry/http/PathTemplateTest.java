package org.rait.registry.http;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PathTemplateTest {
    private final PathTemplate approve = PathTemplate.of("/v1/admin/nodes/{key}/approve");

    @Test
    void anEncodedSlashStaysInsideItsSegmentAndPlusStaysPlus() {
        assertEquals(Optional.of(Map.of("key", "ab/c+d=")), approve.match("/v1/admin/nodes/ab%2Fc+d%3D/approve"));
    }

    @Test
    void aPathOfAnotherShapeDoesNotMatch() {
        assertEquals(Optional.empty(), approve.match("/v1/admin/nodes/ab/c/approve"));
        assertEquals(Optional.empty(), approve.match("/v1/admin/nodes//approve"));
        assertEquals(Optional.empty(), approve.match("/v1/admin/nodes/abc/approve/"));
        assertEquals(Optional.empty(), approve.match("/v1/admin/nodes/%zz/approve"));
    }

    @Test
    void aTrailingRestSegmentTakesOneSegmentOrMore() {
        PathTemplate ui = PathTemplate.of("/ui/{file...}");
        assertEquals(Optional.of(Map.of("file", "app.js")), ui.match("/ui/app.js"));
        assertEquals(Optional.of(Map.of("file", "css/main.css")), ui.match("/ui/css/main.css"));
        assertEquals(Optional.empty(), ui.match("/ui/"));
        assertEquals(Optional.empty(), ui.match("/ui"));
        assertEquals(Optional.empty(), ui.match("/ui/css//main.css"));
    }
}
