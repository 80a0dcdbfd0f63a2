package org.rait.cli;

import org.rait.config.RaitConfig;
import picocli.CommandLine.Option;

/** `-c/--config`, shared by every command that reads rait.conf. */
public final class ConfigOption {
    @Option(names = {"-c", "--config"}, paramLabel = "URL", defaultValue = RaitConfig.DEFAULT_PATH,
            description = "rait.conf: a path, '-' for stdin, or an http(s) URL (default: ${DEFAULT-VALUE})")
    String location;

    public String location() {
        return location;
    }
}
