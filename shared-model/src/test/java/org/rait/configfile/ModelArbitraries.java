package org.rait.configfile;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.rait.config.AddressFamily;
import org.rait.config.AgentSettings;
import org.rait.config.BabeldConfig;
import org.rait.config.Backend;
import org.rait.config.Isolation;
import org.rait.config.IsolationType;
import org.rait.config.RaitConfig;
import org.rait.config.Remarks;
import org.rait.config.Transport;
import org.rait.keys.WgKey;
import org.rait.peers.Endpoint;
import org.rait.peers.Peer;
import org.rait.peers.PeerList;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Random models that pass validation: every value inside its documented range. */
final class ModelArbitraries {
    private ModelArbitraries() {
    }

    /** Any text without lone surrogates, with quotes, backslashes and control characters included. */
    static Arbitrary<String> text() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('\u0000', '\uD7FF').withCharRange('\uE000', '\uFFFD').ofMaxLength(20),
                Arbitraries.strings().withChars("\"\\#{}[]=, \n\t'").ofMaxLength(8),
                Arbitraries.of("", "1.1.1.1", "example.com", "/run/babeld.ctl"));
    }

    /** What an endpoint address may be (EndpointAddress): empty, IP literals and RFC 1123 names. */
    static Arbitrary<String> address() {
        Arbitrary<String> label = Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').withChars('-')
                .ofMinLength(1).ofMaxLength(12).filter(l -> !l.startsWith("-") && !l.endsWith("-"));
        Arbitrary<String> name = label.list().ofMinSize(1).ofMaxSize(4).map(ls -> String.join(".", ls) + ".example");
        Arbitrary<String> ipv4 = Arbitraries.integers().between(0, 255).list().ofSize(4)
                .map(octets -> octets.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(".")));
        Arbitrary<String> ipv6 = Arbitraries.integers().between(0, 0xffff).list().ofSize(8)
                .map(groups -> groups.stream().map(Integer::toHexString).collect(java.util.stream.Collectors.joining(":")));
        return Arbitraries.oneOf(Arbitraries.of("", "1.1.1.1", "example.com", "2001:db8::1", "::"), name, ipv4, ipv6);
    }

    static Arbitrary<WgKey> keys() {
        return Arbitraries.bytes().array(byte[].class).ofSize(32).map(WgKey::of);
    }

    static Arbitrary<Transport> transport(AddressFamily family) {
        Arbitrary<String> ifprefix = Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9')
                .withChars("_.-").ofMinLength(1).ofMaxLength(InterfacePrefix.MAX_BYTES);
        return Combinators.combine(Arbitraries.integers().between(1, 65535),
                        Arbitraries.integers().between(RaitConfigBinder.MIN_MTU, 65535), ifprefix, address(), text(),
                        Arbitraries.longs().between(0, RaitConfigBinder.MAX_U32), Arbitraries.of(true, false),
                        Arbitraries.integers().between(0, 65535))
                .as((port, mtu, prefix, address, bind, fwmark, random, keepalive) ->
                        new Transport(family, port, mtu, prefix, address, bind, fwmark, random, keepalive));
    }

    static Arbitrary<List<Transport>> transports() {
        return Arbitraries.<List<AddressFamily>>of(List.of(), List.of(AddressFamily.IP4), List.of(AddressFamily.IP6),
                        List.of(AddressFamily.IP4, AddressFamily.IP6), List.of(AddressFamily.IP6, AddressFamily.IP4))
                .flatMap(families -> {
                    if (families.isEmpty()) return Arbitraries.just(List.<Transport>of());
                    if (families.size() == 1) return transport(families.get(0)).map(List::of);
                    return Combinators.combine(transport(families.get(0)), transport(families.get(1))).as(List::of);
                });
    }

    static Arbitrary<Isolation> isolation() {
        return Combinators.combine(Arbitraries.of(IsolationType.class), Arbitraries.longs().between(0, RaitConfigBinder.MAX_U32),
                        text(), text(), Arbitraries.integers().between(1, Integer.MAX_VALUE))
                .as((type, ifgroup, transit, target, table) ->
                        new Isolation(type, ifgroup, type == IsolationType.VRF ? "" : transit, target,
                                type == IsolationType.VRF ? table : 0));
    }

    static Arbitrary<Optional<BabeldConfig>> babeld() {
        return Combinators.combine(Arbitraries.of("unix", "tcp"), text(), text(), text())
                .as(BabeldConfig::new).optional();
    }

    static Arbitrary<AgentSettings> agent() {
        Arbitrary<AgentSettings> unpinned = Combinators.combine(text().list().ofMaxSize(3), Arbitraries.of(true, false), text(),
                        Arbitraries.integers().between(1, Integer.MAX_VALUE),
                        Arbitraries.oneOf(Arbitraries.doubles().between(0, 1), Arbitraries.of(0.0, 0.5, 1.0, 1e-9)),
                        text(), text(), Arbitraries.of(true, false))
                .as(AgentSettings::new);
        Arbitrary<String> pins = Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.bytes().array(byte[].class).ofSize(32)
                .map(b -> "sha256/" + java.util.Base64.getEncoder().encodeToString(b)));
        Arbitrary<Integer> seconds = Arbitraries.integers().between(1, Integer.MAX_VALUE);
        return Combinators.combine(unpinned, pins, Arbitraries.of(true, false), seconds, seconds)
                .as((a, pin, report, reportInterval, observeInterval) -> new AgentSettings(a.trustedKeys(), a.verify(),
                a.stateDir(), a.intervalSeconds(), a.maxRemovalShare(), a.metricsListen(), a.registry(),
                a.publishEndpoints(), pin, report, reportInterval, observeInterval));
    }

    static Arbitrary<RaitConfig> raitConfigs() {
        Arbitrary<RaitConfig> base = Combinators.combine(text(), keys(), text(), transports(), isolation(), babeld(),
                        Arbitraries.of(Backend.class), text())
                .as((name, key, peers, transports, isolation, babeld, backend, runtimeDir) ->
                        new RaitConfig(name, key, peers, transports, isolation, babeld, backend, runtimeDir,
                                AgentSettings.DEFAULT));
        return Combinators.combine(base, agent().injectNull(0.3), remarks(2)).as((c, agent, remarks) ->
                new RaitConfig(c.name(), c.privateKey(), c.peers(), c.transports(), c.isolation(), c.babeld(),
                        c.backend(), c.runtimeDir(), agent == null ? AgentSettings.DEFAULT : agent, remarks));
    }

    /** Free-form remarks: names for keys; scalars, lists of one scalar type and nested (repeated) blocks as values. */
    static Arbitrary<Remarks> remarks(int depth) {
        Arbitrary<String> names = Arbitraries.strings().withCharRange('a', 'z').withChars("_-0").ofMinLength(1).ofMaxLength(8)
                .filter(n -> !n.startsWith("-") && !n.startsWith("0"));
        List<Arbitrary<?>> scalars = List.of(text(), Arbitraries.longs(), Arbitraries.doubles().between(-1e12, 1e12),
                Arbitraries.of(true, false));
        List<Arbitrary<?>> values = new ArrayList<>(scalars);
        for (Arbitrary<?> scalar : scalars) values.add(scalar.list().ofMaxSize(3));
        if (depth > 0) {
            values.add(remarks(depth - 1));
            values.add(remarks(depth - 1).list().ofMinSize(2).ofMaxSize(3));
        }
        Arbitrary<Object> value = Arbitraries.oneOf(values.stream().map(a -> a.map(v -> (Object) v)).toList());
        return Arbitraries.maps(names, value).ofMaxSize(4).map(java.util.LinkedHashMap::new).map(Remarks::new);
    }

    static Arbitrary<Endpoint> endpoint() {
        return Combinators.combine(Arbitraries.of(AddressFamily.class), Arbitraries.integers().between(1, 65535), address())
                .as(Endpoint::new);
    }

    static Arbitrary<PeerList> peerLists() {
        Arbitrary<List<Endpoint>> endpoints = endpoint().list().ofMaxSize(4)
                .uniqueElements(e -> e.addressFamily() + "/" + e.sendPort());
        Arbitrary<Peer> peer = Combinators.combine(keys(), text(), endpoints).as(Peer::new);
        return peer.list().ofMaxSize(5).uniqueElements(Peer::publicKey).map(ArrayList::new).map(PeerList::new);
    }
}
