package org.rait.babeld;

import java.util.List;
import java.util.Objects;

/** One command of a babeld sync, with the reason it is sent. */
public sealed interface SyncStep {
    /** The line sent to babeld. */
    String command();

    /** Alternating keys and values naming the step in a log line. */
    List<Object> fields();

    /** Start running babeld on a managed interface it does not know yet. */
    record AddInterface(String name, String param) implements SyncStep {
        public AddInterface {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(param, "param");
        }

        @Override
        public String command() {
            return param.isBlank() ? "interface " + name : "interface " + name + " " + param.trim();
        }

        @Override
        public List<Object> fields() {
            return List.of("action", "add", "interface", name);
        }
    }

    /** Stop running babeld on an interface rait no longer manages. */
    record FlushInterface(String name) implements SyncStep {
        public FlushInterface {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String command() {
            return "flush interface " + name;
        }

        @Override
        public List<Object> fields() {
            return List.of("action", "flush", "interface", name);
        }
    }

    /** The operator's {@code extra_cmd}, sent after the interfaces are in place. */
    record ExtraCommand(String line) implements SyncStep {
        public ExtraCommand {
            Objects.requireNonNull(line, "line");
        }

        @Override
        public String command() {
            return line;
        }

        @Override
        public List<Object> fields() {
            return List.of("action", "extra", "command", line);
        }
    }
}
