package org.rait.tunnels;

import org.rait.babeld.BabeldStep;
import org.rait.config.RaitConfig;
import org.rait.plan.TunnelChange;
import org.rait.plan.TunnelPlan;
import org.rait.wireguard.DeviceState;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The agent's kernel side: the real one ({@code inner}) consulted only for what {@link KnownState} cannot answer. A pass
 * that finds nothing new plans from what is known and, when its plan changes nothing, never opens the real session:
 * no run lock, no namespace, no socket, no kernel read. After an apply it reads back only what it touched (each of
 * those links by name, one address dump, the devices it wrote), so that the events of its own writes agree with what is
 * known.
 *
 * <p>Checks (`--check`) always look at the kernel itself.
 */
public final class KnownTunnels implements Tunnels {
    private final Tunnels inner;
    private final KnownState known;

    public KnownTunnels(Tunnels inner, KnownState known) {
        this.inner = inner;
        this.known = known;
    }

    @Override
    public Session openToApply(RaitConfig config) {
        return new KnownSession(config);
    }

    @Override
    public Session openToObserve(RaitConfig config) {
        return inner.openToObserve(config);
    }

    private final class KnownSession implements Session {
        private final RaitConfig config;
        private Session real;
        private ManagedInterfaces.Observation planned;
        private KnownState.Reading reading;

        KnownSession(RaitConfig config) {
            this.config = config;
        }

        /** The real session, opened (run lock first) at the first thing only the kernel can do. */
        private Session real() {
            if (real == null) real = inner.openToApply(config);
            return real;
        }

        @Override
        public ManagedInterfaces.Observation observe() {
            Optional<ManagedInterfaces.Observation> current = known.current();
            if (current.isPresent()) {
                reading = KnownState.Reading.KNOWN;
                planned = current.get();
                return planned;
            }
            Optional<Map<Integer, Optional<DeviceState>>> trusted = known.trustedDevices();
            reading = trusted.isPresent() ? KnownState.Reading.PARTIAL : KnownState.Reading.FULL;
            planned = readAndRemember(trusted);
            return planned;
        }

        @Override
        public ManagedInterfaces.Observation observe(Map<Integer, Optional<DeviceState>> knownDevices) {
            return real().observe(knownDevices);
        }

        @Override
        public Optional<KnownState.Reading> reading() {
            return Optional.ofNullable(reading);
        }

        @Override
        public Recap apply(TunnelPlan plan, Progress progress) {
            boolean changesNothing = plan.changes().stream().allMatch(c -> c instanceof TunnelChange.Unchanged);
            if (changesNothing && real == null) {
                return new Recap(plan.changes().size(), 0, 0, 0, 0, java.util.List.of());
            }
            Recap recap;
            try {
                recap = real().apply(plan, progress);
            } catch (RuntimeException e) {
                known.forget();
                throw e;
            }
            if (!changesNothing) readBack(plan);
            return recap;
        }

        /**
         * What the apply touched, read again (by name: the links the plan did not touch are taken from what was known,
         * and their changes meanwhile come as link events like any other).
         */
        private void readBack(TunnelPlan plan) {
            Set<String> touched = new HashSet<>();
            for (TunnelChange c : plan.changes()) if (!(c instanceof TunnelChange.Unchanged)) touched.add(c.ifname());
            long mark = known.mark();
            try {
                known.observed(real().observeAgain(planned, touched), false, mark);
            } catch (RuntimeException e) {
                // The apply went through; what it left is read at the next pass.
                known.forget();
            }
        }

        private ManagedInterfaces.Observation readAndRemember(Optional<Map<Integer, Optional<DeviceState>>> trusted) {
            long mark = known.mark();
            ManagedInterfaces.Observation seen = real().observe(trusted.orElse(Map.of()));
            known.observed(seen, trusted.isEmpty(), mark);
            return seen;
        }

        @Override
        public BabeldStep.Result syncBabeld() {
            return real().syncBabeld();
        }

        @Override
        public void close() {
            if (real != null) real.close();
        }
    }
}
