package org.rait.babeld;

import java.io.IOException;

/** Lines coming from babeld, without their line terminator; null at end of stream. */
@FunctionalInterface
interface LineSource {
    String readLine() throws IOException;
}
