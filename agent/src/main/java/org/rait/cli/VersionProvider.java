package org.rait.cli;

import picocli.CommandLine;

final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = RaitCommand.class.getPackage().getImplementationVersion();
        return new String[] {"rait " + (v == null ? "0.1.0-SNAPSHOT" : v)};
    }
}
