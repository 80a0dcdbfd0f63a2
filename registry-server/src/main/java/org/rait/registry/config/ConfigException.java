package org.rait.registry.config;

/** The registry config file is wrong; the message names file, line, column and key. */
public final class ConfigException extends Exception {
    public ConfigException(String message) {
        super(message);
    }
}
