package org.rait.cli;

import java.util.concurrent.Callable;

/** Base of commands that are part of the interface but not built yet: says so and exits non-zero. */
abstract class NotBuilt implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("rait: '" + commandName() + "' is not built in this version yet");
        return ExitStatus.NOT_BUILT;
    }

    abstract String commandName();
}
