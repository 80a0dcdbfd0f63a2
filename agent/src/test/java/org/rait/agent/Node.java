package org.rait.agent;

import org.rait.config.AddressFamily;
import org.rait.config.AgentSettings;
import org.rait.config.BabeldConfig;
import org.rait.config.Backend;
import org.rait.config.Isolation;
import org.rait.config.RaitConfig;
import org.rait.config.Transport;
import org.rait.configfile.ConfigFiles;
import org.rait.fetch.FetchPolicy;
import org.rait.keys.WgKey;
import org.rait.log.EventLog;
import org.rait.state.StateDirectory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One simulated node for unit tests: a real agent (fetch, trust, state, guard, metrics) over {@link FakeTunnels}.
 */
final class Node implements AutoCloseable {
    /** Short timeouts and backoff: three attempts that time out take under three seconds, yet a loaded machine does not time out a healthy request. */
    static final FetchPolicy QUICK = new FetchPolicy(Duration.ofSeconds(1), Duration.ofMillis(800), Duration.ofSeconds(2),
            64 * 1024, 4096, 3, Duration.ofMillis(20), 2.0, Duration.ofSeconds(2), 0.5, 50, Duration.ofSeconds(1), Duration.ofSeconds(30));

    final RaitConfig config;
    final FakeTunnels tunnels;
    final Agent agent;
    final StateDirectory state;
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();

    Node(String peersUrl, List<String> trustedKeys, boolean verify, Path stateDir, FakeTunnels tunnels) {
        this(config(peersUrl, new AgentSettings(trustedKeys, verify, stateDir.toString(), 60, 0.5, "", "", false)), stateDir, tunnels);
    }

    Node(RaitConfig config, Path stateDir, FakeTunnels tunnels) {
        this.config = config;
        this.tunnels = tunnels;
        this.state = new StateDirectory(stateDir);
        EventLog log = new EventLog(new PrintStream(logBytes, true, StandardCharsets.UTF_8), false);
        this.agent = Agent.assemble(config, Agent.Run.loop(Duration.ofSeconds(5)), tunnels, List.of(), ConfigFiles::parsePeers, QUICK, Optional.empty(), Clock.systemUTC(), log);
    }

    static RaitConfig config(String peersUrl, AgentSettings settings) {
        return config(peersUrl, settings, Optional.empty());
    }

    static RaitConfig config(String peersUrl, AgentSettings settings, Optional<BabeldConfig> babeld) {
        byte[] own = new byte[WgKey.LENGTH];
        own[0] = 8;
        Transport ip6 = new Transport(AddressFamily.IP6, 50999, 1420, "rait6x", "", "", 54, false, 0);
        return new RaitConfig("self", WgKey.of(own), peersUrl, List.of(ip6), Isolation.DEFAULT, babeld,
                Backend.USERSPACE, "/run/rait", settings);
    }

    PassReport pass() {
        return agent.pass().run(false);
    }

    PassReport passForced() {
        return agent.pass().run(true);
    }

    PassReport start() {
        return agent.pass().startFromCache(agent.trust());
    }

    String log() {
        return logBytes.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        agent.close();
    }
}
