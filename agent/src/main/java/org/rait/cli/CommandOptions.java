package org.rait.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Options declared in code. rait's commands build their picocli model this way rather than through
 * annotations: reading annotations makes the JVM generate a proxy class per annotation type, which cost
 * more than the rest of picocli at every start (docs/benchmarks.md, "Start-up").
 */
final class CommandOptions {
    private CommandOptions() {
    }

    /** An option that takes no value: true when given, false otherwise. */
    static OptionSpec flag(String description, String... names) {
        return OptionSpec.builder(names).type(boolean.class).initialValue(false).description(description).build();
    }

    /** An option with a value of this type, shown in the usage as LABEL. */
    static OptionSpec.Builder value(Class<?> type, String label, String description, String... names) {
        return OptionSpec.builder(names).type(type).paramLabel(label).description(description);
    }

    /** What picocli's mixinStandardHelpOptions adds: -h/--help and -V/--version. */
    static CommandSpec withHelp(CommandSpec command) {
        return command.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).type(boolean.class)
                        .description("Show this help message and exit.").build())
                .addOption(OptionSpec.builder("-V", "--version").versionHelp(true).type(boolean.class)
                        .description("Print version information and exit.").build());
    }
}
