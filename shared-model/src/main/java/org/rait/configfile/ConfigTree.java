package org.rait.configfile;

import org.rait.config.AgentSettings;
import org.rait.config.BabeldConfig;
import org.rait.config.Backend;
import org.rait.config.Isolation;
import org.rait.config.IsolationType;
import org.rait.config.RaitConfig;
import org.rait.config.Remarks;
import org.rait.config.Transport;
import org.rait.peers.Endpoint;
import org.rait.peers.Peer;
import org.rait.peers.PeerList;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The models as {@link Node} trees, the one input of both renderers. Keys RAIT writes
 * (mtu, ifprefix, the babeld keys) are always written; others are left out at their defaults.
 * The binder's defaults give the same value back, so render-then-parse returns an equal model.
 */
final class ConfigTree {
    private ConfigTree() {
    }

    static Node.Table of(RaitConfig c) {
        TableBuilder top = new TableBuilder();
        top.putIf(!c.name().isEmpty(), "name", c.name());
        top.put("private_key", c.privateKey().base64());
        if (c.peerUrls().size() > 1) {
            top.put("peers", new Node.ListNode(Position.START, c.peerUrls().stream().map(u -> (Node) new Node.Scalar(Position.START, u)).toList()));
        } else {
            top.put("peers", c.peers());
        }
        top.putIf(c.backend() != Backend.AUTO, "backend", c.backend().spelling());
        top.putIf(!c.runtimeDir().equals(RaitConfig.DEFAULT_RUNTIME_DIR), "runtime_dir", c.runtimeDir());
        top.blocks("transport", c.transports().stream().map(ConfigTree::transport).toList());
        if (!c.isolation().equals(Isolation.DEFAULT)) top.put("isolation", isolation(c.isolation()));
        c.babeld().ifPresent(b -> top.put("babeld", babeld(b)));
        if (!c.agent().equals(AgentSettings.DEFAULT)) top.put("agent", agent(c.agent()));
        if (!c.remarks().isEmpty()) top.put("remarks", remarks(c.remarks()));
        return top.build();
    }

    static Node.Table remarks(Remarks r) {
        TableBuilder b = new TableBuilder();
        r.entries().forEach((key, value) -> b.put(key, remark(value)));
        return b.build();
    }

    private static Node remark(Object value) {
        if (value instanceof Remarks r) return remarks(r);
        if (value instanceof List<?> list) {
            return new Node.ListNode(Position.START, list.stream().map(ConfigTree::remark).toList());
        }
        return new Node.Scalar(Position.START, value);
    }

    static Node.Table of(PeerList list) {
        TableBuilder top = new TableBuilder();
        top.blocks("peers", list.peers().stream().map(ConfigTree::peer).toList());
        return top.build();
    }

    private static Node.Table transport(Transport t) {
        TableBuilder b = new TableBuilder();
        b.put("address_family", t.addressFamily().spelling());
        b.put("send_port", (long) t.sendPort());
        b.put("mtu", (long) t.mtu());
        b.put("ifprefix", t.ifprefix());
        b.putIf(!t.address().isEmpty(), "address", t.address());
        b.putIf(!t.bindAddr().isEmpty(), "bind_addr", t.bindAddr());
        b.putIf(t.fwmark() != 0, "fwmark", t.fwmark());
        b.putIf(t.randomPort(), "random_port", true);
        b.putIf(t.keepalive() != 0, "keepalive", (long) t.keepalive());
        return b.build();
    }

    private static Node.Table isolation(Isolation i) {
        TableBuilder b = new TableBuilder();
        b.putIf(i.type() != IsolationType.NETNS, "type", i.type().spelling());
        b.put("ifgroup", i.ifgroup());
        b.put("transit", i.transit());
        b.put("target", i.target());
        b.putIf(i.vrfTable() != 0, "vrf_table", (long) i.vrfTable());
        return b.build();
    }

    private static Node.Table babeld(BabeldConfig c) {
        TableBuilder b = new TableBuilder();
        b.put("socket_type", c.socketType());
        b.put("socket_addr", c.socketAddr());
        b.put("param", c.param());
        b.put("extra_cmd", c.extraCmd());
        return b.build();
    }

    private static Node.Table agent(AgentSettings a) {
        AgentSettings d = AgentSettings.DEFAULT;
        TableBuilder b = new TableBuilder();
        if (!a.trustedKeys().isEmpty()) {
            List<Node> keys = a.trustedKeys().stream().map(k -> (Node) new Node.Scalar(Position.START, k)).toList();
            b.put("trusted_keys", new Node.ListNode(Position.START, keys));
        }
        b.putIf(a.verify() != d.verify(), "verify", a.verify());
        b.putIf(!a.stateDir().equals(d.stateDir()), "state_dir", a.stateDir());
        b.putIf(a.intervalSeconds() != d.intervalSeconds(), "interval", (long) a.intervalSeconds());
        b.putIf(a.maxRemovalShare() != d.maxRemovalShare(), "max_removal_share", a.maxRemovalShare());
        b.putIf(!a.metricsListen().equals(d.metricsListen()), "metrics_listen", a.metricsListen());
        b.putIf(!a.registry().equals(d.registry()), "registry", a.registry());
        b.putIf(a.publishEndpoints() != d.publishEndpoints(), "publish_endpoints", a.publishEndpoints());
        b.putIf(!a.tlsPin().equals(d.tlsPin()), "tls_pin", a.tlsPin());
        b.putIf(a.report() != d.report(), "report", a.report());
        b.putIf(a.reportInterval() != d.reportInterval(), "report_interval", (long) a.reportInterval());
        b.putIf(a.observeInterval() != d.observeInterval(), "observe_interval", (long) a.observeInterval());
        return b.build();
    }

    private static Node.Table peer(Peer p) {
        TableBuilder b = new TableBuilder();
        b.put("public_key", p.publicKey().base64());
        b.putIf(!p.name().isEmpty(), "name", p.name());
        b.blocks("endpoint", p.endpoints().stream().map(ConfigTree::endpoint).toList());
        return b.build();
    }

    private static Node.Table endpoint(Endpoint e) {
        TableBuilder b = new TableBuilder();
        b.put("address_family", e.addressFamily().spelling());
        b.put("send_port", (long) e.sendPort());
        b.putIf(!e.address().isEmpty(), "address", e.address());
        return b.build();
    }

    /** Rendered trees carry no positions; every node sits at the start. */
    private static final class TableBuilder {
        private final Map<String, Node.Field> fields = new LinkedHashMap<>();

        void put(String key, Object scalar) {
            put(key, new Node.Scalar(Position.START, scalar));
        }

        void put(String key, Node value) {
            fields.put(key, new Node.Field(key, Position.START, value));
        }

        void putIf(boolean condition, String key, Object scalar) {
            if (condition) put(key, scalar);
        }

        void blocks(String key, List<Node.Table> tables) {
            if (!tables.isEmpty()) put(key, new Node.ListNode(Position.START, new ArrayList<>(tables)));
        }

        Node.Table build() {
            return new Node.Table(Position.START, fields);
        }
    }
}
