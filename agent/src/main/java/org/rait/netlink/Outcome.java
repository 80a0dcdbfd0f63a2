package org.rait.netlink;

import java.util.List;

/** What the kernel answered to one request of a batch: its replies, or its refusal ({@code error} non-null). */
public record Outcome(NetlinkRequest request, List<NetlinkMessage> replies, NetlinkException error) {
    public Outcome {
        replies = List.copyOf(replies);
    }

    public boolean failed() {
        return error != null;
    }

    /** The replies; the refusal, when there was one, is thrown. */
    public List<NetlinkMessage> repliesOrThrow() {
        if (error != null) throw error;
        return replies;
    }
}
