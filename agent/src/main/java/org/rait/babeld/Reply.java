package org.rait.babeld;

import java.util.List;
import java.util.Objects;

/**
 * babeld's answer to one control command. Every command ends with exactly one of {@code ok},
 * {@code no <reason>} or {@code bad}; lines before {@code ok} (as in {@code dump}) are its body.
 */
public sealed interface Reply {
    /** The command was carried out; {@code body} holds the lines babeld sent before {@code ok}. */
    record Ok(List<String> body) implements Reply {
        public Ok {
            body = List.copyOf(body);
        }
    }

    /** babeld understood the command but refused it, for instance {@code No such interface}. */
    record No(String reason) implements Reply {
        public No {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** babeld could not parse the command (unknown command, missing name, unknown setting). */
    record Bad() implements Reply {
    }

    default boolean isOk() {
        return this instanceof Ok;
    }

    /** How the reply reads in a log line or an error message. */
    default String describe() {
        if (this instanceof No no) return "no " + no.reason();
        if (this instanceof Bad) return "bad";
        return "ok";
    }
}
