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

/** The babeld step of a pass: nothing without a babeld block, and how it reports a babeld it cannot reach. */
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

    /** One sync over no managed links. */
    private BabeldStep.Result sync(RaitConfig config) {
        return BabeldStep.sync(config, List::of, babeld -> Babeld.connect(babeld, config.isolation(), Timeouts.DEFAULT), log.log());
    }

    @Test
    void withoutABabeldBlockTheStepDoesNothingAndReportsNothing() throws ConfigException {
        BabeldStep.Result result = sync(config(""));

        assertEquals(BabeldStep.Status.NOT_CONFIGURED, result.status());
        assertEquals("", result.status().recapField());
        assertEquals(List.of(), log.lines());
    }

    @Test
    void unreachableBabeldFailsTheStepWithTheSocketNamedInsteadOfThrowing() throws ConfigException {
        BabeldStep.Result result = sync(withAbsentSocket());

        assertTrue(result.failed());
        assertEquals("babeld=failed", result.status().recapField());
        Path socket = dir.resolve("babeld.ctl");
        assertEquals("babeld control socket unix:" + socket + " does not exist: is babeld running with -G " + socket + "?",
                result.error());
        assertEquals(List.of("level=warn event=babeld result=failed reason=\"" + result.error() + "\""), log.lines());
    }
}
