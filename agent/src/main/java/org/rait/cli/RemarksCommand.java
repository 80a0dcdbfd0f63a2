package org.rait.cli;

import org.rait.config.Remarks;
import org.rait.configfile.ConfigFiles;
import org.rait.configfile.Syntax;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** `rait remarks`. */
final class RemarksCommand implements Callable<Integer> {
    private final CommandSpec spec = CommandSpec.wrapWithoutInspection(this);
    private final GlobalOptions config;
    private final PositionalParamSpec key = PositionalParamSpec.builder().index("0").arity("0..1").type(String.class)
            .paramLabel("KEY").description("the remark to print").build();

    private RemarksCommand(GlobalOptions beforeCommand) {
        spec.usageMessage().description("Print the value of KEY from rait.conf's remarks block (RAIT v3's free-form notes); nothing,"
                        + " with exit 0, when it is absent. A dotted KEY reaches into a nested block.",
                "A list prints one item a line, a block in the block syntax; without KEY the whole block.");
        config = new GlobalOptions(spec, beforeCommand);
        CommandOptions.withHelp(spec.addPositional(key));
    }

    static CommandSpec model(GlobalOptions beforeCommand) {
        return new RemarksCommand(beforeCommand).spec;
    }

    @Override
    public Integer call() {
        String key = this.key.getValue();
        Remarks remarks = RaitFiles.config(config.location()).remarks();
        PrintWriter out = spec.commandLine().getOut();
        if (key == null) {
            if (!remarks.isEmpty()) out.print(ConfigFiles.render(remarks, Syntax.BLOCK));
        } else {
            remarks.get(key).ifPresent(value -> print(key, value, out));
        }
        out.flush();
        return ExitStatus.OK;
    }

    private static void print(String key, Object value, PrintWriter out) {
        if (value instanceof Remarks || value instanceof List<?> list && list.stream().anyMatch(Remarks.class::isInstance)) {
            String name = key.substring(key.lastIndexOf('.') + 1);
            out.print(ConfigFiles.render(new Remarks(Map.of(name, value)), Syntax.BLOCK));
        } else if (value instanceof List<?> list) {
            list.forEach(out::println);
        } else {
            out.println(value);
        }
    }
}
