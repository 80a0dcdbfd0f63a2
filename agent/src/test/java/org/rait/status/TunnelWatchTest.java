package org.rait.status;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TunnelWatchTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2027-01-15T10:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final AtomicLong rx = new AtomicLong(100);
    private final AtomicReference<String> peer = new AtomicReference<>("KEY-A");
    private final TunnelWatch watch = new TunnelWatch(() -> List.of(new TunnelStatus("rait4x50001", "alice", peer.get(),
            Optional.of("10.0.0.2:50001"), OptionalLong.of(3), rx.get(), 20, true, 5)), Duration.ofSeconds(1), clock);

    @Test
    void rxIdleIsTheTimeSinceTheFirstLookThatSawTheCurrentRxCounterAndZeroOnceItGrows() {
        assertEquals(0, idle(), "the first look knows nothing older");
        later(3);
        assertEquals(3, idle(), "the counter stood still between two looks 3 s apart");
        later(4);
        assertEquals(7, idle());
        rx.addAndGet(32);
        later(3);
        assertEquals(0, idle(), "it grew since the previous look");
        later(2);
        assertEquals(2, idle());
    }

    @Test
    void anotherPeerOnTheSameInterfaceStartsOverAndLooksWithinASecondShareOneReading() {
        idle();
        later(5);
        assertEquals(5, idle());
        peer.set("KEY-B");
        later(2);
        assertEquals(0, idle(), "a new peer's counter is not the old one's");
        now.set(now.get().plusMillis(500));
        rx.addAndGet(1);
        assertEquals(0, idle(), "within a second the last look is given again");
    }

    private long idle() {
        return watch.tunnels().get(0).rxIdleSeconds();
    }

    private void later(long seconds) {
        now.set(now.get().plusSeconds(seconds));
    }
}
