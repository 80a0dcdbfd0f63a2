package org.rait.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/**
 * `rait demo` lives in the demo module, which the agent's jar does not contain: bin/rait puts it on the
 * class path when it is there (a source build's demo/target/classes, an installation's lib/rait-demo).
 */
final class DemoModule {
    static final String COMMAND = "org.rait.demo.DemoCommand";

    private DemoModule() {
    }

    /** The demo module's command, or a stand-in that says where it comes from. */
    static Class<?> command() {
        try {
            return Class.forName(COMMAND, false, DemoModule.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return Absent.class;
        }
    }

    @Command(name = "demo", description = "A registry and three nodes on this machine (the demo module is not installed here)")
    static final class Absent implements Callable<Integer> {
        @Override
        public Integer call() {
            System.err.println("rait: the demo is not installed here: it comes with the demo module (lib/rait-demo in the"
                    + " tarball, demo/target after `mvn -q -B -DskipTests package` in a source checkout)");
            return ExitStatus.NOT_BUILT;
        }
    }
}
