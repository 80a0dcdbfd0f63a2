package org.rait.netlink;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Decodes an RTM_GETLINK dump reply captured from `ip -d link show` (see the resource's header). */
class LinkParserTest {
    static byte[] capturedHex(String resource) throws IOException {
        try (InputStream in = LinkParserTest.class.getResourceAsStream(resource)) {
            String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            String hex = text.lines().filter(l -> !l.startsWith("#")).collect(Collectors.joining()).strip();
            return HexFormat.of().parseHex(hex);
        }
    }

    @Test
    void dumpReplyDecodesToTheLinksIpShowed() throws IOException {
        byte[] datagram = capturedHex("rtm-newlink-dump.hex");
        List<NetlinkMessage> messages = NetlinkMessage.parseAll(datagram, datagram.length);
        List<Link> links = messages.stream().filter(m -> m.type() == Nl.RTM_NEWLINK).map(LinkParser::link).toList();

        assertEquals(List.of(
                new Link(1, "lo", "", 0, 65536, false, 0, 0),
                new Link(2, "br0", "bridge", 54, 1400, true, 0, Link.ADDR_GEN_MODE_NONE),
                new Link(5, "veth0", "veth", 0, 1500, false, 0, 0),
                new Link(6, "vx0", "veth", 0, 1500, false, 0, 0)), links);
    }

    @Test
    void everyMessageOfTheDumpIsMarkedMultipart() throws IOException {
        byte[] datagram = capturedHex("rtm-newlink-dump.hex");
        for (NetlinkMessage m : NetlinkMessage.parseAll(datagram, datagram.length)) {
            assertEquals(Nl.NLM_F_MULTI, m.flags() & Nl.NLM_F_MULTI);
        }
    }
}
