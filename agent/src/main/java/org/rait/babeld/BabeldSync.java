package org.rait.babeld;

import org.rait.config.BabeldConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * Brings babeld in line with rait's interfaces over an open control connection: reads babeld's
 * interfaces, plans with {@link SyncPlanner}, sends every step. A refused step does not stop the
 * others; the outcome says which failed.
 */
public final class BabeldSync {
    private BabeldSync() {
    }

    public static SyncOutcome run(BabeldClient client, RaitInterfaces rait, BabeldConfig config) {
        List<String> running = client.dump().interfaceNames();
        List<SyncStep> steps = SyncPlanner.plan(rait, running, config.param(), config.extraCmd());
        List<StepResult> results = new ArrayList<>();
        for (SyncStep step : steps) {
            results.add(new StepResult(step, client.send(step.command())));
        }
        return new SyncOutcome(results);
    }
}
