package org.rait.configfile;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.rait.config.RaitConfig;
import org.rait.peers.PeerList;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RoundTripPropertiesTest {
    @Property(tries = 300)
    void anyValidRaitConfigSurvivesRenderThenParseInBothSyntaxes(@ForAll("raitConfigs") RaitConfig config)
            throws ConfigException {
        for (Syntax syntax : Syntax.values()) {
            String text = ConfigFiles.render(config, syntax);
            assertEquals(config, ConfigFiles.parseRaitConfig(text, "rendered"), () -> syntax + ":\n" + text);
        }
    }

    @Property(tries = 300)
    void anyValidPeerListSurvivesRenderThenParseInBothSyntaxes(@ForAll("peerLists") PeerList peers)
            throws ConfigException {
        for (Syntax syntax : Syntax.values()) {
            String text = ConfigFiles.render(peers, syntax);
            assertEquals(peers, ConfigFiles.parsePeers(text, "rendered"), () -> syntax + ":\n" + text);
        }
    }

    @Property(tries = 100)
    void renderingIsDeterministic(@ForAll("raitConfigs") RaitConfig config) {
        for (Syntax syntax : Syntax.values()) {
            assertEquals(ConfigFiles.render(config, syntax), ConfigFiles.render(config, syntax));
        }
    }

    @Provide
    Arbitrary<RaitConfig> raitConfigs() {
        return ModelArbitraries.raitConfigs();
    }

    @Provide
    Arbitrary<PeerList> peerLists() {
        return ModelArbitraries.peerLists();
    }
}
