package org.rait.babeld;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rait.config.RaitConfig;
import org.rait.configfile.ConfigException;
import org.rait.configfile.ConfigFiles;
import org.rait.testing.LogCapture;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When the babeld step of a pass talks to babeld, and how it reports a babeld it cannot reach. */
class BabeldStepTest {
    private static final String KEY = "private_key = \"IDpAsBoxAoS/iQR898ppm/jx+1s6VUCE/eT56acCC3g=\"\n";
    /** A target namespace that does not exist: rait manages nothing there and no netlink is opened. */
    private static final String ISOLATION = "isolation {\n  target = \"raitt-never-created\"\n}\n";

    @TempDir
    Path dir;

    private final LogCapture log = new LogCapture();

    private RaitConfig config(String babeldBlock) throws ConfigException {
        return ConfigFiles.parseRaitConfig(KEY + ISOLATION + babeldBlock, "rait.conf");
    }

    private RaitConfig withAbsentSocket() throws ConfigException {
        return config("babeld {\n  socket_addr = \"" + dir.resolve("babeld.ctl") + "\"\n}\n");
    }

    @Test
    void withoutABabeldBlockTheStepDoesNothingAndReportsNothing() throws ConfigException {
        BabeldStep.Result result = BabeldStep.afterPass(config(""), true, true, Timeouts.DEFAULT, log.log());

        assertEquals(BabeldStep.Status.NOT_CONFIGURED, result.status());
        assertEquals("", result.status().recapField());
        assertEquals(List.of(), log.lines());
    }

    @Test
    void laterPassWithNoInterfaceChangeDoesNotContactBabeld() throws ConfigException {
        BabeldStep.Result result = BabeldStep.afterPass(withAbsentSocket(), false, false, Timeouts.DEFAULT, log.log());

        assertEquals(BabeldStep.Status.SKIPPED, result.status());
        assertEquals("babeld=skipped", result.status().recapField());
        assertEquals(List.of(), log.lines());
    }

    @Test
    void firstPassSyncsEvenWhenNothingChanged() throws ConfigException {
        BabeldStep.Result result = BabeldStep.afterPass(withAbsentSocket(), false, true, Timeouts.DEFAULT, log.log());

        assertEquals(BabeldStep.Status.FAILED, result.status(), "it tried, and the socket is absent");
    }

    @Test
    void unreachableBabeldFailsTheStepWithTheSocketNamedInsteadOfThrowing() throws ConfigException {
        BabeldStep.Result result = BabeldStep.afterPass(withAbsentSocket(), true, false, Timeouts.DEFAULT, log.log());

        assertTrue(result.failed());
        assertEquals("babeld=failed", result.status().recapField());
        Path socket = dir.resolve("babeld.ctl");
        assertEquals("babeld control socket unix:" + socket + " does not exist: is babeld running with -G " + socket + "?",
                result.error());
        assertEquals(List.of("level=warn event=babeld result=failed reason=\"" + result.error() + "\""), log.lines());
    }
}
