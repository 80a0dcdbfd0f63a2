package org.rait.babeld;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StepResultTest {
    private static final Reply OK = new Reply.Ok(List.of());

    @Test
    void aFlushOfAnInterfaceBabeldNoLongerHasReachedItsGoal() {
        StepResult gone = new StepResult(new SyncStep.FlushInterface("rait6x1"), new Reply.No("No such interface"));

        assertTrue(gone.succeeded());
        assertEquals("event=babeld action=flush interface=rait6x1 result=ok reply=\"no No such interface\"", gone.logLine());
    }

    @Test
    void anAddBabeldRefusesIsAFailureWithItsReply() {
        StepResult refused = new StepResult(new SyncStep.AddInterface("rait6x1", "type bogus"), new Reply.Bad());

        assertFalse(refused.succeeded());
        assertEquals("event=babeld action=add interface=rait6x1 result=failed reply=bad", refused.logLine());
        assertTrue(BabeldStep.Result.of(List.of(refused)).failed());
    }

    @Test
    void extraCommandsAreQuotedInTheLogLine() {
        StepResult extra = new StepResult(new SyncStep.ExtraCommand("interface \"x\" type wired"), OK);

        assertEquals("event=babeld action=extra command=\"interface \\\"x\\\" type wired\" result=ok", extra.logLine());
    }

    @Test
    void onlyAcceptedAddsAndFlushesCountAsChangedInterfaces() {
        BabeldStep.Result extraOnly = BabeldStep.Result.of(List.of(new StepResult(new SyncStep.ExtraCommand("x"), OK)));
        BabeldStep.Result flushed = BabeldStep.Result.of(List.of(new StepResult(new SyncStep.FlushInterface("rait6x1"), OK)));
        BabeldStep.Result alreadyGone = BabeldStep.Result.of(List.of(
                new StepResult(new SyncStep.FlushInterface("rait6x1"), new Reply.No("No such interface"))));

        assertFalse(extraOnly.changedInterfaces());
        assertTrue(flushed.changedInterfaces());
        assertFalse(alreadyGone.changedInterfaces());
    }
}
