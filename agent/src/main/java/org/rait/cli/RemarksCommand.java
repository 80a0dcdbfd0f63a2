package org.rait.cli;

import org.rait.config.Remarks;
import org.rait.configfile.ConfigFiles;
import org.rait.configfile.Syntax;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "remarks", aliases = "r", mixinStandardHelpOptions = true,
        description = {"Print the value of KEY from rait.conf's remarks block (RAIT v3's free-form notes); nothing,"
                + " with exit 0, when it is absent. A dotted KEY reaches into a nested block.",
                "A list prints one item a line, a block in the block syntax; without KEY the whole block."})
final class RemarksCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions config;

    @Parameters(paramLabel = "KEY", arity = "0..1", description = "the remark to print")
    String key;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
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
