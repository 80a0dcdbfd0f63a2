package org.rait.configfile;

import org.rait.config.AddressFamily;
import org.rait.config.AgentSettings;
import org.rait.registration.CertificatePin;
import org.rait.config.BabeldConfig;
import org.rait.config.Backend;
import org.rait.config.Isolation;
import org.rait.config.IsolationType;
import org.rait.config.RaitConfig;
import org.rait.config.Remarks;
import org.rait.config.Transport;
import org.rait.keys.WgKey;
import org.rait.peers.EndpointAddress;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Maps a parsed rait.conf tree to {@link RaitConfig}, validating every key (see docs in deploy/). */
final class RaitConfigBinder {
    static final long MAX_U32 = 0xFFFF_FFFFL;
    static final int MIN_MTU = 1280;
    private static final Set<String> SOCKET_TYPES = Set.of("unix", "tcp");
    // Classes rather than method references: linking a method reference costs every command's start 0.3-1 ms of the
    // host (docs/benchmarks.md, "Start-up"), and a rait.conf reaches these four.
    private static final Function<String, Backend> BACKEND = new Function<>() {
        @Override
        public Backend apply(String text) {
            return Backend.parse(text);
        }
    };
    private static final Function<String, AddressFamily> FAMILY = new Function<>() {
        @Override
        public AddressFamily apply(String text) {
            return AddressFamily.parse(text);
        }
    };
    private static final Function<String, String> ADDRESS = new Function<>() {
        @Override
        public String apply(String text) {
            return EndpointAddress.parse(text);
        }
    };
    private static final Function<String, IsolationType> ISOLATION_TYPE = new Function<>() {
        @Override
        public IsolationType apply(String text) {
            return IsolationType.parse(text);
        }
    };

    private final Problems problems;

    private RaitConfigBinder(Problems problems) {
        this.problems = problems;
    }

    static RaitConfig bind(Node.Table root, String source) throws ConfigException {
        Problems problems = new Problems(source);
        RaitConfig config = new RaitConfigBinder(problems).config(new TableBinding(root, "", problems));
        problems.throwIfAny();
        return config;
    }

    /** `peers`: one location, or a list of http(s) URLs that serve the same signed snapshots. */
    private static String peers(TableBinding top) {
        if (!top.isList("peers")) return top.string("peers", RaitConfig.DEFAULT_PEERS);
        List<String> urls = top.strings("peers");
        if (urls == null) return null;
        if (urls.isEmpty()) {
            top.problem("peers", "an empty list; give one location or a list of http(s) URLs");
            return null;
        }
        for (String url : urls) {
            if (!RaitConfig.isUrl(url) || url.contains(RaitConfig.URL_SEPARATOR)) {
                top.problem("peers", "a list holds only http(s) URLs (mirrors of one registry), got '" + url + "'");
                return null;
            }
        }
        return String.join(RaitConfig.URL_SEPARATOR, urls);
    }

    private RaitConfig config(TableBinding top) {
        String name = top.string("name", "");
        WgKey privateKey = KeyField.required(top, "private_key");
        String peers = peers(top);
        Backend backend = top.choice("backend", Backend.AUTO, BACKEND);
        String runtimeDir = top.string("runtime_dir", RaitConfig.DEFAULT_RUNTIME_DIR);
        List<Transport> transports = transports(top.tables("transport"));
        // Each block through a plain conditional rather than Optional.map(this::block): every start would link
        // those lambdas, about 0.3 ms each (docs/benchmarks.md, "Start-up").
        TableBinding isolationBlock = top.table("isolation").orElse(null);
        Isolation isolation = isolationBlock == null ? Isolation.DEFAULT : isolation(isolationBlock);
        TableBinding babeldBlock = top.table("babeld").orElse(null);
        Optional<BabeldConfig> babeld = babeldBlock == null ? Optional.empty() : Optional.ofNullable(babeld(babeldBlock));
        TableBinding agentBlock = top.table("agent").orElse(null);
        AgentSettings agent = agentBlock == null ? AgentSettings.DEFAULT : agent(agentBlock);
        TableBinding remarksBlock = top.table("remarks").orElse(null);
        Remarks remarks = remarksBlock == null ? Remarks.NONE : RemarksBinder.bind(remarksBlock.node(), "remarks", problems);
        top.rejectUnknownKeys();
        if (name == null || privateKey == null || peers == null || backend == null || runtimeDir == null
                || transports == null || isolation == null || agent == null || babeld.isPresent() && babeld.get() == null
                || remarks == null) {
            return null;
        }
        return new RaitConfig(name, privateKey, peers, transports, isolation, babeld, backend, runtimeDir, agent, remarks);
    }

    private List<Transport> transports(List<TableBinding> tables) {
        List<Transport> out = new ArrayList<>();
        Map<AddressFamily, TableBinding> byFamily = new EnumMap<>(AddressFamily.class);
        boolean complete = true;
        for (TableBinding t : tables) {
            Transport transport = transport(t);
            if (transport == null) {
                complete = false;
                continue;
            }
            TableBinding earlier = byFamily.putIfAbsent(transport.addressFamily(), t);
            if (earlier != null) {
                t.problem("address_family", "a second " + transport.addressFamily()
                        + " transport (the first is at " + earlier.position() + "); one transport per family");
                complete = false;
            }
            out.add(transport);
        }
        return complete ? out : null;
    }

    private Transport transport(TableBinding t) {
        AddressFamily family = t.requiredChoice("address_family", FAMILY);
        Long sendPort = t.requiredInteger("send_port", 1, 65535);
        Long mtu = t.integer("mtu", Transport.DEFAULT_MTU, MIN_MTU, 65535);
        String ifprefix = t.string("ifprefix", family == null ? null : Transport.defaultIfprefix(family));
        if (ifprefix != null && t.has("ifprefix")) {
            String wrong = InterfacePrefix.problemWith(ifprefix);
            if (wrong != null) {
                t.problem("ifprefix", wrong);
                ifprefix = null;
            }
        }
        String address = t.choice("address", "", ADDRESS);
        String bindAddr = t.string("bind_addr", "");
        Long fwmark = t.integer("fwmark", 0, 0, MAX_U32);
        Boolean randomPort = t.bool("random_port", false);
        Long keepalive = t.integer("keepalive", 0, 0, 65535);
        t.rejectUnknownKeys();
        if (family == null || sendPort == null || mtu == null || ifprefix == null || address == null
                || bindAddr == null || fwmark == null || randomPort == null || keepalive == null) {
            return null;
        }
        return new Transport(family, sendPort.intValue(), mtu.intValue(), ifprefix, address, bindAddr, fwmark,
                randomPort, keepalive.intValue());
    }

    /**
     * vrf_table is required (1..2^31-1) with type = "vrf" and must stay 0 with netns, where it means nothing;
     * a VRF isolation has no transit.
     */
    private Isolation isolation(TableBinding t) {
        IsolationType type = t.choice("type", IsolationType.NETNS, ISOLATION_TYPE);
        Long ifgroup = t.integer("ifgroup", Isolation.DEFAULT_IFGROUP, 0, MAX_U32);
        String transit = t.string("transit", "");
        String target = t.string("target", "");
        Long vrfTable;
        if (type == IsolationType.VRF) {
            vrfTable = t.requiredInteger("vrf_table", 1, Integer.MAX_VALUE);
            if (transit != null && !transit.isEmpty()) {
                // Neither kernel WireGuard nor wireguard-go can bind its socket to a VRF (see tunnels.md).
                t.problem("transit", "must be \"\" with type = \"vrf\": WireGuard sockets cannot be bound to a VRF");
            }
        } else {
            vrfTable = t.integer("vrf_table", 0, 0, Integer.MAX_VALUE);
            if (vrfTable != null && vrfTable != 0) {
                t.problem("vrf_table", "only means something with type = \"vrf\"");
                vrfTable = null;
            }
        }
        t.rejectUnknownKeys();
        if (type == null || ifgroup == null || transit == null || target == null || vrfTable == null) return null;
        return new Isolation(type, ifgroup, transit, target, vrfTable.intValue());
    }

    private BabeldConfig babeld(TableBinding t) {
        String socketType = t.choice("socket_type", BabeldConfig.DEFAULT_SOCKET_TYPE, text -> {
            if (!SOCKET_TYPES.contains(text)) {
                throw new IllegalArgumentException("must be \"unix\" or \"tcp\", got \"" + text + "\"");
            }
            return text;
        });
        String socketAddr = t.string("socket_addr", BabeldConfig.DEFAULT_SOCKET_ADDR);
        String param = t.string("param", BabeldConfig.DEFAULT_PARAM);
        String extraCmd = t.string("extra_cmd", "");
        t.rejectUnknownKeys();
        if (socketType == null || socketAddr == null || param == null || extraCmd == null) return null;
        return new BabeldConfig(socketType, socketAddr, param, extraCmd);
    }

    private AgentSettings agent(TableBinding t) {
        AgentSettings d = AgentSettings.DEFAULT;
        List<String> trustedKeys = t.strings("trusted_keys");
        Boolean verify = t.bool("verify", d.verify());
        String stateDir = t.string("state_dir", d.stateDir());
        Long interval = t.integer("interval", d.intervalSeconds(), 1, Integer.MAX_VALUE);
        Double maxRemovalShare = t.number("max_removal_share", d.maxRemovalShare(), 0, 1);
        String metricsListen = t.string("metrics_listen", d.metricsListen());
        String registry = t.string("registry", d.registry());
        Boolean publishEndpoints = t.bool("publish_endpoints", d.publishEndpoints());
        String tlsPin = t.choice("tls_pin", d.tlsPin(), text -> {
            if (!text.isEmpty()) CertificatePin.parse(text);
            return text;
        });
        Boolean report = t.bool("report", d.report());
        Long reportInterval = t.integer("report_interval", d.reportInterval(), 1, Integer.MAX_VALUE);
        Long observeInterval = t.integer("observe_interval", d.observeInterval(), 1, Integer.MAX_VALUE);
        t.rejectUnknownKeys();
        if (trustedKeys == null || verify == null || stateDir == null || interval == null || maxRemovalShare == null
                || metricsListen == null || registry == null || publishEndpoints == null || tlsPin == null
                || report == null || reportInterval == null || observeInterval == null) {
            return null;
        }
        return new AgentSettings(trustedKeys, verify, stateDir, interval.intValue(), maxRemovalShare, metricsListen,
                registry, publishEndpoints, tlsPin, report, reportInterval.intValue(), observeInterval.intValue());
    }
}
