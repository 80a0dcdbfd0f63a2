package org.rait.cli;

import org.rait.status.Version;
import picocli.CommandLine;

final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"rait " + Version.current()};
    }
}
