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
}
