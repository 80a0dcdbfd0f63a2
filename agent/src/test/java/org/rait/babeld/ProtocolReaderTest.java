package org.rait.babeld;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProtocolReaderTest {
    private static ProtocolReader reading(String text) {
        BufferedReader lines = new BufferedReader(new StringReader(text));
        return new ProtocolReader(lines::readLine);
    }

    @Test
    void bannerOfBabeld112IsReadUpToItsOk() throws IOException {
        ProtocolReader reader = Transcripts.reader("banner.txt", "dump-placeholder-only.txt");

        Banner banner = reader.readBanner();

        assertEquals(new Banner("BABEL 1.0", "babeld-1.12.1", "vm", "44:92:64:d1:42:a2:fc:0e"), banner);
        Reply.Ok dump = assertInstanceOf(Reply.Ok.class, reader.readReply(), "the dump after the banner");
        assertEquals(2, dump.body().size());
    }

    @Test
    void okNoAndBadEachEndOneReply() throws IOException {
        ProtocolReader reader = reading("ok\nno No such interface\nbad\n");

        assertEquals(new Reply.Ok(java.util.List.of()), reader.readReply());
        assertEquals(new Reply.No("No such interface"), reader.readReply());
        assertEquals(new Reply.Bad(), reader.readReply());
    }

    @Test
    void aBareNoIsARefusalWithoutReason() throws IOException {
        assertEquals(new Reply.No(""), reading("no\n").readReply());
    }

    @Test
    void linesBeforeOkAreTheBodyOfTheReply() throws IOException {
        Reply.Ok ok = assertInstanceOf(Reply.Ok.class, Transcripts.reader("dump-converged.txt").readReply());

        assertEquals(11, ok.body().size());
        assertTrue(ok.body().get(0).startsWith("add interface placeholder0"));
    }

    @Test
    void aConnectionClosedMidReplyIsAnErrorNotAnEmptyReply() {
        MalformedReply e = assertThrows(MalformedReply.class,
                () -> reading("add interface vA up true\n").readReply());
        assertEquals("babeld closed the connection while rait waited for a reply", e.getMessage());
    }

    @Test
    void somethingOtherThanBabeldIsRefusedAtTheBanner() {
        MalformedReply e = assertThrows(MalformedReply.class, () -> reading("SSH-2.0-OpenSSH_9.2\n").readBanner());
        assertEquals("expected a banner starting with 'BABEL', got 'SSH-2.0-OpenSSH_9.2'", e.getMessage());
    }
}
