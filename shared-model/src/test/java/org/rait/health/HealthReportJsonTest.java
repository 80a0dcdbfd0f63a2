package org.rait.health;

import org.junit.jupiter.api.Test;
import org.rait.keys.WgKey;
import org.rait.keys.X25519;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HealthReportJsonTest {
    private static final WgKey PEER = X25519.publicKey(X25519.generatePrivateKey());

    @Test
    void aReportReadsBackAsItWasWrittenWithAndWithoutTheOptionalFields() {
        HealthReport report = new HealthReport("0.1.0", OptionalLong.of(42), new HealthReport.LastPass("fresh", "applied", "", 3), 60, List.of(
                new PeerHealth(PEER, "rait4x50002", OptionalLong.of(12), 1200, 3400, Optional.of("10.0.0.2:50001"), OptionalInt.of(96), 25,
                        OptionalLong.of(4)),
                new PeerHealth(PEER, "rait6x51002", OptionalLong.empty(), 0, 148, Optional.empty(), OptionalInt.empty(), 0, OptionalLong.empty())));

        assertEquals(report, HealthReportJson.read(HealthReportJson.write(report)));
    }

    @Test
    void aPeerFromAnAgentThatSendsNoKeepaliveAndNoRxIdleReadsAsKeepaliveOffAndRxIdleUnknown() {
        String older = "{\"version\":\"1\",\"applied_serial\":3,\"last_pass\":{\"news\":\"x\",\"action\":\"y\",\"detail\":\"\","
                + "\"age_seconds\":0},\"report_interval_seconds\":60,\"peers\":[{\"public_key\":\"" + PEER.base64() + "\","
                + "\"interface\":\"rait4x50002\",\"handshake_age_seconds\":5,\"rx_bytes\":1,\"tx_bytes\":2,\"endpoint\":null,"
                + "\"babeld_cost\":null}]}";

        PeerHealth peer = HealthReportJson.read(older.getBytes(StandardCharsets.UTF_8)).peers().get(0);

        assertEquals(0, peer.keepaliveSeconds());
        assertEquals(OptionalLong.empty(), peer.rxIdleSeconds());
    }

    @Test
    void unknownFieldsWrongTypesAndTooManyPeersAreRefusedNamingTheField() {
        assertTrue(refusal("{\"version\":\"1\",\"applied_serial\":null,\"last_pass\":{\"news\":\"x\",\"action\":\"y\",\"detail\":\"\","
                + "\"age_seconds\":0},\"report_interval_seconds\":60,\"peers\":[],\"node\":\"someone else\"}").contains("'node'"));
        assertTrue(refusal("{\"version\":1}").contains("'version'"));
        assertTrue(refusal("{\"version\":\"1\",\"applied_serial\":-1,\"last_pass\":{\"news\":\"x\",\"action\":\"y\",\"detail\":\"\","
                + "\"age_seconds\":0},\"report_interval_seconds\":60,\"peers\":[]}").contains("'applied_serial'"));
        StringBuilder many = new StringBuilder("{\"version\":\"1\",\"applied_serial\":null,\"last_pass\":{\"news\":\"x\",\"action\":\"y\","
                + "\"detail\":\"\",\"age_seconds\":0},\"report_interval_seconds\":60,\"peers\":[");
        for (int i = 0; i <= HealthReportJson.MAX_PEERS; i++) many.append(i == 0 ? "" : ",").append("{}");
        assertTrue(refusal(many.append("]}").toString()).contains("at most " + HealthReportJson.MAX_PEERS));
        assertTrue(refusal("not json").contains("not JSON"));
    }

    private static String refusal(String body) {
        return assertThrows(IllegalArgumentException.class, () -> HealthReportJson.read(body.getBytes(StandardCharsets.UTF_8))).getMessage();
    }
}
